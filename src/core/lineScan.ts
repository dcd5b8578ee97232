/**
 * A document's term scan kept line by line, so that an edit rescans only the lines it touched.
 * Terms never span lines, so a line's occurrences depend on the line itself and on the document's
 * context (its imports, and whether the line sits in code, a comment, a string or prose). An edit
 * that leaves the imports alone and cannot open or close a multi-line region (block comment,
 * docstring, template string, Markdown fence) changes only its own lines: that is checked by
 * comparing what the context's lexer sees of the replaced lines before and after.
 */
import type { DocumentContext } from './documentContext';
import type { GlossaryIndex } from './glossaryIndex';
import { scanSlices, type Occurrence } from './scan';
import type { TermId } from './types';

/** A term occurrence within a known line. */
export interface LineHit {
  term: TermId;
  /** 0-based column where the match starts. */
  column: number;
  /** The text that matched. */
  text: string;
}

/** An edit in line terms, as an editor reports it: lines of the text before the edit, and what was inserted. */
export interface LineEdit {
  /** First line the replaced range touches (0-based, before the edit). */
  startLine: number;
  /** Last line the replaced range touches (before the edit). */
  endLine: number;
  /** The inserted text. */
  text: string;
}

/** Lines a run of edits replaced: lines `from`..`oldTo` of the text before them are lines `from`..`newTo` now. */
export interface DirtyLines {
  from: number;
  oldTo: number;
  newTo: number;
}

/** Adds `edit`, given against the text after the edits already in `dirty`, to the lines they replaced. */
export function addEdit(dirty: DirtyLines | undefined, edit: LineEdit): DirtyLines {
  const d = lineBreaks(edit.text) - (edit.endLine - edit.startLine);
  if (!dirty) return { from: edit.startLine, oldTo: edit.endLine, newTo: edit.endLine + d };
  const delta = dirty.newTo - dirty.oldTo;
  const toBefore = (line: number, inside: number): number => (line < dirty.from ? line : line <= dirty.newTo ? inside : line - delta);
  return {
    from: Math.min(dirty.from, toBefore(edit.startLine, dirty.from)),
    oldTo: Math.max(dirty.oldTo, toBefore(edit.endLine, dirty.oldTo)),
    newTo: Math.max(dirty.newTo, edit.endLine) + d,
  };
}

/** The lines replaced by `edits`, applied one after the other (as an editor reports a multi-cursor edit). */
export function dirtyLines(edits: readonly LineEdit[], dirty?: DirtyLines): DirtyLines | undefined {
  return edits.reduce<DirtyLines | undefined>(addEdit, dirty);
}

/** Edits touching more lines than this are cheaper to rescan in slices than in one go. */
export const MAX_INCREMENTAL_LINES = 2000;

/** A Markdown fence line: it opens or closes a code block that spans lines. */
const FENCE = /^ {0,3}(?:`{3,}|~{3,})/m;

/** Per language family, the characters its lexer acts on: comment and string delimiters and the escape. */
const LEXED: Partial<Record<DocumentContext['family'], string>> = {
  python: '#"\'\\',
  hash: '#"\'\\',
  c: '/*"\'`\\',
};

/**
 * What the context's lexer sees of a code text: its comment, string and escape characters, the
 * character after each escape, and whether each run of other characters holds a line break
 * (`n`) or not (`a`). Runs before the first and after the last such character are dropped: the
 * text starts at a line start and ends at a line end. Two texts with the same skeleton take the
 * lexer from the same state to the same state, so the regions after them are the same.
 */
export function skeleton(text: string, lexed: string): string {
  let out = '';
  let run = 0;
  const flush = (): void => {
    if (run) out += run === 2 ? 'n' : 'a';
    run = 0;
  };
  const isBreak = (ch: string): boolean => ch === '\n' || ch === '\r';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!lexed.includes(ch)) {
      run = Math.max(run, isBreak(ch) ? 2 : 1);
      continue;
    }
    flush();
    out += ch;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i];
      out += lexed.includes(next) ? next : isBreak(next) ? 'N' : 'A';
    }
  }
  flush();
  return out.replace(/^[an]+|[an]+$/g, '');
}

/** Whether replacing `before` by `after` (whole lines, after `previousLine`) can change the regions outside them. */
function mayChangeRegions(family: DocumentContext['family'], before: string, after: string, previousLine: string): boolean {
  // Markdown's inline code ends with its line; only fences span lines.
  if (family === 'markdown') return FENCE.test(before) || FENCE.test(after);
  const lexed = LEXED[family];
  if (!lexed) return false;
  // A string continued from the line above (a trailing backslash) would end at the first line break.
  if (previousLine.endsWith('\\')) return true;
  return skeleton(before, lexed) !== skeleton(after, lexed);
}

