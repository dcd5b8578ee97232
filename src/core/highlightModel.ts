/**
 * Which term occurrences the editor highlights, from a document's {@link LineScan}: every term,
 * only the ones not learned yet, or none.
 */
import type { LineHit } from './lineScan';
import type { TermId } from './types';

/** The `mlLens.highlight` setting. */
export type HighlightMode = 'off' | 'unlearned' | 'all';

/** The modes in the order the setting lists them. */
export const HIGHLIGHT_MODES: readonly HighlightMode[] = ['off', 'unlearned', 'all'];

/** The mode a setting value names; anything else reads as `fallback`. */
export function parseHighlightMode(x: unknown, fallback: HighlightMode = 'off'): HighlightMode {
  return typeof x === 'string' && (HIGHLIGHT_MODES as readonly string[]).includes(x) ? (x as HighlightMode) : fallback;
}

/** A highlighted range: 0-based line and column, and its length. */
export interface HighlightRange {
  term: TermId;
  line: number;
  column: number;
  length: number;
}

/** Occurrences by line, as a {@link LineScan} keeps them. */
export interface ScannedLines {
  readonly lines: ReadonlyArray<readonly LineHit[]>;
}

/** The ranges to highlight in document order; `isLearned` is asked once per distinct term. */
export function highlightRanges(scan: ScannedLines, mode: HighlightMode, isLearned: (id: TermId) => boolean): HighlightRange[] {
  if (mode === 'off') return [];
  const keep = new Map<TermId, boolean>();
  const out: HighlightRange[] = [];
  for (let line = 0; line < scan.lines.length; line++) {
    for (const h of scan.lines[line]) {
      let k = keep.get(h.term);
      if (k === undefined) keep.set(h.term, (k = mode === 'all' || !isLearned(h.term)));
      if (k) out.push({ term: h.term, line, column: h.column, length: h.text.length });
    }
  }
  return out;
}

/** Distinct terms in the scan, and how many of them are not learned. */
export function termCounts(scan: ScannedLines, isLearned: (id: TermId) => boolean): { terms: number; unlearned: number } {
  const seen = new Set<TermId>();
  let unlearned = 0;
  for (const line of scan.lines) {
    for (const h of line) {
      if (seen.has(h.term)) continue;
      seen.add(h.term);
      if (!isLearned(h.term)) unlearned++;
    }
  }
  return { terms: seen.size, unlearned };
}
