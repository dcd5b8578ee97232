import * as fs from 'fs';
import * as path from 'path';
import Module = require('module');
import { english } from '../src/core/l10n';

/**
 * A stand-in `vscode` module for timing activation outside VS Code: real file reads and URIs,
 * configuration defaults, and a recursive no-op for every other API.
 */
export function fakeVscode(): unknown {
  const noop: unknown = new Proxy(function () {}, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === 'dispose' ? () => undefined : noop),
    // Assignments (a status bar item's name, text, command) are accepted and forgotten.
    set: () => true,
    apply: () => noop,
    construct: () => noop as object,
  });
  const uri = (p: string) => ({ fsPath: p, path: p, scheme: 'file', toString: () => `file://${p}`, with: () => uri(p) });
  class Plain {
    constructor(...args: unknown[]) {
      Object.assign(this, { args });
    }
  }
  const api: Record<string, unknown> = {
    Uri: { file: uri, joinPath: (base: { fsPath: string }, ...parts: string[]) => uri(path.join(base.fsPath, ...parts)), from: (c: { path: string }) => uri(c.path), parse: uri },
    workspace: new Proxy(
      {
        fs: { readFile: async (u: { fsPath: string }) => fs.readFileSync(u.fsPath) },
        getConfiguration: () => ({ get: (_k: string, d: unknown) => d }),
      },
      { get: (t, p) => (p in t ? (t as Record<string | symbol, unknown>)[p] : noop) },
    ),
    MarkdownString: Plain, Hover: Plain, Range: Plain, Position: Plain, EventEmitter: class { event = noop; fire(): void {} dispose(): void {} },
    TreeItem: Plain, ThemeIcon: Plain, ThemeColor: Plain, Disposable: class { static from = () => noop; dispose(): void {} },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 }, ViewColumn: { One: 1, Active: -1, Beside: -2 },
    ConfigurationTarget: { Global: 1 }, StatusBarAlignment: { Left: 1, Right: 2 },
  };
  for (const ns of ['window', 'languages', 'commands', 'env', 'extensions', 'notebooks', 'tasks', 'debug', 'authentication']) api[ns] = noop;
  // English, as VS Code without a language pack: strings stay strings.
  api.l10n = { t: english, bundle: undefined, uri: undefined };
  return new Proxy(api, { get: (t, p) => (p in t ? t[p as string] : p === 'then' ? undefined : noop) });
}

/** Makes `require('vscode')` return `mod`. */
export function installFakeVscode(mod: unknown): void {
  const M = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
  const orig = M._load;
  M._load = function (req: string, ...rest: unknown[]) {
    return req === 'vscode' ? mod : orig.call(this, req, ...rest);
  };
}
