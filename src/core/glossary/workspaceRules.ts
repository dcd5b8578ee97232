import type { EntryRules } from './parse';

/**
 * The rules of a workspace's own glossary: a title, a category and a short definition are enough.
 * In a module of its own so that the extension can name them without bundling the parser.
 */
export const WORKSPACE_RULES: EntryRules = { maxSummaryChars: 300, maxSummarySentences: 2, minDepthWords: 0, minRelated: 0, workspace: true };
