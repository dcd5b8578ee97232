// Loads the display language's bundle into @vscode/l10n. Import this module before any module that
// translates at load time: the extension puts the bundle in the root element's `data-l10n`.
import * as l10n from '@vscode/l10n';

/** Configures `@vscode/l10n` from `data-l10n` on the element with id `rootId`; English when absent or unreadable. */
export function configureL10n(rootId: string): void {
  const raw = document.getElementById(rootId)?.dataset.l10n;
  if (!raw) return;
  try {
    const contents: unknown = JSON.parse(raw);
    if (contents && typeof contents === 'object' && Object.values(contents).every((v) => typeof v === 'string')) {
      l10n.config({ contents: contents as Record<string, string> });
    }
  } catch {
    // A malformed bundle leaves the page in English.
  }
}
