/**
 * Messages between the notebook Markdown renderer (glossary terms in rendered cells) and the
 * extension. Both sides treat what arrives as untrusted and parse it with these guards.
 */
import type { GlossaryLayer } from '../core/glossary/join';
import { isRecord } from '../core/guards';
import { isTermId } from './messages';
import { LOCALE_TAG } from '../core/localized';
import type { Category, MatchKey, Sense, TermL10n, TermSummary } from '../core/types';

/** Id of the renderer, as declared in package.json (`contributes.notebookRenderer`). */
export const NOTEBOOK_TERMS_RENDERER_ID = 'ml-lens.markdownTerms';

/** Longest ignore list accepted from a message. */
const MAX_IGNORE = 500;
const MAX_NAME = 200;
/** Bounds on the workspace glossary a message may carry. */
const MAX_TERMS = 5000;
const MAX_KEYS = 50000;
const MAX_TEXT = 4000;

/** What the renderer posts to the extension. */
export type NotebookTermsToExtensionMessage =
  /** The renderer has started and wants the current settings. */
  | { type: 'notebookTerms/ready' }
  /** A marked term was clicked: open its page. */
  | { type: 'notebookTerms/open'; id: string };

/** What the extension posts to the renderer. */
export interface NotebookTermsSettingsMessage {
  type: 'notebookTerms/settings';
  /** `mlLens.hover.enabled`. */
  enabled: boolean;
  /** `mlLens.hover.ignore`. */
  ignore: string[];
  /** VS Code's display language (`zh-cn`), for tooltips in it. */
  locale?: string;
  /**
   * The workspace's own glossary entries, cut to what matching and tooltips use, joined by the
   * renderer to its built-in index; absent when the workspace has none.
   */
  workspace?: GlossaryLayer;
}

/** Parses a message from the renderer; undefined for anything malformed. */
export function parseNotebookTermsMessage(x: unknown): NotebookTermsToExtensionMessage | undefined {
  if (!isRecord(x)) return undefined;
  if (x.type === 'notebookTerms/ready') return { type: 'notebookTerms/ready' };
  if (x.type === 'notebookTerms/open' && isTermId(x.id)) return { type: 'notebookTerms/open', id: x.id };
  return undefined;
}

/** Parses the settings message in the renderer; undefined for anything malformed. */
export function parseNotebookTermsSettings(x: unknown): NotebookTermsSettingsMessage | undefined {
  if (!isRecord(x) || x.type !== 'notebookTerms/settings' || typeof x.enabled !== 'boolean' || !Array.isArray(x.ignore)) return undefined;
  if (x.ignore.length > MAX_IGNORE || !x.ignore.every((n) => typeof n === 'string' && n.length <= MAX_NAME)) return undefined;
  const locale = typeof x.locale === 'string' && LOCALE_TAG.test(x.locale.toLowerCase()) ? x.locale : undefined;
  const workspace = x.workspace === undefined ? undefined : parseGlossaryLayer(x.workspace);
  if (x.workspace !== undefined && !workspace) return undefined;
  return { type: 'notebookTerms/settings', enabled: x.enabled, ignore: x.ignore as string[], ...(locale ? { locale } : {}), ...(workspace ? { workspace } : {}) };
}

const isText = (x: unknown, max = MAX_TEXT): x is string => typeof x === 'string' && x.length <= max;
const isTextList = (x: unknown): x is string[] => Array.isArray(x) && x.length <= 200 && x.every((v) => isText(v, MAX_NAME));
const optional = (x: unknown, check: (v: unknown) => boolean): boolean => x === undefined || check(x);

function parseL10n(x: unknown): Record<string, TermL10n> | undefined {
  if (!isRecord(x)) return undefined;
  const out: Record<string, TermL10n> = {};
  for (const [tag, v] of Object.entries(x)) {
    if (!LOCALE_TAG.test(tag) || !isRecord(v) || !optional(v.title, isText) || !optional(v.summary, isText)) return undefined;
    out[tag] = { ...(typeof v.title === 'string' ? { title: v.title } : {}), ...(typeof v.summary === 'string' ? { summary: v.summary } : {}) };
  }
  return out;
}

/** A term cut to id, title, category, summary and its translations: all that matching and tooltips read. */
function tooltipTerm(t: Pick<TermSummary, 'id' | 'title' | 'category' | 'summary' | 'l10n'>): TermSummary {
  return { id: t.id, title: t.title, category: t.category, summary: t.summary, ...(t.l10n ? { l10n: t.l10n } : {}), aliases: [], code: [], tags: [], related: [] };
}

function parseTerm(x: unknown): TermSummary | undefined {
  if (!isRecord(x) || !isTermId(x.id) || !isText(x.title, MAX_NAME) || !isText(x.category, MAX_NAME) || !isText(x.summary)) return undefined;
  const l10n = x.l10n === undefined ? undefined : parseL10n(x.l10n);
  if (x.l10n !== undefined && !l10n) return undefined;
  return tooltipTerm({ id: x.id, title: x.title, category: x.category, summary: x.summary, l10n });
}

function isSense(x: unknown): x is Sense {
  return isRecord(x) && isTextList(x.when) && optional(x.args, isTextList) && optional(x.near, isTextList)
    && optional(x.with, isTextList) && optional(x.unless, isTextList);
}

function isMatchKey(x: unknown): x is MatchKey {
  return isRecord(x) && isTermId(x.term) && isText(x.display, MAX_NAME)
    && optional(x.tokens, (v) => isText(v, MAX_NAME)) && optional(x.exact, (v) => isText(v, MAX_NAME)) && optional(x.qualifier, (v) => isText(v, MAX_NAME))
    && optional(x.caseSensitive, (v) => typeof v === 'boolean') && optional(x.wholeWord, (v) => typeof v === 'boolean')
    && optional(x.sense, isSense) && optional(x.quiet, (v) => v === true) && (x.tokens !== undefined || x.exact !== undefined);
}

/** Parses the workspace glossary of a settings message; undefined when any part is malformed. */
export function parseGlossaryLayer(x: unknown): GlossaryLayer | undefined {
  if (!isRecord(x) || !isRecord(x.index) || !Array.isArray(x.overridden) || !x.overridden.every(isTermId)) return undefined;
  const { terms, keys, categories } = x.index;
  if (!Array.isArray(terms) || terms.length > MAX_TERMS || !Array.isArray(keys) || keys.length > MAX_KEYS || !Array.isArray(categories)) return undefined;
  const parsed = terms.map(parseTerm);
  if (!parsed.every((t): t is TermSummary => t !== undefined) || !keys.every(isMatchKey)) return undefined;
  if (!categories.every((c): c is Category => isRecord(c) && isText(c.id, MAX_NAME) && isText(c.title, MAX_NAME))) return undefined;
  return {
    index: { version: 1, categories: categories.map((c) => ({ id: c.id, title: c.title })), terms: parsed, keys: keys as MatchKey[] },
    overridden: x.overridden as string[],
  };
}

/** The workspace glossary as the renderer needs it: terms cut to what tooltips read. */
export function notebookLayer(layer: GlossaryLayer): GlossaryLayer {
  return {
    index: { ...layer.index, terms: layer.index.terms.map(tooltipTerm) },
    overridden: [...layer.overridden],
  };
}
