import * as vscode from 'vscode';
import { compareTerms, plainOneLine } from '../core/glossaryTreeModel';
import { matchNote, searchTerms } from '../core/termSearch';
import type { TermId, TermSummary } from '../core/types';
import type { LearningProgress } from './progress';
import type { Services } from './services';

/** A Quick Pick row for a term. */
export interface TermPickItem extends vscode.QuickPickItem {
  id?: TermId;
}

const RECENT = 5;

/**
 * The rows for a query: with no query, recently opened terms then every term by title; with a
 * query, the ranked matches over titles, aliases and code identifiers. Rows carry `alwaysShow`
 * because the ranking (aliases, code identifiers) is ours, not the Quick Pick's label filter.
 */
export function searchItems(services: Services, progress: LearningProgress, query: string): TermPickItem[] {
  const index = services.glossary.index;
  const categoryTitle = new Map(index.categories.map((c) => [c.id, c.title]));
  const item = (term: TermSummary, note?: string): TermPickItem => {
    const learned = progress.isLearned(term.id);
    const category = categoryTitle.get(term.category) ?? term.category;
    return {
      id: term.id,
      label: term.title,
      iconPath: new vscode.ThemeIcon(learned ? 'pass-filled' : 'book'),
      description: note ? `${note} · ${category}` : category,
      detail: plainOneLine(term.summary, 160),
      alwaysShow: true,
    };
  };
  if (!query.trim()) {
    const recent = progress.seenIds().map((id) => index.get(id)).filter((t): t is TermSummary => !!t).slice(0, RECENT);
    const all = [...index.terms].sort(compareTerms);
    const out: TermPickItem[] = [];
    if (recent.length) {
      out.push({ label: 'recently viewed', kind: vscode.QuickPickItemKind.Separator });
      out.push(...recent.map((t) => item(t)));
      out.push({ label: 'all terms', kind: vscode.QuickPickItemKind.Separator });
    }
    out.push(...all.map((t) => item(t)));
    return out;
  }
  return searchTerms(index.terms, query).map((hit) => item(hit.term, matchNote(hit)));
}

/**
 * "ML Lens: Search Glossary": a Quick Pick over titles, aliases and code identifiers. Resolves to
 * the picked term id (undefined when dismissed). `initialQuery` fills the input (commands and tests).
 */
export function pickTerm(services: Services, progress: LearningProgress, initialQuery = ''): Promise<TermId | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<TermPickItem>();
    qp.title = 'Search the ML Lens glossary';
    qp.placeholder = 'Type a term, an alias or a code identifier (for example "lr", "nn.Dropout", "attention")';
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    let done = false;
    const finish = (id: TermId | undefined): void => {
      if (done) return;
      done = true;
      resolve(id);
      qp.dispose();
    };
    const update = (value: string): void => {
      qp.items = searchItems(services, progress, value);
    };
    qp.onDidChangeValue(update);
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0] ?? qp.activeItems[0];
      if (picked?.id) finish(picked.id);
    });
    qp.onDidHide(() => finish(undefined));
    qp.value = initialQuery;
    update(initialQuery);
    qp.show();
  });
}
