import type { TermId } from '../types';

/** How a term was met: hovered in an editor, its page opened, or found in an open file. */
export type MetHow = 'hover' | 'open' | 'file';

/** Where and when a term was met, kept compact because it syncs with Settings Sync. */
export interface MetRecord {
  /** When (milliseconds since the epoch). */
  t: number;
  /** How. */
  k: MetHow;
  /** The file's URI. */
  u?: string;
  /** The line of code, trimmed and shortened. */
  x?: string;
}

/** Met terms by id. */
export type MetTerms = Record<TermId, MetRecord>;

/** Most met terms kept; the oldest are forgotten first. */
export const MAX_MET = 600;
/** Longest code line kept. */
export const MAX_LINE = 160;
/** Longest file URI kept. */
export const MAX_URI = 400;

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const HOW = new Set<MetHow>(['hover', 'open', 'file']);

/** A code line as a card shows it: whitespace collapsed, trimmed, shortened with an ellipsis. */
export function trimLine(line: string): string {
  const s = line.replace(/\s+/g, ' ').trim();
  return s.length > MAX_LINE ? s.slice(0, MAX_LINE - 1) + '…' : s;
}

/** Longest stretch of a source line kept around a term (a minified file can have 1 MB lines). */
const LINE_WINDOW = 200;

/** The stretch of a source line around column `column`: the whole line when short, else a window centred on it. */
export function lineAround(text: string, column: number): string {
  if (text.length <= LINE_WINDOW) return text;
  const from = Math.max(0, column - LINE_WINDOW / 2);
  return text.slice(from, from + LINE_WINDOW);
}

/** Reads stored met terms defensively; malformed entries are dropped, and at most {@link MAX_MET} kept. */
export function readMet(value: unknown): MetTerms {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const entries: Array<[TermId, MetRecord]> = [];
  for (const [id, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!ID.test(id) || typeof raw !== 'object' || raw === null) continue;
    const r = raw as Record<string, unknown>;
    if (typeof r.t !== 'number' || !Number.isFinite(r.t) || r.t < 0 || !HOW.has(r.k as MetHow)) continue;
    const rec: MetRecord = { t: r.t, k: r.k as MetHow };
    if (typeof r.u === 'string' && r.u.length <= MAX_URI) rec.u = r.u;
    if (typeof r.x === 'string') rec.x = trimLine(r.x);
    entries.push([id, rec]);
  }
  return bound(entries);
}

function bound(entries: Array<[TermId, MetRecord]>): MetTerms {
  if (entries.length > MAX_MET) entries = entries.sort((a, b) => b[1].t - a[1].t).slice(0, MAX_MET);
  return Object.fromEntries(entries);
}

/** Where a term was met, as the caller saw it. */
export interface Encounter {
  id: TermId;
  how: MetHow;
  uri?: string;
  line?: string;
}

/**
 * Records encounters. A hover or an opened page is deliberate, so it refreshes the time and the
 * place; a file scan only adds terms not met before (and keeps the place of an earlier hover).
 * Returns the same object when nothing changed, so callers can skip a write.
 */
export function recordMet(met: MetTerms, encounters: readonly Encounter[], now: number): MetTerms {
  let next: MetTerms | undefined;
  for (const e of encounters) {
    if (!ID.test(e.id)) continue;
    const old = (next ?? met)[e.id];
    if (old && e.how === 'file') continue;
    const rec: MetRecord = { t: now, k: e.how };
    const uri = e.uri && e.uri.length <= MAX_URI ? e.uri : undefined;
    const line = e.line !== undefined ? trimLine(e.line) : '';
    if (uri && line) {
      rec.u = uri;
      rec.x = line;
    } else if (old?.u) {
      // An opened page has no place of its own: keep where the term was last seen in code.
      rec.u = old.u;
      if (old.x) rec.x = old.x;
    }
    next ??= { ...met };
    next[e.id] = rec;
  }
  if (!next) return met;
  return Object.keys(next).length > MAX_MET ? bound(Object.entries(next)) : next;
}
