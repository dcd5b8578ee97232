#!/usr/bin/env node
/*
 * Measures recall and precision of `ml-lens scan` on an annotated corpus of ML code.
 *
 *   node scripts/measure-corpus.js --files DIR --annotations A.tsv[,B.tsv] [--judged J.tsv] [--cli dist/cli.js] [--ids-from index.json] [--list]
 *
 * Annotations are TAB-separated: file, cell ("-" outside notebooks), line (1-based), term id (or
 * `none:<concept>` or QUIET), text, note. A hit is right when its (file, cell, line, term) is
 * annotated, wrong when it lands on a QUIET word or a judged-wrong row, and otherwise waits for a
 * verdict in the judged file (same columns, with the verdict `ok` or `wrong` as the last column).
 * Recall counts annotated concepts whose id exists in the glossary.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const filesDir = arg('files');
const annotationFiles = (arg('annotations') || '').split(',').filter(Boolean);
if (!filesDir || annotationFiles.length === 0) {
  console.error('usage: measure-corpus.js --files DIR --annotations A.tsv[,B.tsv] [--judged J.tsv] [--cli dist/cli.js] [--list]');
  process.exit(2);
}
const cli = arg('cli', path.join(__dirname, '..', 'dist', 'cli.js'));
// Recall counts concepts that have an entry in this index (default: the one the CLI uses), so that
// two builds can be compared on the same annotations.
const idsFrom = arg('ids-from', path.join(path.dirname(cli), 'glossary', 'index.json'));
const glossaryIndex = JSON.parse(fs.readFileSync(idsFrom, 'utf8'));
const ids = new Set(glossaryIndex.terms.map((t) => t.id));

const readTsv = (f) =>
  fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#') && !/^file\t/.test(l)).map((l) => l.split('\t'));
const key = (file, cell, line, term) => `${file}|${cell === '-' || !cell ? '-' : cell}|${line}|${term}`;
const lineKey = (file, cell, line) => `${file}|${cell === '-' || !cell ? '-' : cell}|${line}`;

const expected = new Map();
const quiet = new Map();
for (const f of annotationFiles) {
  for (const [file, cell, line, term, text = ''] of readTsv(f)) {
    if (!file || !line || !term) continue;
    if (term === 'QUIET') {
      const k = lineKey(file, cell, line);
      quiet.set(k, [...(quiet.get(k) || []), text.replace(/[`"]/g, '').toLowerCase()]);
    } else expected.set(key(file, cell, line, term), { file, cell, line, term, text });
  }
}
const judged = new Map();
const judgedFile = arg('judged');
if (judgedFile && fs.existsSync(judgedFile)) {
  for (const row of readTsv(judgedFile)) judged.set(key(row[0], row[1], row[2], row[3]), row[row.length - 1].trim());
}

const files = fs.readdirSync(filesDir).filter((f) => !f.startsWith('.')).map((f) => path.join(filesDir, f));
let out;
try {
  out = execFileSync(process.execPath, [cli, 'scan', '--json', ...files], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  out = e.stdout;
}
const hits = JSON.parse(out).map((h) => ({ ...h, file: path.basename(h.file), cell: h.cell ? String(h.cell) : '-' }));
const found = new Set(hits.map((h) => key(h.file, h.cell, h.line, h.term)));

const relevant = [...expected.values()].filter((e) => ids.has(e.term));
const missed = relevant.filter((e) => !found.has(key(e.file, e.cell, e.line, e.term)));
let right = 0;
const wrong = [];
const unjudged = [];
for (const h of hits) {
  const k = key(h.file, h.cell, h.line, h.term);
  const quietWords = quiet.get(lineKey(h.file, h.cell, h.line)) || [];
  if (expected.has(k) || judged.get(k) === 'ok') right++;
  else if (judged.get(k) === 'wrong' || quietWords.some((w) => w && h.text.toLowerCase().includes(w))) wrong.push(h);
  else unjudged.push(h);
}
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
const perFile = new Map();
for (const e of relevant) {
  const p = perFile.get(e.file) || { n: 0, hit: 0 };
  p.n++;
  if (found.has(key(e.file, e.cell, e.line, e.term))) p.hit++;
  perFile.set(e.file, p);
}
console.log(`files: ${files.length}, annotated concepts with an entry: ${relevant.length} (of ${expected.size}), QUIET words: ${[...quiet.values()].flat().length}`);
for (const [f, p] of [...perFile].sort()) console.log(`  ${f.padEnd(60)} recall ${pct(p.hit, p.n).padStart(6)}  (${p.hit}/${p.n})`);
console.log(`recall:    ${pct(relevant.length - missed.length, relevant.length)}  (${relevant.length - missed.length}/${relevant.length})`);
console.log(`precision: ${pct(right, right + wrong.length)}  (${right} right, ${wrong.length} wrong, ${unjudged.length} unjudged of ${hits.length} hits)`);
if (process.argv.includes('--list')) {
  const show = (h) => `${h.file}\t${h.cell}\t${h.line}\t${h.term}\t${h.text}`;
  console.log('\n# missed'); missed.forEach((m) => console.log(show(m)));
  console.log('\n# wrong'); wrong.forEach((h) => console.log(show(h)));
  console.log('\n# unjudged'); unjudged.forEach((h) => console.log(show(h)));
}
