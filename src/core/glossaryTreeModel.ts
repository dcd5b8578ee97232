import { localizedFields } from './localized';
import { LEVELS, type Category, type Level, type Relation, type TermId, type TermSummary } from './types';
import { english, type Translate } from './l10n';

/** What the Glossary view is built from: the index's categories and terms. */
export interface GlossarySource {
  readonly categories: readonly Category[];
  readonly terms: readonly TermSummary[];
  get?(id: TermId): TermSummary | undefined;
}

/** Which terms the Glossary view shows. */
export interface TreeFilter {
  /** Hide terms that are learned (their categories still count them). */
  unlearnedOnly?: boolean;
  /** Show only these terms (e.g. a term and its related terms). */
  only?: ReadonlySet<TermId>;
  /** Show only terms at these levels (terms without a level are always shown). */
  levels?: ReadonlySet<Level>;
  /** Terms shown whatever the filters say (e.g. the term just revealed). */
  pinned?: ReadonlySet<TermId>;
}

/**
 * The level filter that `levels` asks for: the known levels among them, or undefined (every
 * level) when they name none or all of them.
 */
export function levelFilter(levels: readonly unknown[]): ReadonlySet<Level> | undefined {
  const chosen = LEVELS.filter((l) => levels.includes(l));
  return chosen.length && chosen.length < LEVELS.length ? new Set(chosen) : undefined;
}

/** One category row and the term rows under it. */
export interface CategoryGroup {
  id: string;
  title: string;
  /** Visible terms, sorted by title. */
  terms: TermSummary[];
  /** Every term of the category, whatever the filter. */
  total: number;
  /** Learned terms of the category, whatever the filter. */
  learned: number;
}

/** What a term's row shows: its title in the display language and, when that differs, the English one. */
export interface TermRowText {
  label: string;
  /** The English title, when the label is a translation. */
  english?: string;
}

/** The title a term's row (tree, search) shows for `locale`, with the English title beside a translation. */
export function termRowText(term: Pick<TermSummary, 'title' | 'l10n'>, locale?: string): TermRowText {
  const title = localizedFields(term, locale)?.title;
  return title ? { label: title, english: term.title } : { label: term.title };
}

/** Category id for terms whose category is not in the index's list. */
export const OTHER_CATEGORY = 'other';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Orders terms by title as people read them: case-insensitive, numbers by value, then by id. */
export function compareTerms(a: TermSummary, b: TermSummary): number {
  return collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `12/40 learned`. */
export function progressLabel(learned: number, total: number, t: Translate = english): string {
  return t('{0}/{1} learned', learned, total);
}

/**
 * Groups terms by category in the index's category order (unknown categories last, under
 * "Other"), sorts each group by title, counts learned terms, and applies the filter.
 * Categories without visible terms are left out.
 */
export function buildGlossaryTree(source: GlossarySource, learned: ReadonlySet<TermId>, filter: TreeFilter = {}, t: Translate = english): CategoryGroup[] {
  const order = new Map<string, number>();
  source.categories.forEach((c, i) => order.set(c.id, i));
  const groups = new Map<string, CategoryGroup>();
  for (const term of source.terms) {
    const known = order.has(term.category);
    const id = known ? term.category : OTHER_CATEGORY;
    let g = groups.get(id);
    if (!g) {
      const title = known ? source.categories[order.get(id)!].title : t('Other');
      g = { id, title, terms: [], total: 0, learned: 0 };
      groups.set(id, g);
    }
    g.total++;
    const isLearned = learned.has(term.id);
    if (isLearned) g.learned++;
    if (isVisible(term, isLearned, filter)) g.terms.push(term);
  }
  const rank = (id: string): number => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()]
    .filter((g) => g.terms.length > 0)
    .sort((a, b) => rank(a.id) - rank(b.id) || collator.compare(a.title, b.title))
    .map((g) => ({ ...g, terms: g.terms.sort(compareTerms) }));
}

function isVisible(term: TermSummary, isLearned: boolean, filter: TreeFilter): boolean {
  const id = term.id;
  if (filter.pinned?.has(id)) return true;
  if (filter.only && !filter.only.has(id)) return false;
  if (filter.levels && term.level && !filter.levels.has(term.level)) return false;
  if (filter.unlearnedOnly && isLearned) return false;
  return true;
}

