import type { TermId } from './types';
import type { GlossaryIndex } from './glossaryIndex';
import { importsOf, type DocumentContext, type Imports, type LanguageFamily } from './documentContext';
import type { MatchReason } from './matcher';

/** A term occurrence in a document. */
export interface Occurrence {
  term: TermId;
  /** 0-based line and column. */
  line: number;
  column: number;
  /** The text that matched. */
  text: string;
  /** Why an ambiguous word took this sense. */
  why?: MatchReason;
}

/** Characters a view scans between checks of its time budget: a slice takes a few milliseconds. */
export const SCAN_SLICE_CHARS = 20_000;

/** Longest line that is scanned in full; longer lines (minified code, data) are skipped. */
export const MAX_SCAN_LINE = 10_000;

/**
 * Finds every term occurrence in `text`; with `ctx` (the analysis of the same text) ambiguous
 * words take their sense from context. Runs of ordinary lines are matched in one pass (a line
 * break always ends a term); lines longer than {@link MAX_SCAN_LINE} (minified code, data) are skipped.
 */
export function scanText(index: GlossaryIndex, text: string, ignore?: ReadonlySet<TermId>, ctx?: DocumentContext): Occurrence[] {
  const all: Occurrence[] = [];
  for (const slice of scanSlices(index, text, ignore, ctx)) for (const o of slice) all.push(o);
  return all;
}

/** Part of a text to scan: offsets `from` (a line start) to `to` (a line end), and the 0-based line at `from`. */
export interface ScanRange {
  from: number;
  to: number;
  line: number;
}

/**
 * {@link scanText} in slices: yields the occurrences of about `sliceChars` characters at a time,
 * cut at line starts, so that a caller can give the event loop back between slices.
 */
export function* scanSlices(
  index: GlossaryIndex,
  text: string,
  ignore?: ReadonlySet<TermId>,
  ctx?: DocumentContext,
  sliceChars = Infinity,
  range?: ScanRange,
): Generator<Occurrence[], void, undefined> {
  let out: Occurrence[] = [];
  const lineStarts: number[] = [];
  const to = range ? Math.min(range.to, text.length) : text.length;
  let runStart = range?.from ?? 0;
  let runLine = range?.line ?? 0;
  let line = runLine;
  let pos = runStart;
  const flush = (end: number): void => {
    if (end <= runStart) return;
    let l = 0;
    const env = ctx && ctx.text === text ? { ctx, base: runStart } : undefined;
    for (const m of index.matcher.scan(text.slice(runStart, end), ignore, env)) {
      const at = runStart + m.start;
      while (l + 1 < lineStarts.length && lineStarts[l + 1] <= at) l++;
      out.push({ term: m.term, line: runLine + l, column: at - lineStarts[l], text: text.slice(at, runStart + m.end), ...(m.why ? { why: m.why } : {}) });
    }
  };
  // Lines end at \n, \r\n or a lone \r, as in VS Code.
  let nextLf = text.indexOf('\n', pos);
  let nextCr = text.indexOf('\r', pos);
  while (pos <= to) {
    if (nextLf >= 0 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    if (nextCr >= 0 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    const nl = Math.min(to, nextLf < 0 ? (nextCr < 0 ? text.length : nextCr) : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr));
    const next = nl + (text.charCodeAt(nl) === 13 && text.charCodeAt(nl + 1) === 10 ? 2 : 1);
    if (pos - runStart >= sliceChars && lineStarts.length > 0) {
      flush(pos);
      yield out;
      out = [];
      lineStarts.length = 0;
      runStart = pos;
      runLine = line;
    }
    if (nl - pos > MAX_SCAN_LINE) {
      flush(pos);
      lineStarts.length = 0;
      runStart = next;
      runLine = line + 1;
    } else {
      lineStarts.push(pos);
    }
    line++;
    pos = next;
  }
  flush(to);
  yield out;
}

/** Scans a whole document with context: its ML imports and regions decide the sense of ambiguous words. */
export function scanDocument(index: GlossaryIndex, text: string, family: LanguageFamily, ignore?: ReadonlySet<TermId>): Occurrence[] {
  return scanText(index, text, ignore, index.analyze(text, family));
}

/** A notebook cell, or any part of a multi-part document, to analyse together with the others. */
export interface DocumentPart {
  text: string;
  family: LanguageFamily;
}

/**
 * Analyses the parts of one notebook together: the imports of every code cell count for all
 * cells, so `loss` in cell 7 knows that cell 1 imported torch.
 */
export function analyzeParts(index: GlossaryIndex, parts: readonly DocumentPart[]): DocumentContext[] {
  const each = parts.map((p) => importsOf(p.text, p.family));
  const extra: Imports = {
    libraries: [...new Set(each.flatMap((i) => i.libraries))],
    imported: new Map(each.flatMap((i) => [...i.imported])),
    modules: new Set(each.flatMap((i) => [...i.modules])),
  };
  return parts.map((p) => index.analyze(p.text, p.family, { extra }));
}
