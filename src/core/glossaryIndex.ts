import type { Category, GlossaryIndexData, TermId, TermSummary } from './types';
import { TermMatcher } from './matcher';
import { normTokens } from './tokenizer';
import { searchTerms } from './termSearch';
import { unicodeKey } from './localized';
import { analyzeDocument, type AnalyzeOptions, type DocumentContext, type LanguageFamily } from './documentContext';

/** Distinct glossary terms in the first part of a file without ML imports that make it ML code anyway (a training config). */
const TERM_RICH = 4;

/** The loaded glossary: terms by id, categories, lookup by name, and the term matcher. */
export class GlossaryIndex {
  readonly categories: readonly Category[];
  readonly terms: readonly TermSummary[];
  private readonly byId = new Map<TermId, TermSummary>();
  private names?: Map<string, TermId>;
  private trie?: TermMatcher;

  constructor(readonly data: GlossaryIndexData) {
    this.categories = data.categories;
    this.terms = data.terms;
    for (const t of data.terms) this.byId.set(t.id, t);
  }

  /** The term matcher, built on first use so that activation stays cheap. */
  get matcher(): TermMatcher {
    return (this.trie ??= new TermMatcher(this.data.keys));
  }

  private get byName(): Map<string, TermId> {
    if (!this.names) {
      const names = new Map<string, TermId>();
      for (const t of this.terms) {
        names.set(nameKey(t.id), t.id);
        names.set(nameKey(t.title), t.id);
        // Titles in other languages, which may have no Latin letters at all (学习率).
        for (const l of Object.values(t.l10n ?? {})) if (l.title && !names.has(localKey(l.title))) names.set(localKey(l.title), t.id);
      }
      for (const k of this.data.keys) {
        const name = nameKey(k.display);
        if (!names.has(name)) names.set(name, k.term);
      }
      this.names = names;
    }
    return this.names;
  }

  /** Builds an index from several sources; later sources add terms but never replace earlier ones. */
  static merge(...parts: GlossaryIndexData[]): GlossaryIndex {
    const [first, ...rest] = parts;
    const ids = new Set(first.terms.map((t) => t.id));
    const terms = [...first.terms];
    const keys = [...first.keys];
    for (const p of rest) {
      const fresh = new Set(p.terms.filter((t) => !ids.has(t.id)).map((t) => t.id));
      terms.push(...p.terms.filter((t) => fresh.has(t.id)));
      keys.push(...p.keys.filter((k) => fresh.has(k.term)));
      fresh.forEach((id) => ids.add(id));
    }
    return new GlossaryIndex({ version: 1, categories: first.categories, terms, keys });
  }

  /**
   * Analyses a document for context-aware matching: its ML imports and regions, and, when it
   * imports nothing, whether it is still full of ML terms.
   */
  analyze(text: string, family: LanguageFamily, opts: Omit<AnalyzeOptions, 'termRich'> = {}): DocumentContext {
    return analyzeDocument(text, family, {
      ...opts,
      termRich: (sample) => new Set(this.matcher.scan(sample).map((m) => m.term)).size >= TERM_RICH,
    });
  }

  get(id: TermId): TermSummary | undefined {
    return this.byId.get(id);
  }

  /** Finds a term by id, title (English or localized), alias or code identifier, ignoring case and separators. */
  lookup(name: string): TermSummary | undefined {
    const id = this.byName.get(nameKey(name)) ?? this.byName.get(nameKey(name.split('.').pop() ?? name)) ?? this.byName.get(localKey(name));
    return id ? this.byId.get(id) : undefined;
  }

  /** Terms closest to `name`, for "did you mean" suggestions: word and prefix matches, then near spellings. */
  suggest(name: string, limit = 3): TermSummary[] {
    const q = nameKey(name);
    const fuzzy = this.terms
      .map((t) => ({ t, d: Math.min(distance(q, nameKey(t.title)), ...t.aliases.map((a) => distance(q, nameKey(a)))) }))
      .filter((x) => x.d < q.length && x.d <= Math.max(1, Math.floor(q.length / 4)))
      .sort((a, b) => a.d - b.d || a.t.title.localeCompare(b.t.title))
      .map((x) => x.t);
    return [...new Set([...searchTerms(this.terms, name, limit).map((h) => h.term), ...fuzzy])].slice(0, limit);
  }

  /** Ids of terms to leave out, from names in any form (id, title, alias). */
  resolveNames(names: readonly string[]): Set<TermId> {
    const out = new Set<TermId>();
    for (const n of names) {
      const t = this.get(n) ?? this.lookup(n);
      if (t) out.add(t.id);
    }
    return out;
  }
}

function nameKey(s: string): string {
  return normTokens(s).join('');
}

function localKey(s: string): string {
  return `l10n:${unicodeKey(s)}`;
}

/** Levenshtein distance, bounded work for short strings. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 6) return 99;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