/** Learned and total counts over the whole glossary. */
export function overallProgress(source: GlossarySource, learned: ReadonlySet<TermId>): { learned: number; total: number } {
  let n = 0;
  for (const t of source.terms) if (learned.has(t.id)) n++;
  return { learned: n, total: source.terms.length };
}

/** How a term in a "related" neighbourhood relates to the focal term. */
export type Neighbour = 'self' | Relation | 'referenced-by';

/**
 * A term and its neighbourhood: the terms it links to (with their relation) and the terms that
 * link to it. Links to ids that are not in the index are dropped.
 */
export function relatedNeighbourhood(source: GlossarySource, id: TermId): Map<TermId, Neighbour> {
  const byId = new Map(source.terms.map((t) => [t.id, t] as const));
  const out = new Map<TermId, Neighbour>();
  const term = byId.get(id);
  if (!term) return out;
  out.set(id, 'self');
  for (const r of term.related) if (byId.has(r.id) && !out.has(r.id)) out.set(r.id, r.rel);
  for (const t of source.terms) {
    if (!out.has(t.id) && t.related.some((r) => r.id === id)) out.set(t.id, 'referenced-by');
  }
  return out;
}

/** Human label of a relation, as the tree and the term page show it. */
export function relationLabel(rel: Neighbour, t: Translate = english): string {
  switch (rel) {
    case 'self': return t('this term');
    case 'see-also': return t('see also');
    case 'contrast': return t('contrast');
    case 'prerequisite': return t('prerequisite');
    case 'part-of': return t('part of');
    case 'example': return t('example');
    case 'referenced-by': return t('links here');
  }
}

/**
 * Markdown reduced to one plain line: inline code, emphasis, links and math markers removed,
 * whitespace collapsed, cut to `max` characters at a word boundary (with an ellipsis).
 */
export function plainOneLine(markdown: string, max = 90): string {
  let s = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\$\$?([^$]*)\$\$?/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~$])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length <= max) return s;
  s = s.slice(0, max - 1);
  const cut = s.lastIndexOf(' ');
  if (cut > max * 0.6) s = s.slice(0, cut);
  return s.replace(/[\s,;:.\-–—]+$/, '') + '…';
}

/** The first sentence of a definition, as plain text (for one-line descriptions). */
export function firstSentence(markdown: string, max = 90): string {
  const plain = plainOneLine(markdown, 10_000);
  const m = /^(.+?[.!?])(\s|$)/.exec(plain);
  const sentence = m ? m[1] : plain;
  return plainOneLine(sentence, max);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A short tagline for a term's row: its definition without the opening that repeats the title
 * (`Dropout is a regularisation technique…` → `regularisation technique…`). With a `locale` whose
 * summary the entry gives, that summary is used (`学习率是缩放…` → `缩放…`).
 */
export function termTagline(term: Pick<TermSummary, 'title' | 'summary' | 'l10n'>, max = 80, locale?: string): string {
  const local = localizedFields(term, locale);
  if (local?.summary) {
    const plain = plainOneLine(local.summary, 10_000);
    // Chinese and Japanese definitions open with "<title>是" / "<title>は" rather than "X is".
    const m = local.title ? new RegExp(`^(?:一个|一种)?${escapeRegExp(local.title)}(?:是指|是|指|は)`).exec(plain) : null;
    const rest = m && plain.length - m[0].length > 6 ? plain.slice(m[0].length) : plain;
    return plainOneLine(rest, max);
  }
  const plain = plainOneLine(term.summary, 10_000);
  const opening = new RegExp(
    `^(?:(?:an?|the)\\s+)?${escapeRegExp(term.title)}(?:\\s*\\([^)]*\\))?,?\\s+(?:is|are|means|refers to)\\s+(?:(?:an?|the)\\s+)?`,
    'i',
  );
  // Otherwise drop just the title when a verb follows it ("Gradient accumulation sums…" → "sums…").
  const subject = new RegExp(`^(?:(?:an?|the)\\s+)?${escapeRegExp(term.title)}(?:\\s*\\([^)]*\\))?\\s+(?=[a-z])`, 'i');
  const m = opening.exec(plain) ?? subject.exec(plain);
  const rest = m && plain.length - m[0].length > 12 ? plain.slice(m[0].length) : plain;
  return plainOneLine(rest, max);
}
