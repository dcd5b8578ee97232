/**
 * Highlights benchmark, on a 10,000-line Python file: the longest time the extension host is
 * blocked while the shared scan behind "Terms in this File" and the highlights is built (the
 * context once, then slices with yields between them), and the cost of bringing highlights up to
 * date after an edit (the new context, the rescan of the touched lines, the highlight ranges),
 * each as a ratio against a full rescan of the same file measured in the same run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GlossaryIndex } from '../src/core/glossaryIndex';
import { highlightRanges, termCounts } from '../src/core/highlightModel';
import { dirtyLines, LineScan, lineStarts, type LineEdit } from '../src/core/lineScan';
import { SCAN_SLICE_CHARS } from '../src/core/scan';
import type { GlossaryIndexData } from '../src/core/types';
import { bestOf, percentile, row } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');
const LINES = 10_000;

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

/** Builds the scan as the extension does: the context, then slices, timing each stretch between yields. */
function slicedBuild(index: GlossaryIndex, text: string): { contextMs: number; longestSlice: number; slices: number; scan: LineScan } {
  const t0 = process.hrtime.bigint();
  const ctx = index.analyze(text, 'python');
  const contextMs = ms(t0);
  const it = LineScan.build(index, text, ctx, undefined, SCAN_SLICE_CHARS);
  let longestSlice = 0;
  let slices = 0;
  for (;;) {
    const s0 = process.hrtime.bigint();
    const r = it.next();
    longestSlice = Math.max(longestSlice, ms(s0));
    if (r.done) return { contextMs, longestSlice, slices, scan: r.value };
    slices++;
  }
}

/** Replaces line/column ranges in `text`, returning the new text and the edit as VS Code reports it. */
function apply(text: string, startLine: number, startCol: number, endLine: number, endCol: number, insert: string): { text: string; edit: LineEdit } {
  const starts = lineStarts(text);
  const a = starts[startLine] + startCol;
  const b = starts[endLine] + endCol;
  return { text: text.slice(0, a) + insert + text.slice(b), edit: { startLine, endLine, text: insert } };
}

interface EditCase {
  name: string;
  make(text: string): { text: string; edit: LineEdit };
}

function main(): void {
  const index = new GlossaryIndex(JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/glossary/index.json'), 'utf8')) as GlossaryIndexData);
  const source = fs.readFileSync(path.join(ROOT, 'samples/train_finetune.py'), 'utf8').split('\n');
  const text = Array.from({ length: LINES }, (_, i) => source[i % source.length]).join('\n');
  index.matcher.matchAt('warm up', 0);
  const learned = new Set(['learning-rate', 'dropout', 'adamw']);
  const isLearned = (id: string): boolean => learned.has(id);

  // Baseline: what a non-incremental design does after every edit, a full rescan with context.
  const ctx = index.analyze(text, 'python');
  const fullScanMs = bestOf(5, () => LineScan.of(index, text, ctx));
  const fullMs = bestOf(5, () => LineScan.of(index, text, index.analyze(text, 'python')));
  const build = [0, 1, 2].map(() => slicedBuild(index, text));
  const best = build.reduce((a, b) => (Math.max(a.contextMs, a.longestSlice) <= Math.max(b.contextMs, b.longestSlice) ? a : b));
  const scan = best.scan;
  const counts = termCounts(scan, isLearned);
  const ranges = highlightRanges(scan, 'unlearned', isLearned);
  const rangesMs = bestOf(5, () => highlightRanges(scan, 'unlearned', isLearned));

  console.log(`Highlights on a ${LINES.toLocaleString('en')}-line Python file (${(text.length / 1024).toFixed(0)} KB): ${scan.size} occurrences of ${counts.terms} terms, ${ranges.length} highlighted (unlearned), ${counts.unlearned} new`);
  console.log(`Baseline, a full rescan with context: ${fullMs.toFixed(1)} ms (scan alone ${fullScanMs.toFixed(1)} ms)`);
  const longest = Math.max(best.contextMs, best.longestSlice);
  console.log(
    `First scan, in slices: context ${best.contextMs.toFixed(1)} ms once, then ${best.slices} slices, longest ${best.longestSlice.toFixed(1)} ms; ` +
      `longest block ${longest.toFixed(1)} ms = ${(longest / fullMs).toFixed(2)}× the baseline (target ≤ 50 ms)`,
  );

  const mid = Math.floor(LINES / 2);
  const cases: EditCase[] = [
    { name: 'type a character', make: (t) => apply(t, mid, 4, mid, 4, 'x') },
    { name: 'type a term', make: (t) => apply(t, mid, 0, mid, 0, 'dropout = 0.1; ') },
    { name: 'new line', make: (t) => apply(t, mid, 0, mid, 0, 'warmup_steps = 100\n') },
    { name: 'delete 3 lines', make: (t) => apply(t, mid, 0, mid + 3, 0, '') },
    { name: 'paste 40 lines', make: (t) => apply(t, mid, 0, mid, 0, source.slice(20, 60).join('\n') + '\n') },
  ];
  const w = [18, 11, 12, 11, 11, 11, 12, 10];
  console.log('\nPer edit, in the middle of the file (ms, best of 7): the new context, the rescan of the touched lines, the highlight ranges');
  console.log(row(['edit', 'context', 'line rescan', 'ranges', 'total', 'baseline', 'total ÷ base', 'in place'], w));
  for (const c of cases) {
    const e = c.make(text);
    const dirty = dirtyLines([e.edit]);
    const contextMs = bestOf(7, () => index.analyze(e.text, 'python'));
    const nextCtx = index.analyze(e.text, 'python');
    const updated = scan.update(index, dirty, e.text, nextCtx);
    const rescanMs = bestOf(7, () => scan.update(index, dirty, e.text, nextCtx));
    const next = updated ?? LineScan.of(index, e.text, nextCtx);
    const nextRangesMs = bestOf(7, () => highlightRanges(next, 'unlearned', isLearned));
    const total = contextMs + rescanMs + nextRangesMs;
    console.log(row([c.name, contextMs.toFixed(2), rescanMs.toFixed(3), nextRangesMs.toFixed(2), total.toFixed(2), fullMs.toFixed(1), (total / fullMs).toFixed(3) + '×', updated ? 'yes' : 'no'], w));
  }

  // A typing session: 200 keystrokes at random places, each updated in place (or rescanned when it must be).
  let t = text;
  let s = scan;
  const perEdit: number[] = [];
  let seed = 11;
  const r = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 200; i++) {
    const line = r(LINES);
    const e = apply(t, line, 0, line, 0, ['x', 'lr', ' ', 'dropout', '_'][r(5)]);
    const t0 = process.hrtime.bigint();
    const c = index.analyze(e.text, 'python');
    s = s.update(index, dirtyLines([e.edit]), e.text, c) ?? LineScan.of(index, e.text, c);
    highlightRanges(s, 'unlearned', isLearned);
    perEdit.push(ms(t0));
    t = e.text;
  }
  console.log(
    `\n200 keystrokes: per edit p50 ${percentile(perEdit, 50).toFixed(2)} ms, p99 ${percentile(perEdit, 99).toFixed(2)} ms, longest ${Math.max(...perEdit).toFixed(2)} ms ` +
      `(${(percentile(perEdit, 50) / fullMs).toFixed(3)}× the baseline at p50); highlight ranges alone ${rangesMs.toFixed(2)} ms`,
  );
  console.log('Targets: no block over 50 ms; an edit costs well under a full rescan.');
}

main();
