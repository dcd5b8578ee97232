import * as vscode from 'vscode';
import { escapeHtml } from '../core/html';

/**
 * ` data-l10n="…"` for a webview's root element: the display language's runtime bundle
 * (`vscode.l10n.bundle`), which the page hands to `@vscode/l10n`; nothing in English. It travels in
 * the page shell, so the first render is already translated and no inline script is needed.
 */
export function l10nAttribute(): string {
  const bundle = vscode.l10n.bundle;
  return bundle ? ` data-l10n="${escapeHtml(JSON.stringify(bundle))}"` : '';
}
