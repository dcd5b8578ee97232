import type { TermId, TermL10n, TermSummary } from './types';

/**
 * Display languages a glossary entry may give a title and summary in: the values of VS Code's
 * `vscode.env.language` for its language packs, lowercase as VS Code writes them.
 */
export const DISPLAY_LOCALES: readonly string[] = [
  'bg', 'cs', 'de', 'es', 'fr', 'hu', 'id', 'it', 'ja', 'ko', 'pl', 'pt-br', 'ru', 'tr', 'uk', 'vi', 'zh-cn', 'zh-tw',
];

/**
 * The 25 terms a learner meets first, which every shipped translation covers. Chosen from what a
 * newcomer sees before anything else:
 * - the walkthrough: its hover step names learning_rate and dropout, its search step attention and
 *   SGD (gradient descent), its lab step pre-training, fine-tuning, transfer learning and embeddings;
 * - the terms `ml-lens scan samples` finds most often in the sample files it opens (tokenization,
 *   label, epoch, loss function, neural network, accuracy, optimizer, batch size);
 * - the beginner fundamentals every one of those builds on: machine learning, parameters against
 *   hyperparameters, training and validation sets, gradients and backpropagation, activation
 *   functions and overfitting.
 * AdamW, also in the walkthrough, is left out: its name is the same in every language.
 */
export const FIRST_TERMS: readonly TermId[] = [
  'accuracy', 'activation-function', 'attention', 'backpropagation', 'batch-size',
  'dropout', 'embedding', 'epoch', 'fine-tuning', 'gradient',
  'gradient-descent', 'hyperparameter', 'label', 'learning-rate', 'loss-function',
  'machine-learning', 'neural-network', 'optimizer', 'overfitting', 'parameter',
  'pre-training', 'tokenization', 'training-set', 'transfer-learning', 'validation-set',
];

/** The shape of a lowercase language tag as VS Code writes its display language (`zh-cn`, `pt-br`). */
export const LOCALE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;

/** Locales the shipped glossary must cover for every entry of {@link FIRST_TERMS}. */
export const REQUIRED_LOCALES: readonly string[] = ['zh-cn'];

/**
 * VS Code's display language as a glossary locale: lowercase, `_` read as `-`. English (and no
 * language) is undefined: the entries are written in English.
 */
export function normalizeLocale(language: string | undefined): string | undefined {
  const l = (typeof language === 'string' ? language : '').trim().toLowerCase().replace(/_/g, '-');
  return !l || l === 'en' || l.startsWith('en-') ? undefined : l;
}

/**
 * A term's title and summary in `locale`, if the entry gives them. Entries use VS Code's own tags,
 * so the tag must match exactly: there is no fallback, and in particular `zh-tw` (Traditional
 * characters) never shows the `zh-cn` (Simplified) text.
 */
export function localizedFields(term: Pick<TermSummary, 'l10n'>, locale: string | undefined): TermL10n | undefined {
  const loc = normalizeLocale(locale);
  return loc && term.l10n ? term.l10n[loc] : undefined;
}

/** The title to show: the localized one when the entry has it, else the English one. */
export function displayTitle(term: Pick<TermSummary, 'title' | 'l10n'>, locale: string | undefined): string {
  return localizedFields(term, locale)?.title ?? term.title;
}

/** The short definition to show: the localized one when the entry has it, else the English one. */
export function displaySummary(term: Pick<TermSummary, 'summary' | 'l10n'>, locale: string | undefined): string {
  return localizedFields(term, locale)?.summary ?? term.summary;
}

/**
 * A name reduced for matching in any script: compatibility forms folded (full-width letters),
 * lower case, accents, spaces and punctuation dropped. `学习率` stays `学习率`; `Taux d'apprentissage`
 * becomes `tauxdapprentissage`.
 */
export function unicodeKey(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}
