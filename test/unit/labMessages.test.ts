import * as assert from 'assert';
import * as fs from 'fs';
import Module = require('module');
import * as path from 'path';
import type * as LabPanelModule from '../../src/vscode/labPanel';
import type { Services } from '../../src/vscode/services';
import { english } from '../../src/core/l10n';
import { isExtensionToLabMessage, isLabToExtensionMessage, isTermId, parseLabBootConfig } from '../../src/shared/messages';

describe('lab: message validation', () => {
  it('accepts the lab messages', () => {
    assert.ok(isLabToExtensionMessage({ type: 'lab/ready' }));
    assert.ok(isLabToExtensionMessage({ type: 'lab/openTerm', id: 'pre-training' }));
    assert.ok(isLabToExtensionMessage({ type: 'lab/openTerm', id: 'masked-language-modeling' }));
    assert.ok(isLabToExtensionMessage({ type: 'lab/log', level: 'warn', message: 'wasm missing' }));
    assert.ok(isExtensionToLabMessage({ type: 'lab/runAll' }));
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'lab/ready',
      42,
      [],
      { type: 'lab/unknown' },
      { type: 'lab/openTerm' },
      { type: 'lab/openTerm', id: 7 },
      { type: 'lab/openTerm', id: '../../etc/passwd' },
      { type: 'lab/openTerm', id: 'Pre-Training' },
      { type: 'lab/openTerm', id: 'a--b' },
      { type: 'lab/openTerm', id: 'x'.repeat(81) },
      { type: 'lab/openTerm', id: 'javascript:alert(1)' },
      { type: 'lab/log', level: 'debug', message: 'x' },
      { type: 'lab/log', level: 'info', message: { toString: () => 'x' } },
      { type: 'lab/log', level: 'info', message: 'x'.repeat(5000) },
    ];
    for (const m of bad) assert.ok(!isLabToExtensionMessage(m), `accepted ${JSON.stringify(m)}`);
    assert.ok(!isExtensionToLabMessage({ type: 'lab/ready' }));
    assert.ok(!isExtensionToLabMessage(null));
  });

  it('validates term ids', () => {
    assert.ok(isTermId('few-shot-learning'));
    assert.ok(!isTermId('few shot'));
    assert.ok(!isTermId(''));
  });

  it('parses the boot config defensively', () => {
    assert.deepStrictEqual(parseLabBootConfig('{"wasmBase":"https://x/dist/webview/"}'), { wasmBase: 'https://x/dist/webview/' });
    assert.deepStrictEqual(parseLabBootConfig('{"wasmBase":"https://x/no-slash"}'), {});
    assert.deepStrictEqual(parseLabBootConfig('{"wasmBase":5}'), {});
    assert.deepStrictEqual(parseLabBootConfig('not json'), {});
    assert.deepStrictEqual(parseLabBootConfig(undefined), {});
  });
});

