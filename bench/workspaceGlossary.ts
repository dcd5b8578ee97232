/**
 * Workspace glossary benchmark: compiling a team glossary of 200 entries against the built-in
 * glossary from scratch, and again after one file changed (what a live reload does), plus
 * joining the result to the built-in index. Prints milliseconds and the ratio.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compileGlossary, type CompileCache, type SourceFile } from '../src/core/glossary/compile';
import { joinGlossaries } from '../src/core/glossary/join';
import { WORKSPACE_RULES } from '../src/core/glossary/workspaceRules';
import { GlossaryIndex } from '../src/core/glossaryIndex';
import type { GlossaryIndexData } from '../src/core/types';
import { bestOf } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');
const N = 200;

function teamFiles(base: GlossaryIndexData, edit = -1): SourceFile[] {
  const letters = 'bcdfghjklmnpqrstvwxz';
  const word = (i: number): string => `zq${letters[i % 20]}${letters[Math.floor(i / 20) % 20]}${letters[Math.floor(i / 400) % 20]}ra`;
  return Array.from({ length: N }, (_, i) => ({
    file: `.mllens/glossary/${word(i)}.md`,
    source: [
      '---', `title: ${word(i)} metric`, `aliases: [${word(i)} score]`, `code: [team.${word(i)}_metric]`,
      `related: [${base.terms[i % base.terms.length].id}]`, '---',
      `The ${word(i)} metric ${i === edit ? 'was just edited' : 'is how the team measures one thing'}.`, '',
      '## In depth', '', `It grows like $O(n^2)$ and is reported per run. `.repeat(12), '',
      '## Example', '', '```python', `score = team.${word(i)}_metric(preds, labels)`, '```', '',
    ].join('\n'),
  }));
}

function main(): void {
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/glossary/index.json'), 'utf8')) as GlossaryIndexData;
  const files = teamFiles(base);
  const edited = teamFiles(base, 7);
  const full = bestOf(5, () => compileGlossary(files, { base, rules: WORKSPACE_RULES, cache: {} }));
  const cache: CompileCache = {};
  compileGlossary(files, { base, rules: WORKSPACE_RULES, cache });
  let flip = false;
  const incremental = bestOf(10, () => {
    flip = !flip;
    return compileGlossary(flip ? edited : files, { base, rules: WORKSPACE_RULES, cache });
  });
  const result = compileGlossary(files, { base, rules: WORKSPACE_RULES, cache });
  const join = bestOf(10, () => new GlossaryIndex(joinGlossaries(base, [result])).matcher);
  console.log(`\nWorkspace glossary of ${N} entries against the built-in ${base.terms.length}:`);
  console.log(`  full compile ${full.toFixed(1)} ms; after one file changed ${incremental.toFixed(1)} ms (${(full / incremental).toFixed(1)}× faster); join + matcher ${join.toFixed(1)} ms`);
  console.log('  Target: a saved edit reaches hovers within 1 s (recompile + join well under 100 ms).');
}

main();
