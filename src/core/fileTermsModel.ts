import { compareTerms } from './glossaryTreeModel';
import type { TermId, TermSummary } from './types';

/** A term occurrence in a file or notebook: cell (0 for a plain file), line and column, 0-based. */
export interface Place {
  cell: number;
  line: number;
  column: number;
  /** Length of the matched text. */
  length: number;
}

/** One row of the "Terms in this File" view. */
export interface FileTermEntry {
  term: TermSummary;
  /** Occurrences in document order. */
  places: Place[];
  /** The distinct spellings found (`learning_rate`, `lr`), most frequent first. */
  spellings: string[];
}

/** How the view orders its rows. */
export type FileTermsOrder = 'count' | 'name' | 'position';

/** Orders places as they appear in the document. */
export function comparePlaces(a: Pick<Place, 'cell' | 'line' | 'column'>, b: Pick<Place, 'cell' | 'line' | 'column'>): number {
  return a.cell - b.cell || a.line - b.line || a.column - b.column;
}

/**
 * Groups occurrences by term and orders the rows: by occurrence count (then title), by title,
 * or by first occurrence. Occurrences of terms missing from `lookup` are dropped.
 */
export function groupOccurrences(
  occurrences: Iterable<{ term: TermId; text: string } & Omit<Place, 'length'>>,
  lookup: (id: TermId) => TermSummary | undefined,
  order: FileTermsOrder = 'count',
): FileTermEntry[] {
  const byTerm = new Map<TermId, { term: TermSummary; places: Place[]; spellings: Map<string, number> }>();
  for (const o of occurrences) {
    let e = byTerm.get(o.term);
    if (!e) {
      const term = lookup(o.term);
      if (!term) continue;
      byTerm.set(o.term, (e = { term, places: [], spellings: new Map() }));
    }
    e.places.push({ cell: o.cell, line: o.line, column: o.column, length: o.text.length });
    e.spellings.set(o.text, (e.spellings.get(o.text) ?? 0) + 1);
  }
  const entries: FileTermEntry[] = [...byTerm.values()].map((e) => ({
    term: e.term,
    places: e.places.sort(comparePlaces),
    spellings: [...e.spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s),
  }));
  const byName = (a: FileTermEntry, b: FileTermEntry): number => compareTerms(a.term, b.term);
  if (order === 'name') entries.sort(byName);
  else if (order === 'position') entries.sort((a, b) => comparePlaces(a.places[0], b.places[0]) || byName(a, b));
  else entries.sort((a, b) => b.places.length - a.places.length || byName(a, b));
  return entries;
}

/**
 * The occurrence to go to next from the cursor: the first one that starts after `cursor`
 * (wrapping to the first), so repeated clicks step through all of them. Returns its index.
 */
export function nextPlace(places: readonly Place[], cursor: Pick<Place, 'cell' | 'line' | 'column'> | undefined): number {
  if (!places.length) return -1;
  if (!cursor) return 0;
  const i = places.findIndex((p) => comparePlaces(p, cursor) > 0);
  return i < 0 ? 0 : i;
}