describe('lab: panel security', () => {
  const root = path.resolve(__dirname, '../../..');
  type Listener = (m: unknown) => void;
  const uri = (p: string): { fsPath: string; path: string; toString(): string } => ({ fsPath: p, path: p, toString: () => `file://${p}` });
  const disposable = { dispose: () => undefined };
  const listen = (set: (cb: Listener) => void) => (cb: Listener, _thisArg?: unknown, list?: unknown[]) => {
    set(cb);
    list?.push(disposable);
    return disposable;
  };

  let onMessage: Listener | undefined;
  /** The panel's webview as the extension leaves it: options, HTML and what it posted to the page. */
  let webview: { options?: { localResourceRoots?: Array<{ fsPath: string }>; enableCommandUris?: boolean }; html: string; posted: unknown[]; [api: string]: unknown };
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const executed: unknown[][] = [];
  const logged: Array<[string, string]> = [];
  let registrations: Array<{ dispose(): void }> = [];
  const originalLoad = (Module as unknown as { _load: (...a: unknown[]) => unknown })._load;

  const fakeVscode = {
    Uri: { file: uri, joinPath: (base: { fsPath: string }, ...parts: string[]) => uri(path.join(base.fsPath, ...parts)) },
    ViewColumn: { Active: -1 },
    // English, as in VS Code without a language pack: no bundle.
    l10n: { t: english, bundle: undefined },
    env: { language: 'en' },
    workspace: { fs: { stat: async (u: { fsPath: string }) => fs.statSync(u.fsPath) } },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => (commands.set(id, fn), disposable),
      executeCommand: async (...args: unknown[]) => void executed.push(args),
    },
    window: {
      registerWebviewPanelSerializer: () => disposable,
      createWebviewPanel: () => {
        webview = {
          html: '',
          posted: [],
          cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
          asWebviewUri: (u: { path: string }) => ({ toString: () => `https://file+.vscode-resource.vscode-cdn.net${u.path}` }),
          onDidReceiveMessage: listen((cb) => (onMessage = cb)),
          postMessage: async (m: unknown) => (webview.posted.push(m), true),
        };
        return { webview, onDidDispose: listen(() => undefined), reveal: () => undefined, dispose: () => undefined };
      },
    },
  };

  before(async () => {
    (Module as unknown as { _load: (...a: unknown[]) => unknown })._load = function (this: unknown, req: unknown, ...rest: unknown[]) {
      return req === 'vscode' ? fakeVscode : originalLoad.call(this, req, ...rest);
    };
    const { registerLab } = require('../../src/vscode/labPanel') as typeof LabPanelModule;
    const log = { info: (m: string) => logged.push(['info', m]), warn: (m: string) => logged.push(['warn', m]), error: (m: string) => logged.push(['error', m]) };
    const services = { extensionUri: uri(root), glossary: {}, log } as unknown as Services;
    registrations = registerLab({} as never, services) as Array<{ dispose(): void }>;
    await commands.get('mlLens.lab.open')!({ runAll: true });
  });

  after(() => {
    for (const r of registrations) r.dispose();
    (Module as unknown as { _load: (...a: unknown[]) => unknown })._load = originalLoad;
  });

  it('opens its page under a strict nonce CSP, with local resources limited to dist/webview and media', () => {
    const roots = (webview.options?.localResourceRoots ?? []).map((u) => path.relative(root, u.fsPath));
    assert.deepStrictEqual(roots, [path.join('dist', 'webview'), 'media']);
    assert.notStrictEqual(webview.options?.enableCommandUris, true);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(webview.html)?.[1] ?? '';
    assert.match(policy, /^default-src 'none';/);
    const nonce = /script-src 'nonce-([0-9a-f]+)'/.exec(policy)?.[1];
    assert.ok(nonce, policy);
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\*|http:|https:\/\/(?!file\+\.vscode-resource)/);
    const scripts = [...webview.html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.ok(scripts.length > 0);
    for (const attrs of scripts) assert.match(attrs, new RegExp(`nonce="${nonce}"`));
  });

  it('acts only on valid messages from the page', async () => {
    assert.ok(onMessage, 'the panel listens to its page');
    const hostile: unknown[] = [
      null, 'lab/openTerm', { type: 'lab/openTerm', id: '../../etc/passwd' }, { type: 'lab/openTerm', id: 'javascript:alert(1)' },
      { type: 'lab/log', level: 'debug', message: 'x' }, { type: 'lab/run', command: 'workbench.action.quit' },
    ];
    const warnings = logged.filter(([level]) => level === 'warn').length;
    for (const m of hostile) onMessage!(m);
    assert.deepStrictEqual(executed, []);
    assert.strictEqual(logged.filter(([level]) => level === 'warn').length, warnings + hostile.length);

    assert.deepStrictEqual(webview.posted, [], 'Run all waits until the page is ready');
    onMessage!({ type: 'lab/ready' });
    assert.deepStrictEqual(webview.posted, [{ type: 'lab/runAll' }]);
    onMessage!({ type: 'lab/openTerm', id: 'pre-training' });
    onMessage!({ type: 'lab/log', level: 'error', message: 'boom' });
    await new Promise((r) => setImmediate(r));
    assert.deepStrictEqual(executed, [['mlLens.glossary.openTerm', { id: 'pre-training' }]]);
    assert.deepStrictEqual(logged[logged.length - 1], ['error', 'Lab: boom']);
  });
});

describe('lab: platform-neutral core', () => {
  const dir = path.join(__dirname, '../../../src/core/lab');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it('imports only tfjs-core and its backends, never the full tfjs, vscode or Node modules', () => {
    assert.ok(files.length >= 8);
    for (const f of files) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/from\s+'([^']+)'|import\s+'([^']+)'|require\(\s*'([^']+)'\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec.startsWith('./')) continue;
        // ../l10n is the core's translation helper: plain TypeScript with no imports of its own.
        if (spec === '../l10n') continue;
        assert.ok(['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm'].includes(spec), `${f} imports ${spec}`);
      }
    }
  });
});
