/**
 * Messages between the notebook Markdown renderer (glossary terms in rendered cells) and the
 * extension. Both sides treat what arrives as untrusted and parse it with these guards.
 */
import { isRecord } from '../core/guards';
import { isTermId } from './messages';
import { LOCALE_TAG } from '../core/localized';

/** Id of the renderer, as declared in package.json (`contributes.notebookRenderer`). */
export const NOTEBOOK_TERMS_RENDERER_ID = 'ml-lens.markdownTerms';

/** Longest ignore list accepted from a message. */
const MAX_IGNORE = 500;
const MAX_NAME = 200;

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
  return { type: 'notebookTerms/settings', enabled: x.enabled, ignore: x.ignore as string[], ...(locale ? { locale } : {}) };
}
