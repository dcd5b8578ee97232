/**
 * Hover and scan benchmark. Prints, for the real glossary and a synthetic 1000-term one:
 * hover lookup median/p99 (µs) with the document's context and its ratio to plain tokenisation
 * of the same line, the time to scan a 10,000-line file with context, the cost of computing the
 * context itself, the Markdown preview plugin's cost against markdown-it alone, activation time
 * with a fake `vscode`, and bundle sizes.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { GlossaryIndex } from '../src/core/glossaryIndex';
import { SCAN_SLICE_CHARS, scanSlices, scanText } from '../src/core/scan';
import { tokenize, normTokens } from '../src/core/tokenizer';
import { searchTerms } from '../src/core/termSearch';
import type { GlossaryIndexData, MatchKey, TermSummary } from '../src/core/types';
import MarkdownIt from 'markdown-it';
import { markdownTermsPlugin } from '../src/core/markdownTerms';
import { bodyFile } from '../src/core/glossary/layout';
import { fakeVscode, installFakeVscode } from './fakeVscode';
import { bestOf, percentile, row, timeEach } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1000 synthetic terms of 1–3 made-up words, each with an alias and a code identifier. */
function syntheticIndex(n = 1000): GlossaryIndexData {
  const r = rng(42);
  const syll = ['ka', 'lo', 'mi', 'ren', 'tor', 'vex', 'sa', 'qui', 'dra', 'pel', 'nor', 'zen', 'ul', 'bri', 'fo'];
  const word = (): string => Array.from({ length: 2 + Math.floor(r() * 2) }, () => syll[Math.floor(r() * syll.length)]).join('');
  const terms: TermSummary[] = [];
  const keys: MatchKey[] = [];
  const seen = new Set<string>();
  while (terms.length < n) {
    const words = Array.from({ length: 1 + Math.floor(r() * 3) }, word);
    const title = words.join(' ');
    if (seen.has(title)) continue;
    seen.add(title);
    const id = words.join('-');
    terms.push({ id, title, category: 'training', summary: `${title} is synthetic.`, aliases: [], code: [], tags: [], related: [] });
    keys.push({ term: id, tokens: normTokens(title).join(' '), display: title });
    keys.push({ term: id, exact: words.map((w) => w[0].toUpperCase() + w.slice(1)).join('') + 'X', display: title });
  }
  return { version: 1, categories: [{ id: 'training', title: 'Training' }], terms, keys };
}

/** Realistic lines of about 200 characters, half of them with a term near the middle. */
function sampleLines(index: GlossaryIndex, count: number): Array<{ line: string; at: number }> {
  const r = rng(7);
  const filler = ['self.encoder(input_ids, attention=None)', 'for step, batch in enumerate(loader):', 'x = torch.cat([a, b], dim=-1)', 'print(f"{epoch_idx}: {value:.3f}")', 'result.append(item * 2 + offset)'];
  const titles = index.terms.map((t) => t.title.toLowerCase().replace(/[^a-z0-9]+/g, '_'));
  const out: Array<{ line: string; at: number }> = [];
  for (let i = 0; i < count; i++) {
    const left = filler[i % filler.length] + '; ' + filler[(i + 2) % filler.length] + '; ';
    const mid = i % 2 === 0 && titles.length ? titles[Math.floor(r() * titles.length)] : 'plain_variable_name';
    const line = (left + mid + ' = compute(' + filler[(i + 1) % filler.length] + ')').padEnd(200, ' ');
    out.push({ line, at: left.length + Math.floor(mid.length / 2) });
  }
  return out;
}

