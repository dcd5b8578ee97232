import type { TermSummary } from './types';
import { compareTerms } from './glossaryTreeModel';

/** What a search query matched in a term. */
export type MatchKind = 'title' | 'alias' | 'code' | 'id' | 'tag';

/** One search result. */
export interface SearchHit {
  term: TermSummary;
  score: number;
  kind: MatchKind;
  /** The alias, code identifier or tag that matched (for `alias`, `code` and `tag`). */
  matched?: string;
}

/** Lower case, letters and digits only: `nn.Dropout` → `nndropout`, `Pre-training` → `pretraining`. */
export function searchKey(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Words of a name in lower case: `learning_rate` → [learning, rate], `AdamW` → [adam, w]. */
function words(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** How well `q` (a search key) matches `name`: 0 when it does not. */
function nameScore(q: string, name: string, queryWords: string[]): number {
  const key = searchKey(name);
  if (!key) return 0;
  if (key === q) return 100;
  if (key.startsWith(q)) return 80 - Math.min(10, key.length - q.length) / 2;
  const ws = words(name);
  // Every query word starts a word of the name, in order ("grad clip" → gradient clipping).
  if (queryWords.length > 1 && wordsInOrder(queryWords, ws)) return 65;
  if (ws.some((w) => w.startsWith(q))) return 60;
  // Initials ("lr" → learning rate, "sgd" → stochastic gradient descent).
  if (q.length >= 2 && ws.length >= 2 && ws.map((w) => w[0]).join('').startsWith(q)) return 55;
  if (q.length >= 3 && key.includes(q)) return 45;
  return 0;
}

function wordsInOrder(query: string[], name: string[]): boolean {
  let j = 0;
  for (const q of query) {
    while (j < name.length && !name[j].startsWith(q)) j++;
    if (j >= name.length) return false;
    j++;
  }
  return true;
}

/** Whether the letters of `q` appear in order in `key` (a last-resort fuzzy match). */
function subsequence(q: string, key: string): boolean {
  let j = 0;
  for (let i = 0; i < key.length && j < q.length; i++) if (key[i] === q[j]) j++;
  return j === q.length;
}

/**
 * Ranks glossary terms for a search query over titles, aliases, code identifiers (whole or by
 * their last segment: `torch.nn.Dropout` or `Dropout`), ids and tags. Title matches rank above
 * alias and code matches of the same quality. An empty query returns nothing.
 */
export function searchTerms(terms: readonly TermSummary[], query: string, limit = 200): SearchHit[] {
  const q = searchKey(query);
  if (!q) return [];
  const queryWords = words(query);
  const hits: SearchHit[] = [];
  for (const term of terms) {
    let best: SearchHit | undefined;
    const consider = (score: number, kind: MatchKind, matched?: string): void => {
      if (score > 0 && (!best || score > best.score)) best = { term, score, kind, matched };
    };
    const titleScore = nameScore(q, term.title, queryWords);
    if (titleScore) consider(titleScore + 3, 'title');
    consider(nameScore(q, term.id, queryWords), 'id');
    for (const a of term.aliases) consider(nameScore(q, a, queryWords), 'alias', a);
    for (const c of term.code) {
      consider(nameScore(q, c, queryWords), 'code', c);
      const last = c.split('.').pop()!;
      if (last !== c) consider(nameScore(q, last, queryWords) - 1, 'code', c);
    }
    for (const t of term.tags) {
      const tagScore = nameScore(q, t, queryWords);
      if (tagScore) consider(tagScore - 25, 'tag', t);
    }
    if (!best && q.length >= 3 && subsequence(q, searchKey(term.title))) best = { term, score: 10, kind: 'title' };
    if (best) hits.push(best);
  }
  hits.sort((a, b) => b.score - a.score || compareTerms(a.term, b.term));
  return hits.slice(0, limit);
}

/** A short note of why a hit matched when it was not by title (`alias: lr`, `code: nn.Dropout`). */
export function matchNote(hit: SearchHit): string | undefined {
  switch (hit.kind) {
    case 'alias': return `alias: ${hit.matched}`;
    case 'code': return `code: ${hit.matched}`;
    case 'tag': return `tag: ${hit.matched}`;
    default: return undefined;
  }
}
