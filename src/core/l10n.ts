/**
 * Translation for text built in the core. The core cannot import `vscode`, so the functions that
 * produce user-visible text take a {@link Translate}: the VS Code layer passes `vscode.l10n.t`, the
 * webviews pass `@vscode/l10n`'s `t`, and everything else (the CLI, tests) gets {@link english}.
 *
 * Call it with a string literal, `t('Open in glossary')`, so that `scripts/l10n-export.js` finds the
 * message, and put values in `{0}`, `{1}` placeholders rather than concatenating them.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills `{0}`, `{1}`… with the arguments; a placeholder without an argument stays as written. */
export function formatMessage(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

/** The untranslated messages, with their placeholders filled. */
export const english: Translate = (message, ...args) => formatMessage(message, args);
