import type * as vscode from 'vscode';
import { escapeHtml } from '../core/html';

/** A random nonce for a page's Content Security Policy (crypto-strength where available). */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint8Array): Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** What a webview page shell is made of. */
export interface WebviewPage {
  webview: vscode.Webview;
  title: string;
  script: vscode.Uri;
  style: vscode.Uri;
  /** Stylesheets loaded before `style` (e.g. KaTeX's). */
  extraStyles?: vscode.Uri[];
  /** Trusted markup of the page's root element; the script renders the rest. */
  body: string;
  /** Extra script-src sources, e.g. `'wasm-unsafe-eval'`. */
  scriptSources?: string[];
  /** Allow fetch() from the extension's own resources (e.g. .wasm files). */
  connectToResources?: boolean;
  nonce?: string;
  /** The page's language (`vscode.env.language`); `en` when absent. */
  lang?: string;
}

/**
 * The HTML shell of every ML Lens webview: a strict nonce-based CSP (no inline script or style,
 * nothing remote), one stylesheet and one script from the extension.
 */
export function webviewPageHtml(page: WebviewPage): string {
  const { webview } = page;
  const nonce = page.nonce ?? makeNonce();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'${(page.scriptSources ?? []).map((s) => ' ' + s).join('')}`,
    ...(page.connectToResources ? [`connect-src ${webview.cspSource}`] : []),
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${(page.extraStyles ?? []).map((u) => `<link rel="stylesheet" href="${escapeHtml(u.toString())}">\n`).join('')}<link rel="stylesheet" href="${escapeHtml(page.style.toString())}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${escapeHtml(page.script.toString())}"></script>
</body>
</html>`;
}