function hoverRow(name: string, index: GlossaryIndex): Array<string | number> {
  const lines = sampleLines(index, 2000);
  // As in VS Code: one document, its context computed once per version, hovers read it.
  const doc = 'import torch\n' + lines.map((l) => l.line).join('\n');
  const starts: number[] = [];
  let at = 'import torch\n'.length;
  for (const l of lines) {
    starts.push(at);
    at += l.line.length + 1;
  }
  const ctx = index.analyze(doc, 'python');
  const env = { ctx, base: 0 };
  const hoverAt = (i: number): unknown => index.matcher.matchAt(doc, starts[i % lines.length] + lines[i % lines.length].at, { env });
  for (let i = 0; i < 2 * lines.length; i++) hoverAt(i);
  const hits = lines.filter((_, i) => hoverAt(i)).length;
  const look = timeEach(20_000, hoverAt);
  const tok = timeEach(20_000, (i) => tokenize(lines[i % lines.length].line));
  const med = percentile(look, 50);
  const tmed = percentile(tok, 50);
  const source = fs.readFileSync(path.join(ROOT, 'samples/train_finetune.py'), 'utf8').split('\n');
  const file = Array.from({ length: 10_000 }, (_, i) => source[i % source.length]).join('\n');
  const fileCtx = index.analyze(file, 'python');
  scanText(index, file, undefined, fileCtx);
  const contextMs = bestOf(7, () => index.analyze(file, 'python'));
  const scanMs = bestOf(7, () => scanText(index, file, undefined, fileCtx));
  const plainMs = bestOf(7, () => scanText(index, file));
  const fileLines = file.split('\n');
  const tokMs = bestOf(7, () => fileLines.forEach((l) => tokenize(l)));
  return [
    name, index.terms.length, `${hits}/${lines.length}`, med.toFixed(2), percentile(look, 99).toFixed(2), tmed.toFixed(2), (med / tmed).toFixed(2) + '×',
    contextMs.toFixed(1), scanMs.toFixed(1), (contextMs + scanMs).toFixed(1), plainMs.toFixed(1), ((contextMs + scanMs) / tokMs).toFixed(2) + '×',
  ];
}

/**
 * The longest time the extension host is kept busy while "Terms in this File" scans a dense 3 MB
 * file: the document's context (computed once), then each slice between two yields.
 */
function longestBlock(index: GlossaryIndex): string {
  const source = fs.readFileSync(path.join(ROOT, 'samples/train_finetune.py'), 'utf8');
  const text = source.repeat(Math.ceil(3_000_000 / source.length)).slice(0, 3_000_000);
  const t0 = process.hrtime.bigint();
  const ctx = index.analyze(text, 'python');
  const contextMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let longest = 0;
  let total = 0;
  let slices = 0;
  const it = scanSlices(index, text, undefined, ctx, SCAN_SLICE_CHARS);
  for (;;) {
    const s0 = process.hrtime.bigint();
    const r = it.next();
    const ms = Number(process.hrtime.bigint() - s0) / 1e6;
    if (r.done) break;
    longest = Math.max(longest, ms);
    total += ms;
    slices++;
  }
  return `context ${contextMs.toFixed(1)} ms once, then ${slices} slices, longest ${longest.toFixed(1)} ms (total ${total.toFixed(0)} ms); longest block ${Math.max(contextMs, longest).toFixed(1)} ms (target ≤ 50 ms)`;
}

