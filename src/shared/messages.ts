/**
 * Typed messages between the extension and its webviews. Everything that crosses the boundary is
 * untrusted on arrival: use the type guards before reading a message.
 */

import { isRecord, isTermId } from '../core/guards';
import { TERM_HISTORY_LIMIT, type TermPageData, type TermPageNav } from '../core/termPageTypes';

export { TERM_HISTORY_LIMIT } from '../core/termPageTypes';
export type { TermPageData, TermPageLink, TermPageNav, TermPageReference } from '../core/termPageTypes';

export { isTermId, TERM_ID_PATTERN } from '../core/guards';

const MAX_LOG = 2000;

// Lab

/** The lab webview's view type (also the serializer's key). */
export const LAB_VIEW_TYPE = 'mlLens.lab';

/** What the lab reports about its state, for logs and for tests that drive it. */
export type LabRunState = 'idle' | 'running' | 'done' | 'stopped' | 'error';

/** Messages the lab webview posts to the extension. */
export type LabToExtensionMessage =
  /** The page has loaded and restored its state; the extension may send commands now. */
  | { type: 'lab/ready' }
  /** Open a glossary term page (a link in the notebook's explanations was clicked). */
  | { type: 'lab/openTerm'; id: string }
  /** A line for the extension's output channel. */
  | { type: 'lab/log'; level: 'info' | 'warn' | 'error'; message: string };

/** Messages the extension posts to the lab webview. */
export type ExtensionToLabMessage =
  /** Run every step of the notebook, as the "Run all" button does. */
  { type: 'lab/runAll' };

/** Validates a message from the lab webview. */
export function isLabToExtensionMessage(x: unknown): x is LabToExtensionMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'lab/ready':
      return true;
    case 'lab/openTerm':
      return isTermId(x.id);
    case 'lab/log':
      return (x.level === 'info' || x.level === 'warn' || x.level === 'error') && typeof x.message === 'string' && x.message.length <= MAX_LOG;
    default:
      return false;
  }
}

/** Validates a message from the extension to the lab webview. */
export function isExtensionToLabMessage(x: unknown): x is ExtensionToLabMessage {
  return isRecord(x) && x.type === 'lab/runAll';
}

/** Settings the extension hands the lab page at load time (in a data attribute of its root). */
export interface LabBootConfig {
  /** Webview URI of the folder with tfjs-backend-wasm's `.wasm` files, ending in '/'; absent if they are not shipped. */
  wasmBase?: string;
}

/** Parses the boot settings, dropping anything unexpected. */
export function parseLabBootConfig(json: string | undefined): LabBootConfig {
  try {
    const x: unknown = JSON.parse(json ?? '{}');
    if (isRecord(x) && typeof x.wasmBase === 'string' && x.wasmBase.endsWith('/') && x.wasmBase.length < 2000) return { wasmBase: x.wasmBase };
  } catch {
    // Fall through to the defaults.
  }
  return {};
}

// Term page

/** Messages the extension posts to the term page. */
export type ExtensionToTermPageMessage =
  | { type: 'term/show'; page: TermPageData; nav: TermPageNav; learned: string[]; seen: string[] }
  | { type: 'term/progress'; learned: string[]; seen: string[] }
  | { type: 'term/missing'; id: string; nav: TermPageNav }
  /** Nothing to show yet (the Concept view before the cursor met a term): the page shows `message`. */
  | { type: 'term/empty'; message: string; nav: TermPageNav };

/** Messages the term page posts to the extension. */
export type TermPageToExtensionMessage =
  /** The page has loaded; the extension sends the current term. */
  | { type: 'term/ready' }
  /** A related-term link was clicked: navigate within the same page. */
  | { type: 'term/open'; id: string }
  | { type: 'term/back' }
  | { type: 'term/forward' }
  | { type: 'term/setLearned'; id: string; learned: boolean }
  | { type: 'term/reveal'; id: string }
  | { type: 'term/openLab'; id: string }
  | { type: 'term/search' }
  | { type: 'term/openExternal'; url: string }
  | { type: 'term/copy'; text: string };

