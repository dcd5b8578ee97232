import * as assert from 'assert';
import type * as vscode from 'vscode';
import { escapeHtml } from '../../src/core/html';
import { makeNonce, webviewPageHtml } from '../../src/vscode/webviewHtml';

const webview = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net' } as vscode.Webview;
const uri = (s: string): vscode.Uri => ({ toString: () => s }) as vscode.Uri;

function csp(html: string): string {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
}

describe('webview page shell', () => {
  const base = { webview, title: 'T', script: uri('https://res/lab.js'), style: uri('https://res/lab.css'), body: '<main id="x"></main>' };

  it('has a strict nonce-based CSP: nothing by default, no inline or remote code', () => {
    const html = webviewPageHtml({ ...base, nonce: 'abc123' });
    const policy = csp(html);
    assert.match(policy, /^default-src 'none';/);
    assert.match(policy, /script-src 'nonce-abc123'(;|$)/);
    assert.match(policy, new RegExp(`style-src ${webview.cspSource.replace(/[.+]/g, '\\$&')}`));
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|wasm-unsafe-eval|connect-src|\*/);
    assert.match(html, /<script nonce="abc123" src="https:\/\/res\/lab\.js"><\/script>/);
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
  });

  it('adds wasm and fetch permissions only when asked', () => {
    const policy = csp(webviewPageHtml({ ...base, scriptSources: ["'wasm-unsafe-eval'"], connectToResources: true }));
    assert.match(policy, /script-src 'nonce-[0-9a-f]+' 'wasm-unsafe-eval'/);
    assert.match(policy, /connect-src https:\/\/file\+\.vscode-resource/);
  });

  it('escapes the title and resource URLs', () => {
    const html = webviewPageHtml({ ...base, title: '</title><script>alert(1)</script>', script: uri('https://res/a.js" onload="x') });
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.includes('&lt;/title&gt;&lt;script&gt;'));
    assert.ok(html.includes('a.js&quot; onload=&quot;x'));
    assert.strictEqual(escapeHtml(`<a href="x">&`), '&lt;a href=&quot;x&quot;&gt;&amp;');
  });

  it('uses a fresh, unguessable nonce each time', () => {
    const a = makeNonce();
    assert.match(a, /^[0-9a-f]{36}$/);
    assert.notStrictEqual(a, makeNonce());
  });
});