/** Offsets where each line starts; lines end at \n, \r\n or a lone \r, as in VS Code. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** What in a context decides the sense of words on every line: a change here means a full rescan. */
export function contextSignature(ctx: DocumentContext): string {
  return JSON.stringify([ctx.family, ctx.mlReason ?? '', ctx.libraries, [...ctx.imported], [...ctx.modules]]);
}

function lineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      if (s.charCodeAt(i + 1) === 10) i++;
      n++;
    }
  }
  return n;
}

/** End offset (before the line break) of line `line`. */
function lineEndOffset(text: string, starts: readonly number[], line: number): number {
  if (line + 1 >= starts.length) return text.length;
  let e = starts[line + 1] - 1;
  if (text.charCodeAt(e) === 10 && e > 0 && text.charCodeAt(e - 1) === 13) e--;
  return e;
}

/** The scan of one version of a document. */
export class LineScan {
  private constructor(
    /** The scanned text. */
    readonly text: string,
    /** {@link contextSignature} of the context it was scanned with. */
    readonly signature: string,
    /** Occurrences per line, in column order. */
    readonly lines: ReadonlyArray<readonly LineHit[]>,
    private readonly starts: readonly number[],
  ) {}

  /**
   * Scans `text` whole, yielding after each slice of about `sliceChars` characters so that the
   * caller can give the event loop back; the generator's return value is the scan.
   */
  static *build(index: GlossaryIndex, text: string, ctx: DocumentContext, ignore?: ReadonlySet<TermId>, sliceChars = Infinity): Generator<void, LineScan, undefined> {
    const starts = lineStarts(text);
    const lines: LineHit[][] = starts.map(() => []);
    for (const slice of scanSlices(index, text, ignore, ctx, sliceChars)) {
      for (const o of slice) lines[o.line].push(hit(o));
      yield;
    }
    return new LineScan(text, contextSignature(ctx), lines, starts);
  }

  /** {@link build} in one go. */
  static of(index: GlossaryIndex, text: string, ctx: DocumentContext, ignore?: ReadonlySet<TermId>): LineScan {
    const it = LineScan.build(index, text, ctx, ignore);
    for (;;) {
      const r = it.next();
      if (r.done) return r.value;
    }
  }

  /** Number of occurrences. */
  get size(): number {
    let n = 0;
    for (const l of this.lines) n += l.length;
    return n;
  }

  /** Every occurrence in document order. */
  *occurrences(): Generator<LineHit & { line: number }> {
    for (let line = 0; line < this.lines.length; line++) for (const h of this.lines[line]) yield { ...h, line };
  }

  /**
   * The scan of `text`, the document after edits that replaced `dirty` lines of this scan's text,
   * with `ctx` its context. Rescans only those lines; returns undefined when that would not be
   * exact (the imports changed, a multi-line region may have opened or closed, the text does not
   * match the edits) or would be long, so that the caller rescans in slices.
   */
  update(index: GlossaryIndex, dirty: DirtyLines | undefined, text: string, ctx: DocumentContext, ignore?: ReadonlySet<TermId>): LineScan | undefined {
    const signature = contextSignature(ctx);
    if (signature !== this.signature) return undefined;
    if (!dirty) return text === this.text ? this : undefined;
    const { from, oldTo, newTo } = dirty;
    const delta = newTo - oldTo;
    if (from < 0 || oldTo < from || oldTo >= this.lines.length || newTo < from) return undefined;
    const starts = lineStarts(text);
    if (starts.length !== this.lines.length + delta || newTo < from || newTo >= starts.length) return undefined;
    if (newTo - from > MAX_INCREMENTAL_LINES) return undefined;
    const before = this.text.slice(this.starts[from], lineEndOffset(this.text, this.starts, oldTo));
    const after = text.slice(starts[from], lineEndOffset(text, starts, newTo));
    const previousLine = from > 0 ? text.slice(starts[from - 1], lineEndOffset(text, starts, from - 1)) : '';
    if (mayChangeRegions(ctx.family, before, after, previousLine)) return undefined;
    const fresh: LineHit[][] = [];
    for (let l = from; l <= newTo; l++) fresh.push([]);
    const range = { from: starts[from], to: lineEndOffset(text, starts, newTo), line: from };
    for (const slice of scanSlices(index, text, ignore, ctx, Infinity, range)) for (const o of slice) fresh[o.line - from].push(hit(o));
    const lines = [...this.lines.slice(0, from), ...fresh, ...this.lines.slice(oldTo + 1)];
    return new LineScan(text, signature, lines, starts);
  }
}

function hit(o: Occurrence): LineHit {
  return { term: o.term, column: o.column, text: o.text };
}