/** `lines` lines of real ML Markdown: the glossary's own entries without their front matter. */
function markdownLines(lines: number): string {
  const dir = path.join(ROOT, 'glossary');
  const out: string[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    const body = fs.readFileSync(path.join(dir, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
    out.push(...body.split('\n'), '');
    if (out.length >= lines) break;
  }
  return out.slice(0, lines).join('\n');
}

/**
 * The plugin's cost in the Markdown preview: rendering 1,000 lines with markdown-it as VS Code
 * configures it, without and with the plugin, interleaved, median of 15 after a warm-up.
 */
function previewCost(index: GlossaryIndex): string {
  const src = markdownLines(1000);
  const plain = new MarkdownIt({ html: true, linkify: true, typographer: false });
  const marked = new MarkdownIt({ html: true, linkify: true, typographer: false });
  markdownTermsPlugin(marked, { index: () => index, settings: () => ({ enabled: true, ignore: [] }), href: (id) => `vscode://ml-lens.ml-lens/term?id=${id}` });
  const terms = (marked.render(src).match(/data-ml-lens-term=/g) ?? []).length;
  for (let i = 0; i < 3; i++) {
    plain.render(src);
    marked.render(src);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 15; i++) {
    a.push(bestOf(1, () => plain.render(src)));
    b.push(bestOf(1, () => marked.render(src)));
  }
  const base = percentile(a, 50);
  const withTerms = percentile(b, 50);
  return `markdown-it ${base.toFixed(2)} ms, with glossary terms ${withTerms.toFixed(2)} ms: +${(withTerms - base).toFixed(2)} ms per 1,000 lines, ratio ${(withTerms / base).toFixed(2)}× (${terms} terms marked, ${src.length} characters)`;
}

async function activation(): Promise<number> {
  installFakeVscode(fakeVscode());
  const bundle = path.join(ROOT, 'dist/extension.js');
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    delete require.cache[require.resolve(bundle)];
    const t0 = process.hrtime.bigint();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ext = require(bundle) as { activate(ctx: unknown): Promise<unknown> };
    const subscriptions: Array<{ dispose?(): unknown }> = [];
    await ext.activate({ extension: { id: 'ml-lens.ml-lens' }, extensionUri: { fsPath: ROOT, path: ROOT, scheme: 'file' }, subscriptions, globalState: { get: (_k: string, d: unknown) => d, update: async () => undefined, setKeysForSync: () => undefined }, workspaceState: { get: (_k: string, d: unknown) => d, update: async () => undefined } });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    // As VS Code does on deactivation: timers the features started must not keep the benchmark alive.
    for (const d of subscriptions) d.dispose?.();
  }
  return percentile(times.slice(1), 50);
}

/** Cold cost of building the matcher on the first hover (fresh process state is not possible here, so: first build). */
function firstHover(data: GlossaryIndexData): number {
  const index = new GlossaryIndex(data);
  const t0 = process.hrtime.bigint();
  index.matcher.matchAt('opt = AdamW(lr=1e-3)', 8);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Search Glossary over the real glossary: English and Chinese queries with the zh-cn display language, against English without one. */
function localizedSearch(index: GlossaryIndex): string {
  const p50 = (query: string, locale?: string): number => {
    searchTerms(index.terms, query, 200, locale);
    return percentile(timeEach(300, () => searchTerms(index.terms, query, 200, locale)), 50);
  };
  const base = p50('learning rate');
  const en = p50('learning rate', 'zh-cn');
  const zh = p50('学习率', 'zh-cn');
  return `English query ${base.toFixed(0)} µs (baseline); the same with zh-cn ${en.toFixed(0)} µs (${(en / base).toFixed(2)}×); 学习率 with zh-cn ${zh.toFixed(0)} µs (${(zh / base).toFixed(2)}×)`;
}

function size(file: string): string {
  const p = path.join(ROOT, file);
  if (!fs.existsSync(p)) return 'missing';
  const buf = fs.readFileSync(p);
  return `${(buf.length / 1024).toFixed(1)} KB (${(zlib.gzipSync(buf).length / 1024).toFixed(1)} KB gzip)`;
}

/**
 * A term page's first body: reading and parsing the entry's own file, against reading and parsing
 * every body as one file (as all bodies were kept before), built here from the same files.
 */
function firstBody(index: GlossaryIndex): string {
  const dir = path.join(ROOT, 'dist/glossary');
  const ids = index.terms.map((t) => t.id);
  const files = ids.map((id) => path.join(dir, bodyFile(id) as string));
  const sizes = files.map((f) => fs.statSync(f).size);
  const whole = path.join(ROOT, 'out', 'bench-all-bodies.json');
  fs.writeFileSync(whole, `{${ids.map((id, i) => `${JSON.stringify(id)}:${fs.readFileSync(files[i], 'utf8')}`).join(',')}}`);
  const one = bestOf(15, () => JSON.parse(fs.readFileSync(files[ids.indexOf('dropout')], 'utf8')) as unknown);
  const all = bestOf(5, () => JSON.parse(fs.readFileSync(whole, 'utf8')) as unknown);
  const total = sizes.reduce((a, b) => a + b, 0);
  fs.rmSync(whole);
  return `one entry's file ${one.toFixed(2)} ms, all bodies in one file ${all.toFixed(1)} ms (${(one / all).toFixed(3)}×); ` +
    `${ids.length} files, ${(total / 1024).toFixed(0)} KB in all, largest ${(Math.max(...sizes) / 1024).toFixed(1)} KB, median ${(sizes.sort((a, b) => a - b)[sizes.length >> 1] / 1024).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  const real = new GlossaryIndex(JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/glossary/index.json'), 'utf8')) as GlossaryIndexData);
  const synth = new GlossaryIndex(syntheticIndex());
  const w = [16, 6, 10, 11, 7, 13, 7, 12, 9, 9, 11, 16];
  console.log('Hover lookup with context on 200-character lines (µs per call), and a 10,000-line scan (ms)');
  console.log(row(['glossary', 'terms', 'hits', 'lookup p50', 'p99', 'tokenize p50', 'ratio', 'context ms', 'scan ms', 'total ms', 'no-context', 'total ÷ tokenize'], w));
  console.log(row(['real', ...hoverRow('', real).slice(1)], w));
  console.log(row(['synthetic 1000', ...hoverRow('', synth).slice(1)], w));
  const huge = 'q'.repeat(600_000) + ' learning_rate ' + 'z = 1; '.repeat(60_000);
  const hugeCtx = real.analyze(huge, 'python');
  const hugeT = timeEach(200, () => real.matcher.matchAt(huge, 600_003, { env: { ctx: hugeCtx, base: 0 } }));
  const hugeCtxMs = bestOf(3, () => real.analyze(huge, 'python'));
  console.log(`\nHover on a ${(huge.length / 1e6).toFixed(1)} MB line: p50 ${percentile(hugeT, 50).toFixed(2)} µs, max ${Math.max(...hugeT).toFixed(2)} µs; its context, once per version: ${hugeCtxMs.toFixed(1)} ms`);
  console.log(`Terms in this File on a 3 MB file, scanned in slices: ${longestBlock(real)}`);
  console.log(`Markdown preview, 1,000 lines of glossary Markdown (median of 15): ${previewCost(real)}`);
  console.log(`Activation (require bundle → end of activate, fake vscode, median of 6): ${(await activation()).toFixed(2)} ms`);
  console.log(`First hover, including building the matcher: real ${firstHover(real.data).toFixed(2)} ms, synthetic 1000 ${firstHover(synth.data).toFixed(2)} ms`);
  console.log(`Search Glossary, p50 per query over ${real.terms.length} terms: ${localizedSearch(real)}`);
  console.log(`First term page body, read and parsed: ${firstBody(real)}`);
  console.log('\nBundles');
  const bundles: Array<[string, string]> = [
    ['dist/extension.js', 'extension, Node host (main)'],
    ['dist/web/extension.js', 'extension, web worker host (browser)'],
    ['dist/compiler.js', 'glossary compiler, both hosts, loaded on first use'],
    ['dist/cli.js', 'CLI'],
    ['dist/lab-cli.js', 'lab CLI'],
    ['dist/webview/lab.js', 'lab webview'],
    ['dist/webview/termPage.js', 'term page webview'],
    ['dist/notebook/markdownTerms.js', 'notebook Markdown renderer'],
    ['dist/notebook/glossary.json', 'glossary copy for the renderer'],
    ['dist/glossary/index.json', 'compiled glossary index'],
  ];
  for (const [f, what] of bundles) console.log(`  ${f.padEnd(28)} ${size(f).padEnd(28)} ${what}`);
  console.log('\nTargets: lookup ≤ 3× tokenisation (~10 µs), 10k-line scan with context < 20 ms, activation < 15 ms, each extension bundle (Node and web) < 150 KB, preview plugin adds < 16 ms (one frame) per 1,000 lines.');
}

void main();
