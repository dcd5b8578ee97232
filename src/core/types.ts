/** Identifier of a glossary entry: the file name of `glossary/<id>.md` without extension. */
export type TermId = string;

/** How a related entry relates to the one that links to it. */
export type Relation = 'see-also' | 'contrast' | 'prerequisite' | 'part-of' | 'example';

/** A link from one entry to another. */
export interface RelatedLink {
  id: TermId;
  rel: Relation;
}

/** How much a reader needs to know before an entry makes sense. */
export type Level = 'beginner' | 'intermediate' | 'advanced';

/** The levels, easiest first. */
export const LEVELS: readonly Level[] = ['beginner', 'intermediate', 'advanced'];

/** A code block of an entry that is shown but not run, and why. */
export interface ExampleNote {
  /** 1-based number of the block among the entry's fenced code blocks. */
  block: number;
  reason: string;
  /** Line of the note in the entry's file. */
  line: number;
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

/** Where an ambiguous word may take a sense: see {@link Sense}. */
export type SenseCondition = 'code' | 'member' | 'compound' | 'prose';

/** The condition names a glossary file may use in `senses[].when`. */
export const SENSE_CONDITIONS: readonly SenseCondition[] = ['code', 'member', 'compound', 'prose'];

/**
 * The conditions under which an ambiguous word (`loss`, `bias`, `momentum`) means an entry.
 * The word takes the sense when it is a keyword argument of one of `args`, or when one of
 * `when` holds (and, if `near` is given, one of those terms is used close by):
 * - `code`: in code of a document that imports an ML library;
 * - `member`: the same, as an attribute or method (`layer.weight`, `model.parameters()`);
 * - `compound`: inside an identifier together with another ML word (`val_loss`, `label2id`);
 * - `prose`: in a comment, docstring or Markdown, near other ML terms.
 */
export interface Sense {
  when: SenseCondition[];
  /** Calls whose keyword argument the word may be (`nn.Linear` for `bias=`). */
  args?: string[];
  /** Terms of which one must be used nearby. */
  near?: TermId[];
  /** For `compound`: the other words that make it ML (normalised); defaults to a built-in list. */
  with?: string[];
  /** Normalised words that, in the same identifier, mean another sense (`x` in `xlabel`). */
  unless?: string[];
}

/** A word an entry claims only in context. */
export interface SenseSpec extends Sense {
  word: string;
}

/** A glossary category, in display order. */
export interface Category {
  id: string;
  title: string;
}

/**
 * An entry's title and short definition in one display language (front matter `l10n.<locale>`).
 * Either may be missing; the English one is shown in its place.
 */
export interface TermL10n {
  /** The term's name in that language (`学习率`). */
  title?: string;
  /** The short definition in that language: plain Markdown, no LaTeX, within the English limits. */
  summary?: string;
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
  /** How much a reader needs to know first. */
  level?: Level;
  /** True when the pre-training lab demonstrates this term. */
  lab?: boolean;
  /**
   * Title and summary in other display languages, by lowercase locale as VS Code names it
   * (`zh-cn`); present only for the locales and fields the entry gives. The body stays English.
   */
  l10n?: Record<string, TermL10n>;
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
  /** Present on a word that matches only in context. */
  sense?: Sense;
  /** A phrase in which the entry's words mean something else (`Unix epoch`): it matches and shows nothing. */
  quiet?: true;
}

/** The compiled glossary index (`dist/glossary/index.json`). */
export interface GlossaryIndexData {
  version: 1;
  categories: Category[];
  terms: TermSummary[];
  keys: MatchKey[];
}

/** Full entry body, loaded lazily (`dist/glossary/bodies/<id>.json`). */
export interface TermBody {
  id: TermId;
  /** Markdown body after the short definition (sections In depth, Example, Common misconceptions). */
  markdown: string;
  /** The body rendered when the glossary was compiled: math typeset, code coloured, raw HTML escaped. */
  html: string;
  /** The short definition rendered inline. */
  summaryHtml: string;
  references: Reference[];
  /** Code blocks shown but not run, and why. */
  notRun?: Array<{ block: number; reason: string }>;
}
