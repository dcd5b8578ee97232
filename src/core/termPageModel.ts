import { TERM_HISTORY_LIMIT, type TermPageData, type TermPageLink, type TermPageNav } from './termPageTypes';
import { compareTerms, plainOneLine, relatedNeighbourhood, type GlossarySource } from './glossaryTreeModel';
import type { TermBody, TermId, TermSummary } from './types';
import { escapeHtml } from './html';

const REL_ORDER: Record<TermPageLink['rel'], number> = {
  prerequisite: 0,
  'part-of': 1,
  'see-also': 2,
  example: 3,
  contrast: 4,
  'referenced-by': 5,
};

/** Builds what the term page shows from the index entry and its (possibly missing) body. */
export function termPageData(source: GlossarySource, term: TermSummary, body: TermBody | undefined): TermPageData {
  const category = source.categories.find((c) => c.id === term.category);
  const related: TermPageLink[] = [];
  for (const [id, rel] of relatedNeighbourhood(source, term.id)) {
    if (rel === 'self') continue;
    const t = source.terms.find((x) => x.id === id);
    if (t) related.push({ id, title: t.title, rel, summary: plainOneLine(t.summary, 200) });
  }
  related.sort((a, b) => REL_ORDER[a.rel] - REL_ORDER[b.rel]);
  const siblings = source.terms.filter((t) => t.category === term.category).sort(compareTerms);
  const at = siblings.findIndex((t) => t.id === term.id);
  const link = (t: TermSummary | undefined): { id: TermId; title: string } | undefined => (t ? { id: t.id, title: t.title } : undefined);
  return {
    id: term.id,
    title: term.title,
    category: { id: term.category, title: category?.title ?? term.category },
    summary: term.summary,
    summaryHtml: body?.summaryHtml ?? escapeHtml(term.summary),
    html: body?.html ?? '',
    ...(term.level ? { level: term.level } : {}),
    notRun: body?.notRun ? body.notRun.map((n) => ({ ...n })) : [],
    aliases: [...term.aliases],
    code: [...term.code],
    tags: [...term.tags],
    related,
    references: body?.references ? body.references.map((r) => ({ ...r })) : [],
    lab: term.lab === true,
    previous: link(at > 0 ? siblings[at - 1] : undefined),
    next: link(at >= 0 && at + 1 < siblings.length ? siblings[at + 1] : undefined),
    position: { index: at + 1, total: siblings.length },
  };
}

/** Back/forward history of one term panel. */
export class TermHistory {
  private items: TermId[] = [];
  private at = -1;

  constructor(history: readonly TermId[] = [], index = history.length - 1) {
    this.items = history.slice(-TERM_HISTORY_LIMIT);
    this.at = this.items.length ? Math.max(0, Math.min(index, this.items.length - 1)) : -1;
  }

  get current(): TermId | undefined {
    return this.items[this.at];
  }

  /** Shows `id` next: drops the forward entries; opening the current term again does nothing. */
  push(id: TermId): void {
    if (this.current === id) return;
    this.items = this.items.slice(0, this.at + 1);
    this.items.push(id);
    if (this.items.length > TERM_HISTORY_LIMIT) this.items.shift();
    this.at = this.items.length - 1;
  }

  /** {@link push}, telling whether the current term changed. */
  open(id: TermId): boolean {
    const before = this.current;
    this.push(id);
    return this.current !== before;
  }

  back(): TermId | undefined {
    if (this.at > 0) this.at--;
    return this.current;
  }

  forward(): TermId | undefined {
    if (this.at + 1 < this.items.length) this.at++;
    return this.current;
  }

  /** Removes ids that no longer exist (the glossary changed), keeping the position sensible. */
  retain(exists: (id: TermId) => boolean): void {
    const before = this.items.slice(0, this.at + 1).filter(exists);
    const after = this.items.slice(this.at + 1).filter(exists);
    this.items = [...before, ...after];
    this.at = this.items.length ? Math.max(0, before.length - 1) : -1;
  }

  nav(): TermPageNav {
    return { canBack: this.at > 0, canForward: this.at + 1 < this.items.length, history: [...this.items], index: this.at };
  }
}
