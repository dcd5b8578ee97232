import { LEVELS, type Level, type TermSummary } from './types';
import { english, type Translate } from './l10n';
import { compareTerms } from './glossaryTreeModel';
import { normalizeToken } from './normalize';
import { localizedFields, unicodeKey } from './localized';

/** What a search query matched in a term. */
export type MatchKind = 'title' | 'alias' | 'code' | 'id' | 'tag';

/**
 * How a name matched, best first: the whole name; the start of the name; the starts of its words;
 * its initials; somewhere inside it; the letters in order with at most a typo's worth of gaps.
 */
export type MatchQuality = 'exact' | 'prefix' | 'words' | 'initials' | 'substring' | 'fuzzy';

/** One search result. */
export interface SearchHit {
  term: TermSummary;
  score: number;
  kind: MatchKind;
  quality: MatchQuality;
  /**
   * A match on the term's own names (title, alias, code identifier, id) by the whole name, its
   * start or its words. Strong hits always come before weak ones (initials, inner substrings, tags,
   * near spellings), whatever their scores.
   */
  strong: boolean;
  /** The alias, code identifier or tag that matched (for `alias`, `code` and `tag`). */
  matched?: string;
}

/** Lower case, letters and digits only: `nn.Dropout` → `nndropout`, `Pre-training` → `pretraining`. */
export function searchKey(s: string): string {
  return words(s).join('');
}

/**
 * {@link searchKey} with each word normalised the way the code matcher does it (British and
 * American spellings, simple plurals): `Regularisation` → `regularization`, `optimisers` → `optimizer`.
 */
