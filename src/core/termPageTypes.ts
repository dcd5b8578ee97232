/**
 * What a term page shows: plain data built by the core (termPageModel) and carried to the page by
 * the webview protocol (src/shared/messages.ts), which imports these types from here.
 */

/** A related term as the term page lists it. */
export interface TermPageLink {
  id: string;
  title: string;
  /** How it relates to the page's term; `referenced-by` for terms that link to it. */
  rel: 'see-also' | 'contrast' | 'prerequisite' | 'part-of' | 'example' | 'referenced-by';
  /** Its short definition, as plain text (for the link's tooltip). */
  summary: string;
}

/** A paper or text behind an entry. */
export interface TermPageReference {
  title: string;
  authors?: string;
  year?: number;
  url?: string;
}

/** Everything the term page shows for one entry. */
export interface TermPageData {
  id: string;
  title: string;
  category: { id: string; title: string };
  /** Short definition (Markdown source, for text uses). */
  summary: string;
  /** Short definition as HTML, rendered when the glossary was compiled. */
  summaryHtml: string;
  /** The rest of the entry as HTML (math typeset, code coloured), rendered when the glossary was compiled; empty when the body could not be loaded. */
  html: string;
  /** How much a reader needs to know first. */
  level?: 'beginner' | 'intermediate' | 'advanced';
  /** Code blocks (1-based) that are shown but not run by the glossary's example checks, and why. */
  notRun: Array<{ block: number; reason: string }>;
  aliases: string[];
  code: string[];
  tags: string[];
  related: TermPageLink[];
  references: TermPageReference[];
  /** The pre-training lab demonstrates this term. */
  lab: boolean;
  /** Neighbours in the category's alphabetical order, for studying a category in sequence. */
  previous?: { id: string; title: string };
  next?: { id: string; title: string };
  /** 1-based position in the category and the category's size. */
  position: { index: number; total: number };
}

/** Back/forward state of a term page. */
export interface TermPageNav {
  canBack: boolean;
  canForward: boolean;
  /** The page's history and current position, kept by the webview so that a reload restores it. */
  history: string[];
  index: number;
}

/** Most history entries a term page keeps. */
export const TERM_HISTORY_LIMIT = 50;
