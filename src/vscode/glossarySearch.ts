import * as vscode from 'vscode';
import { compareTerms, plainOneLine, termRowText } from '../core/glossaryTreeModel';
import { displaySummary } from '../core/localized';
import { atLevel, matchNote, noMatchMessage, parseLevelQuery, searchTerms } from '../core/termSearch';
import type { TermId, TermSummary } from '../core/types';
import { levelList, levelName } from '../core/hoverMarkdown';
import type { LearningProgress } from './progress';
import type { Services } from './services';

/** A Quick Pick row for a term. */
export interface TermPickItem extends vscode.QuickPickItem {
  id?: TermId;
}

const RECENT = 5;

/**
 * The rows for a query: with no query, recently opened terms then every term by title; with a
 * query, the ranked matches over titles, aliases and code identifiers (strong matches first, then
 * "other matches"), or one row saying that nothing matches. Rows carry `alwaysShow` because the
 * ranking (aliases, code identifiers) is ours, not the Quick Pick's label filter.
 */
export function searchItems(services: Services, progress: LearningProgress, rawQuery: string): TermPickItem[] {
  const index = services.glossary.index;
  const { levels, text: query } = parseLevelQuery(rawQuery);
  const terms = index.terms.filter((t) => atLevel(t, levels));
  const categoryTitle = new Map(index.categories.map((c) => [c.id, c.title]));
  const locale = vscode.env.language;
  const item = (term: TermSummary, note?: string): TermPickItem => {
    const learned = progress.isLearned(term.id);
    const category = categoryTitle.get(term.category) ?? term.category;
    const row = termRowText(term, locale);
    return {
      id: term.id,
      label: row.label,
      iconPath: new vscode.ThemeIcon(learned ? 'pass-filled' : 'book'),
      description: [row.english, note, category, term.level ? levelName(term.level, vscode.l10n.t) : undefined].filter(Boolean).join(' · '),
      detail: plainOneLine(displaySummary(term, locale), 160),
      alwaysShow: true,
    };
  };
  if (!query.trim()) {
    const recent = levels ? [] : progress.seenIds().map((id) => index.get(id)).filter((t): t is TermSummary => !!t).slice(0, RECENT);
    const all = [...terms].sort(compareTerms);
    const out: TermPickItem[] = [];
    if (recent.length) {
      out.push({ label: vscode.l10n.t('recently viewed'), kind: vscode.QuickPickItemKind.Separator });
      out.push(...recent.map((t) => item(t)));
      out.push({ label: vscode.l10n.t('all terms'), kind: vscode.QuickPickItemKind.Separator });
    }
    out.push(...all.map((t) => item(t)));
    return out;
  }
  const hits = searchTerms(terms, query, 200, locale);
  if (!hits.length) {
    return [{
      label: levels ? vscode.l10n.t('{0} at level {1}', noMatchMessage(query, vscode.l10n.t), levelList([...levels], vscode.l10n.t)) : noMatchMessage(query, vscode.l10n.t),
      iconPath: new vscode.ThemeIcon('search-stop'),
      detail: vscode.l10n.t('Try a shorter word, an abbreviation such as "lr", or a code name such as "nn.Dropout".'),
      alwaysShow: true,
    }];
  }
  const out: TermPickItem[] = [];
  for (const [i, hit] of hits.entries()) {
    if (!hit.strong && i > 0 && hits[i - 1].strong) out.push({ label: vscode.l10n.t('other matches'), kind: vscode.QuickPickItemKind.Separator });
    out.push(item(hit.term, matchNote(hit, vscode.l10n.t)));
  }
  return out;
}

/**
 * Keeps the rows in the order they are given. By default the Quick Pick moves every row whose
 * label fuzzy-matches the typed text to the top and sorts those by label, so "Lasso regression"
 * (l…r) would jump above "Learning rate" (alias "lr") for "lr". `sortByLabel` turns that off; it is
 * not in the typed API yet, so it is set defensively.
 */
export function keepItemOrder<T extends vscode.QuickPickItem>(qp: vscode.QuickPick<T>): void {
  try {
    (qp as vscode.QuickPick<T> & { sortByLabel?: boolean }).sortByLabel = false;
  } catch {
    // An editor that rejects the property keeps its own order; the rows are still all shown.
  }
}

/**
 * "ML Lens: Search Glossary": a Quick Pick over titles, aliases and code identifiers. Resolves to
 * the picked term id (undefined when dismissed). `initialQuery` fills the input (commands and tests).
 */
export function pickTerm(services: Services, progress: LearningProgress, initialQuery = ''): Promise<TermId | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<TermPickItem>();
    qp.title = vscode.l10n.t('Search the ML Lens glossary');
    qp.placeholder = vscode.l10n.t('Type a term, an alias or a code identifier ("lr", "nn.Dropout"); add @beginner, @intermediate or @advanced to narrow');
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    keepItemOrder(qp);
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