export function normalizedSearchKey(s: string): string {
  return words(s).map(normalizeToken).join('');
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

/** A name (or query) as written and with its words normalised. */
interface Form {
  key: string;
  words: string[];
}

interface Forms {
  raw: Form;
  norm: Form;
}

/** A query's forms; `partial` reads a half-typed British ending as American (`regularis` → `regulariz`). */
interface QueryForms extends Forms {
  partial?: Form;
}

const PARTIAL_BRITISH = /is(e|er|ed|ing|a|at|ati|atio)?$/;

function queryForms(query: string): QueryForms {
  const f: QueryForms = { ...forms(query) };
  const ws = f.raw.words;
  const last = ws[ws.length - 1];
  if (last && last.length > 5 && PARTIAL_BRITISH.test(last)) {
    const pw = [...f.norm.words.slice(0, -1), last.replace(PARTIAL_BRITISH, 'iz$1')];
    f.partial = { key: pw.join(''), words: pw };
  }
  return f;
}

const formCache = new Map<string, Forms>();

function forms(s: string): Forms {
  let f = formCache.get(s);
  if (!f) {
    const ws = words(s);
    const ns = ws.map(normalizeToken);
    f = { raw: { key: ws.join(''), words: ws }, norm: { key: ns.join(''), words: ns } };
    if (formCache.size > 20_000) formCache.clear();
    formCache.set(s, f);
  }
  return f;
}

/** Base scores of each quality; an exact match scores 100 and nothing else reaches it. */
const SCORE: Record<Exclude<MatchQuality, 'prefix' | 'words'>, number> = { exact: 100, initials: 55, substring: 45, fuzzy: 10 };

interface NameMatch {
  score: number;
  quality: MatchQuality;
}

/** How well a query matches one form of a name. */
function formMatch(q: Form, name: Form): NameMatch | undefined {
  const key = name.key;
  const k = q.key;
  if (!key || !k) return undefined;
  if (key === k) return { score: SCORE.exact, quality: 'exact' };
  if (key.startsWith(k)) return { score: 80 - Math.min(10, key.length - k.length) / 2, quality: 'prefix' };
  // Every query word starts a word of the name, in order ("grad clip" → gradient clipping).
  if (q.words.length > 1 && wordsInOrder(q.words, name.words)) return { score: 65, quality: 'words' };
  if (name.words.some((w) => w.startsWith(k))) return { score: 60, quality: 'words' };
  // Initials ("lr" → learning rate, "sgd" → stochastic gradient descent).
  if (k.length >= 2 && name.words.length >= 2 && name.words.map((w) => w[0]).join('').startsWith(k)) return { score: SCORE.initials, quality: 'initials' };
  if (k.length >= 3 && key.includes(k)) return { score: SCORE.substring, quality: 'substring' };
  return undefined;
}

/** The better of matching the name as written and with British/American spelling and plurals normalised. */
function nameMatch(query: QueryForms, name: string): NameMatch | undefined {
  const f = forms(name);
  let best = formMatch(query.raw, f.raw);
  const better = (m: NameMatch | undefined): void => {
    if (m && (!best || m.score > best.score)) best = m;
  };
  if (query.norm.key !== query.raw.key || f.norm.key !== f.raw.key) better(formMatch(query.norm, f.norm));
  if (query.partial) better(formMatch(query.partial, f.norm));
  return best;
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

/**
 * Whether the letters of `q` appear in order in `key` within a short stretch: a missing or extra
 * letter or two ("dropot", "optimzer"), not letters scattered over a long name ("bert" in
 * "membership inference attack").
 */
export function nearSpelling(q: string, key: string): boolean {
  if (q.length < 3) return false;
  const slack = Math.max(1, Math.floor(q.length / 4));
  for (let start = key.indexOf(q[0]); start >= 0; start = key.indexOf(q[0], start + 1)) {
    let j = 1;
    let i = start + 1;
    for (; i < key.length && j < q.length; i++) if (key[i] === q[j]) j++;
    if (j < q.length) return false; // no later start can complete either
    if (i - start <= q.length + slack) return true;
  }
  return false;
}

/** Letters of scripts written without spaces between words (Chinese, Japanese, Korean Hangul aside). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * How a query matches a localized title in any script, on {@link unicodeKey}s: the whole title,
 * its start, or (from two characters) anywhere inside it. In scripts without spaces an inner
 * match is as good as a word match: `下降` finds 梯度下降 as `descent` finds gradient descent.
 */
function localizedMatch(query: string, title: string): NameMatch | undefined {
  if (!query || !title) return undefined;
  if (title === query) return { score: SCORE.exact, quality: 'exact' };
  if (title.startsWith(query)) return { score: 80 - Math.min(10, title.length - query.length) / 2, quality: 'prefix' };
  if ([...query].length >= 2 && title.includes(query)) return UNSPACED.test(query) ? { score: 60, quality: 'words' } : { score: SCORE.substring, quality: 'substring' };
  return undefined;
}

const isStrong = (quality: MatchQuality, kind: MatchKind): boolean =>
  kind !== 'tag' && (quality === 'exact' || quality === 'prefix' || quality === 'words');

/**
 * Ranks glossary terms for a search query over titles, aliases, code identifiers (whole or by
 * their last segment: `torch.nn.Dropout` or `Dropout`), ids and tags, in British or American
 * spelling. Strong hits (exact, prefix and word matches of a term's names) come first, best first:
 * an exact title, alias or code match always outranks a prefix, initials or tag match. Title
 * matches rank above alias and code matches of the same quality. Near spellings are offered only
 * when nothing else matches. An empty query returns nothing. With a `locale` (VS Code's display
 * language), the entries' titles in that language are searched too, in any script (`学习率`),
 * ranked as titles.
 */
export function searchTerms(terms: readonly TermSummary[], query: string, limit = 200, locale?: string): SearchHit[] {
  const q = queryForms(query);
  const uq = locale ? unicodeKey(query) : '';
  if (!q.raw.key && !uq) return [];
  const hits: SearchHit[] = [];
  for (const term of terms) {
    let best: SearchHit | undefined;
    const consider = (m: NameMatch | undefined, bonus: number, kind: MatchKind, matched?: string): void => {
      if (!m) return;
      const strong = isStrong(m.quality, kind);
      const score = m.score + bonus;
      if (!best || (strong && !best.strong) || (strong === best.strong && score > best.score)) {
        best = { term, score, kind, quality: m.quality, strong, matched };
      }
    };
    consider(nameMatch(q, term.title), 3, 'title');
    const localTitle = locale ? localizedFields(term, locale)?.title : undefined;
    if (localTitle) {
      consider(localizedMatch(uq, unicodeKey(localTitle)), 3, 'title');
      if (q.raw.key) consider(nameMatch(q, localTitle), 3, 'title');
    }
    consider(nameMatch(q, term.id), 0, 'id');
    for (const a of term.aliases) consider(nameMatch(q, a), 0, 'alias', a);
    for (const c of term.code) {
      consider(nameMatch(q, c), 0, 'code', c);
      const last = c.split('.').pop()!;
      if (last !== c) consider(nameMatch(q, last), -1, 'code', c);
    }
    for (const t of term.tags) consider(nameMatch(q, t), -25, 'tag', t);
    if (best) hits.push(best);
  }
  if (!hits.length && q.raw.key) {
    // Last resort: near spellings of a title or alias.
    for (const term of terms) {
      let best: SearchHit | undefined;
      for (const name of [term.title, ...term.aliases]) {
        const f = forms(name);
        if (!nearSpelling(q.raw.key, f.raw.key) && !nearSpelling(q.norm.key, f.norm.key)) continue;
        // Names about as long as the query first ("optimzer": Optimizer before Adam optimizer).
        const isTitle = name === term.title;
        const score = SCORE.fuzzy - Math.min(8, Math.abs(f.raw.key.length - q.raw.key.length)) / 2 + (isTitle ? 0.5 : 0);
        if (!best || score > best.score) {
          best = { term, score, kind: isTitle ? 'title' : 'alias', quality: 'fuzzy', strong: false, matched: isTitle ? undefined : name };
        }
      }
      if (best) hits.push(best);
    }
  }
  hits.sort((a, b) => Number(b.strong) - Number(a.strong) || b.score - a.score || compareTerms(a.term, b.term));
  return hits.slice(0, limit);
}

/** A short note of why a hit matched when it was not by title (`alias: lr`, `code: nn.Dropout`). */
export function matchNote(hit: SearchHit, t: Translate = english): string | undefined {
  switch (hit.kind) {
    case 'alias': return t('alias: {0}', hit.matched ?? '');
    case 'code': return t('code: {0}', hit.matched ?? '');
    case 'tag': return t('tag: {0}', hit.matched ?? '');
    default: return undefined;
  }
}

/** The Quick Pick's message when a query matches no term. */
export function noMatchMessage(query: string, t: Translate = english): string {
  const q = query.trim().replace(/\s+/g, ' ');
  return t("No glossary term matches '{0}'", q.length > 60 ? `${q.slice(0, 59)}…` : q);
}

/** A query with its level filters taken out: `@beginner dropout` → levels {beginner}, text `dropout`. */
export interface LevelQuery {
  /** The levels asked for, or undefined for every level. */
  levels?: ReadonlySet<Level>;
  /** The rest of the query. */
  text: string;
}

/**
 * Reads `@beginner`, `@intermediate` and `@advanced` (or their first three letters and more,
 * `@adv`) out of a search query. Several narrow to any of them.
 */
export function parseLevelQuery(query: string): LevelQuery {
  const levels = new Set<Level>();
  const text = query.replace(/(^|\s)@([a-z]{3,})(?=\s|$)/gi, (whole, space: string, word: string) => {
    const level = LEVELS.find((l) => l.startsWith(word.toLowerCase()));
    if (!level) return whole;
    levels.add(level);
    return space;
  });
  return levels.size ? { levels, text: text.replace(/\s+/g, ' ').trim() } : { text: query };
}

/** Whether a term is at one of `levels` (every term is, when no levels are given). */
export function atLevel(term: TermSummary, levels: ReadonlySet<Level> | undefined): boolean {
  return !levels || (term.level !== undefined && levels.has(term.level));
}
