import type { TermId } from './types';
import type { GlossaryIndex } from './glossaryIndex';

/** A term occurrence in a document. */
export interface Occurrence {
  term: TermId;
  /** 0-based line and column. */
  line: number;
  column: number;
  /** The text that matched. */
  text: string;
}

/** Longest line that is scanned in full; longer lines (minified code, data) are skipped. */
export const MAX_SCAN_LINE = 10_000;

/**
 * Finds every term occurrence in `text`. Runs of ordinary lines are matched in one pass (a line
 * break always ends a term); lines longer than {@link MAX_SCAN_LINE} (minified code, data) are skipped.
 */
export function scanText(index: GlossaryIndex, text: string, ignore?: ReadonlySet<TermId>): Occurrence[] {
  const out: Occurrence[] = [];
  const lineStarts: number[] = [];
  let runStart = 0;
  let runLine = 0;
  let line = 0;
  let pos = 0;
  const flush = (end: number): void => {
    if (end <= runStart) return;
    let l = 0;
    for (const m of index.matcher.scan(text.slice(runStart, end), ignore)) {
      const at = runStart + m.start;
      while (l + 1 < lineStarts.length && lineStarts[l + 1] <= at) l++;
      out.push({ term: m.term, line: runLine + l, column: at - lineStarts[l], text: text.slice(at, runStart + m.end) });
    }
  };
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    if (nl - pos > MAX_SCAN_LINE) {
      flush(pos);
      lineStarts.length = 0;
      runStart = nl + 1;
      runLine = line + 1;
    } else {
      lineStarts.push(pos);
    }
    line++;
    pos = nl + 1;
  }
  flush(text.length);
  return out;
}