/** State the term page keeps with `setState` (given back to the panel serializer after a reload). */
export interface TermPageState {
  id: string;
  history: string[];
  index: number;
  /** Scroll offsets by `<history position>:<id>`, so that back/forward and reloads keep the place. */
  scroll?: Record<string, number>;
}

/** Longest text the page may ask to copy. */
export const TERM_COPY_LIMIT = 200_000;

/** An http(s) URL without credentials, normalised; undefined for anything else. */
export function safeExternalUrl(x: unknown): string | undefined {
  if (typeof x !== 'string' || x.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(x);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
  return url.toString();
}

/** Validates a message from the term page; undefined for anything malformed or unknown. */
export function parseTermPageMessage(x: unknown): TermPageToExtensionMessage | undefined {
  if (!isRecord(x)) return undefined;
  switch (x.type) {
    case 'term/ready':
    case 'term/back':
    case 'term/forward':
    case 'term/search':
      return { type: x.type };
    case 'term/open':
    case 'term/reveal':
    case 'term/openLab':
      return isTermId(x.id) ? { type: x.type, id: x.id } : undefined;
    case 'term/setLearned':
      return isTermId(x.id) && typeof x.learned === 'boolean' ? { type: x.type, id: x.id, learned: x.learned } : undefined;
    case 'term/openExternal': {
      const url = safeExternalUrl(x.url);
      return url ? { type: x.type, url } : undefined;
    }
    case 'term/copy':
      return typeof x.text === 'string' && x.text.length <= TERM_COPY_LIMIT ? { type: x.type, text: x.text } : undefined;
    default:
      return undefined;
  }
}

/** Validates a message from the extension to the term page (the page checks before rendering). */
export function isExtensionToTermPageMessage(x: unknown): x is ExtensionToTermPageMessage {
  if (!isRecord(x)) return false;
  const ids = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');
  switch (x.type) {
    case 'term/show':
      return isRecord(x.page) && typeof x.page.id === 'string' && isRecord(x.nav) && ids(x.learned) && ids(x.seen);
    case 'term/progress':
      return ids(x.learned) && ids(x.seen);
    case 'term/missing':
      return typeof x.id === 'string' && isRecord(x.nav);
    case 'term/empty':
      return typeof x.message === 'string' && x.message.length <= MAX_LOG && isRecord(x.nav);
    default:
      return false;
  }
}

/** Validates the state a term page saved (it comes back through the panel serializer). */
export function parseTermPageState(x: unknown): TermPageState | undefined {
  if (!isRecord(x) || !isTermId(x.id)) return undefined;
  const id = x.id;
  const history = Array.isArray(x.history) ? x.history.filter(isTermId).slice(-TERM_HISTORY_LIMIT) : [];
  let index = typeof x.index === 'number' && Number.isInteger(x.index) ? x.index : history.length - 1;
  if (history[index] !== id) {
    history.splice(0, history.length, id);
    index = 0;
  }
  const scroll: Record<string, number> = {};
  if (isRecord(x.scroll)) {
    for (const [k, v] of Object.entries(x.scroll)) {
      if (/^\d{1,3}:[a-z0-9-]{0,80}$/.test(k) && typeof v === 'number' && Number.isFinite(v) && v >= 0) scroll[k] = v;
    }
  }
  return { id, history, index, scroll };
}

// Review

/** The review webview's view type. */
export const REVIEW_VIEW_TYPE = 'mlLens.review';
const MAX_REVIEW_TEXT = 4000;

/** One card as the review page shows it; every string is shown as text, never as HTML. */
export interface ReviewCardView {
  id: string;
  /** `recall`: recall the meaning of the term; `choice`: pick the term for a definition. */
  kind: 'recall' | 'choice';
  title: string;
  /** The short definition, as plain text. */
  summary: string;
  /** The key idea (first paragraph of the entry), as plain text; may be empty. */
  keyIdea: string;
  /** Where the term was met: the file's name and the code line. */
  where?: { file: string; line?: string };
  /** A term never reviewed before. */
  fresh: boolean;
  /** For `choice` cards: the options, one of which is `id`. */
  options?: Array<{ id: string; title: string }>;
}

/** Messages the extension posts to the review page. */
export type ExtensionToReviewMessage =
  | { type: 'review/card'; card: ReviewCardView; index: number; total: number }
  | { type: 'review/done'; reviewed: number; learned: string[]; waiting: number };

/** Messages the review page posts to the extension. */
export type ReviewToExtensionMessage =
  /** The page has loaded; the extension sends the current card. */
  | { type: 'review/ready' }
  /** A recall card was graded: 1 Again, 2 Hard, 3 Good, 4 Easy. */
  | { type: 'review/grade'; id: string; rating: 1 | 2 | 3 | 4 }
  /** A choice card was answered with `chosen`. */
  | { type: 'review/choose'; id: string; chosen: string }
  | { type: 'review/openTerm'; id: string }
  | { type: 'review/close' };

/** Validates a message from the review page; undefined for anything malformed or unknown. */
export function parseReviewMessage(x: unknown): ReviewToExtensionMessage | undefined {
  if (!isRecord(x)) return undefined;
  switch (x.type) {
    case 'review/ready':
    case 'review/close':
      return { type: x.type };
    case 'review/grade':
      return isTermId(x.id) && (x.rating === 1 || x.rating === 2 || x.rating === 3 || x.rating === 4) ? { type: x.type, id: x.id, rating: x.rating } : undefined;
    case 'review/choose':
      return isTermId(x.id) && isTermId(x.chosen) ? { type: x.type, id: x.id, chosen: x.chosen } : undefined;
    case 'review/openTerm':
      return isTermId(x.id) ? { type: x.type, id: x.id } : undefined;
    default:
      return undefined;
  }
}

const text = (v: unknown, max = MAX_REVIEW_TEXT): v is string => typeof v === 'string' && v.length <= max;

function isReviewCardView(x: unknown): x is ReviewCardView {
  if (!isRecord(x) || !isTermId(x.id) || (x.kind !== 'recall' && x.kind !== 'choice')) return false;
  if (!text(x.title, 200) || !text(x.summary) || !text(x.keyIdea) || typeof x.fresh !== 'boolean') return false;
  if (x.where !== undefined && !(isRecord(x.where) && text(x.where.file, 500) && (x.where.line === undefined || text(x.where.line, 500)))) return false;
  if (x.kind === 'choice') {
    return Array.isArray(x.options) && x.options.length >= 2 && x.options.length <= 4 && x.options.every((o) => isRecord(o) && isTermId(o.id) && text(o.title, 200)) && x.options.some((o) => (o as { id: unknown }).id === x.id);
  }
  return x.options === undefined;
}

/** Validates a message from the extension to the review page (the page checks before rendering). */
export function isExtensionToReviewMessage(x: unknown): x is ExtensionToReviewMessage {
  if (!isRecord(x)) return false;
  const count = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  switch (x.type) {
    case 'review/card':
      return isReviewCardView(x.card) && count(x.index) && count(x.total) && (x.index as number) < (x.total as number);
    case 'review/done':
      return count(x.reviewed) && count(x.waiting) && Array.isArray(x.learned) && x.learned.every((t) => text(t, 200));
    default:
      return false;
  }
}

/** The review page's labels, localised by the extension and handed over at load time. */
export interface ReviewStrings {
  [key: string]: string;
}

/** Parses the labels from the page's data attribute, keeping only short strings. */
export function parseReviewStrings(json: string | undefined): ReviewStrings {
  const out: ReviewStrings = {};
  try {
    const x: unknown = JSON.parse(json ?? '{}');
    if (isRecord(x)) for (const [k, v] of Object.entries(x)) if (/^[a-zA-Z]{1,40}$/.test(k) && text(v, 300)) out[k] = v;
  } catch {
    // Fall back to the page's built-in English labels.
  }
  return out;
}
