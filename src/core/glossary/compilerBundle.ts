import type { CompileOptions, CompileResult, SourceFile } from './compile';

/** The glossary compiler's entry point, as the bundle `dist/compiler.js` exports it. */
export type CompileGlossary = (files: readonly SourceFile[], opts: CompileOptions) => CompileResult;

/**
 * Evaluates the source of the compiler bundle (CommonJS, without Node built-ins) and returns its
 * `compileGlossary`. The bundle gets `module` and `exports` only: no `require`, no `process`, so it
 * runs the same in the Node extension host and in the web worker extension host (which loads
 * extensions the same way). Self-contained on purpose: tests evaluate this very function inside a
 * context that has only a web worker's globals.
 */
export function evaluateCompilerBundle(source: string, sourceURL: string): CompileGlossary {
  const module: { exports: { compileGlossary?: unknown } } = { exports: {} };
  const init = new Function('module', 'exports', `${source}\n//# sourceURL=${sourceURL}`) as (m: typeof module, e: typeof module.exports) => void;
  init(module, module.exports);
  const compile = module.exports.compileGlossary;
  if (typeof compile !== 'function') throw new Error(`${sourceURL} does not export compileGlossary`);
  return compile as CompileGlossary;
}
