import * as vscode from 'vscode';
import type { CompileOptions, CompileResult, SourceFile } from '../core/glossary/compile';

let loaded: Promise<(files: readonly SourceFile[], opts: CompileOptions) => CompileResult> | undefined;

/**
 * Loads the glossary compiler, its own bundle (`dist/compiler.js`, YAML and all), on first use,
 * so that activation stays small.
 */
export async function loadCompiler(extensionUri: vscode.Uri): Promise<(files: readonly SourceFile[], opts: CompileOptions) => CompileResult> {
  loaded ??= Promise.resolve().then(() => {
    // A runtime path on purpose: the compiler is a separate bundle.
    const compilerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'compiler.js').fsPath;
    return (require(compilerPath) as { compileGlossary: (files: readonly SourceFile[], opts: CompileOptions) => CompileResult }).compileGlossary;
  });
  return loaded.catch((e) => {
    loaded = undefined;
    throw e;
  });
}
