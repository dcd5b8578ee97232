import * as fs from 'fs';
import * as path from 'path';
import { compileGlossary, type CompileResult } from '../../src/core/glossary/compile';
import { DEFAULT_RULES } from '../../src/core/glossary/parse';
import { GlossaryIndex } from '../../src/core/glossaryIndex';

/** Repository root (tests run from out/test/unit). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Reads every .md file of a folder as compiler input. */
export function readFolder(dir: string): Array<{ file: string; source: string }> {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()
    .map((f) => ({ file: path.join(path.relative(ROOT, dir), f), source: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** The small fixture glossary, compiled with relaxed length rules. */
export function fixtureGlossary(): CompileResult {
  return compileGlossary(readFolder(path.join(ROOT, 'test/fixtures/glossary')), { rules: { ...DEFAULT_RULES, minDepthWords: 0 } });
}

let cached: GlossaryIndex | undefined;
/** The fixture glossary's index (compiled once). */
export function fixtureIndex(): GlossaryIndex {
  return (cached ??= new GlossaryIndex(fixtureGlossary().index));
}
