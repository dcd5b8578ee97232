import * as vscode from 'vscode';
import type { CompileOptions, CompileResult, SourceFile } from '../core/glossary/compile';
import { evaluateCompilerBundle, type CompileGlossary } from '../core/glossary/compilerBundle';

let loaded: { uri: string; compile: Promise<CompileGlossary> } | undefined;

/**
 * The glossary compiler (YAML, Markdown and all), read from the extension's `dist/compiler.js`
 * through `workspace.fs` on first use, evaluated once and kept. Works in the Node extension host
 * and in the web worker extension host alike (no `require`).
 */
export async function loadCompiler(extensionUri: vscode.Uri): Promise<(files: readonly SourceFile[], opts: CompileOptions) => CompileResult> {
  const uri = vscode.Uri.joinPath(extensionUri, 'dist', 'compiler.js');
  const key = uri.toString();
  if (loaded?.uri === key) return loaded.compile;
  const compile = Promise.resolve(vscode.workspace.fs.readFile(uri))
    .then((bytes) => evaluateCompilerBundle(new TextDecoder().decode(bytes), key));
  loaded = { uri: key, compile };
  // A failed load (a missing file) is tried again next time rather than kept.
  compile.catch(() => {
    if (loaded?.compile === compile) loaded = undefined;
  });
  return compile;
}
