/** Identifier of a glossary entry: the file name of `glossary/<id>.md` without extension. */
export type TermId = string;

/** How a related entry relates to the one that links to it. */
export type Relation = 'see-also' | 'contrast' | 'prerequisite' | 'part-of' | 'example';

/** A link from one entry to another. */
export interface RelatedLink {
  id: TermId;
  rel: Relation;
}

/** A paper or standard text behind an entry. */
export interface Reference {
  title: string;
  authors?: string;
  year?: number;
  url?: string;
}

/** An alias with its matching rules. */
export interface AliasSpec {
  text: string;
  /** Match only this exact casing. */
  caseSensitive: boolean;
  /** Never match as a camelCase piece glued to other letters. */
  wholeWord: boolean;
}

/** A glossary category, in display order. */
export interface Category {
  id: string;
  title: string;
}

/** The compact per-term record that the extension loads at activation. */
export interface TermSummary {
  id: TermId;
  title: string;
  category: string;
  /** The short definition (one or two sentences, plain Markdown). */
  summary: string;
  aliases: string[];
  code: string[];
  tags: string[];
  related: RelatedLink[];
  /** True when the pre-training lab demonstrates this term. */
  lab?: boolean;
}

/** One key the matcher indexes: a normalised token sequence, or an exact code identifier. */
export interface MatchKey {
  term: TermId;
  /** Normalised sub-tokens joined by single spaces, e.g. `learning rate`. */
  tokens?: string;
  /** Exact text (case-sensitive) of a code identifier's last segment, e.g. `AdamW`. */
  exact?: string;
  /** For generic last segments: the previous dotted segment that must precede `exact`. */
  qualifier?: string;
  /** Original spelling, shown in hovers ("lr → learning rate"). */
  display: string;
  caseSensitive?: boolean;
  wholeWord?: boolean;
}

/** The compiled glossary index (`dist/glossary/index.json`). */
export interface GlossaryIndexData {
  version: 1;
  categories: Category[];
  terms: TermSummary[];
  keys: MatchKey[];
}

/** Full entry body, loaded lazily (`dist/glossary/bodies.json`). */
export interface TermBody {
  id: TermId;
  /** Markdown body after the short definition (sections In depth, Example, Common misconceptions). */
  markdown: string;
  references: Reference[];
}
