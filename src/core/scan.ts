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

/** Finds every term occurrence in `text`, line by line. */
export function scanText(index: GlossaryIndex, text: string, ignore?: ReadonlySet<TermId>): Occurrence[] {
  const out: Occurrence[] = [];
  let line = 0;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    if (nl - pos <= MAX_SCAN_LINE) {
      const s = text.slice(pos, nl);
      for (const m of index.matcher.scan(s, ignore)) {
        out.push({ term: m.term, line, column: m.start, text: s.slice(m.start, m.end) });
      }
    }
    line++;
    pos = nl + 1;
  }
  return out;
}
