/**
 * Glossary tool: `build` compiles glossary/*.md into dist/glossary/ (index.json, and bodies/<id>.json per entry);
 * `check` validates and prints a summary table. Both print every problem with file and line
 * and exit 1 when there is one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compileGlossary, type CompileResult } from '../src/core/glossary/compile';
import { SHIPPED_RULES } from '../src/core/glossary/parse';
import { codeBlocks, MAX_TEXT_ONLY, textOnlyExample } from '../src/core/glossary/examples';
import { formatProblem } from '../src/core/glossary/problems';
import { CATEGORIES } from '../src/core/categories';
import { LEVELS } from '../src/core/types';
import { writeCompiledGlossary } from '../src/cli/compiledGlossary';

const MIN_PER_CATEGORY = 25;

function main(): number {
  const [cmd = 'check', dirArg = 'glossary', outArg = 'dist/glossary'] = process.argv.slice(2);
  const dir = path.resolve(dirArg);
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort();
  const files = names.map((n) => ({ file: path.relative(process.cwd(), path.join(dir, n)), source: fs.readFileSync(path.join(dir, n), 'utf8') }));
  const result = compileGlossary(files, { rules: SHIPPED_RULES, minPerCategory: cmd === 'check' ? MIN_PER_CATEGORY : 0 });
  for (const p of result.problems) console.error(formatProblem(p));
  if (cmd === 'build') {
    const out = path.resolve(outArg);
    fs.rmSync(path.join(out, 'bodies.json'), { force: true });
    writeCompiledGlossary(out, result.index, result.bodies);
    console.log(`glossary: ${result.index.terms.length} terms, ${result.index.keys.length} match keys → ${path.relative(process.cwd(), out)}`);
  } else if (cmd === 'check') {
    printSummary(result);
    const textOnly = files.filter((f) => textOnlyExample(codeBlocks(f.source))).map((f) => f.file);
    console.log(`text-only examples: ${textOnly.length} (at most ${MAX_TEXT_ONLY})`);
    if (textOnly.length > MAX_TEXT_ONLY) {
      console.error(`\n${textOnly.length} entries have an example without Python or JavaScript code; at most ${MAX_TEXT_ONLY} may (worked numbers):\n  ${textOnly.join('\n  ')}`);
      return 1;
    }
  } else {
    console.error(`unknown command "${cmd}": use build or check`);
    return 2;
  }
  if (result.problems.length > 0) {
    console.error(`\n${result.problems.length} problem(s) in the glossary.`);
    return 1;
  }
  return 0;
}

function printSummary(r: CompileResult): void {
  const rows = CATEGORIES.map((c) => {
    const es = r.entries.filter((e) => e.category === c.id);
    const avg = (f: (e: (typeof es)[number]) => number): string => (es.length ? (es.reduce((s, e) => s + f(e), 0) / es.length).toFixed(1) : '-');
    return [c.title, String(es.length), avg((e) => e.depthWords), avg((e) => e.aliases.length), avg((e) => e.code.length)];
  });
  const all = r.entries;
  const mean = (f: (e: (typeof all)[number]) => number): string => (all.length ? (all.reduce((s, e) => s + f(e), 0) / all.length).toFixed(1) : '-');
  rows.push(['Total', String(all.length), mean((e) => e.depthWords), mean((e) => e.aliases.length), mean((e) => e.code.length)]);
  const head = ['Category', 'Entries', 'Avg words (In depth)', 'Aliases/entry', 'Code ids/entry'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row: string[]): string => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((row, i) => {
    if (i === rows.length - 1) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    console.log(fmt(row));
  });
  console.log(`match keys: ${r.index.keys.length}`);
  console.log(`levels: ${LEVELS.map((l) => `${r.index.terms.filter((t) => t.level === l).length} ${l}`).join(', ')}`);
  const locales = [...new Set(r.entries.flatMap((e) => Object.keys(e.l10n)))].sort();
  const localized = locales.map((l) => `${l} ${r.entries.filter((e) => e.l10n[l]?.title).length} titles, ${r.entries.filter((e) => e.l10n[l]?.summary).length} summaries`);
  console.log(`localized: ${localized.length ? localized.join('; ') : 'none'}`);
  console.log(`references: ${r.entries.reduce((n, e) => n + e.references.length, 0)}, all with links: ${r.entries.every((e) => e.references.every((x) => x.url)) ? 'yes' : 'no'}`);
}

process.exitCode = main();
