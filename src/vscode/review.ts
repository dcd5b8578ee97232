import * as vscode from 'vscode';
import { learnedByReview, LEARNED_STABILITY_DAYS, type ReviewRating } from '../core/review/cards';
import { lineAround, type Encounter } from '../core/review/met';
import { waiting } from '../core/review/session';
import type { TermId } from '../core/types';
import type { FileTermsView } from './fileTermsView';
import type { GlossaryTree } from './glossaryTree';
import type { LearningProgress } from './progress';
import { ReviewPanel } from './reviewPanel';
import type { ReviewState } from './reviewState';
import type { Services } from './services';

/** How often due counts are recomputed while nothing happens (cards fall due as time passes). */
const RECOUNT_MS = 5 * 60_000;

/** What review hooks into. */
export interface ReviewUi {
  review: ReviewState;
  progress: LearningProgress;
  tree: GlossaryTree;
  fileTerms: FileTermsView;
  pages: { open(id: TermId): Promise<boolean> };
}

/** How a learned term got learned: by review (its stability passed the threshold) or marked by hand. */
export function learnedHow(ui: Pick<ReviewUi, 'review' | 'progress'>, id: TermId): 'review' | 'marked' | undefined {
  if (!ui.progress.isLearned(id)) return undefined;
  return ui.review.card(id)?.v ? 'review' : 'marked';
}

/** The terms the "Terms in this File" view found, as encounters with their first line. */
function fileEncounters(fileTerms: FileTermsView): Encounter[] {
  const p = fileTerms.provider;
  const target = p.target;
  if (!target || p.state !== 'found') return [];
  const docs = target.kind === 'text' ? [target.document] : target.notebook.getCells().map((c) => c.document);
  const uri = (target.kind === 'text' ? target.document.uri : target.notebook.uri).toString();
  const out: Encounter[] = [];
  for (const e of p.entries) {
    const place = e.places[0];
    const doc = place ? docs[place.cell] : undefined;
    if (!doc || place.line >= doc.lineCount) continue;
    out.push({ id: e.term.id, how: 'file', uri, line: lineAround(doc.lineAt(place.line).text, place.column) });
  }
  return out;
}

/**
 * Spaced review of the terms met while reading code: records met terms, keeps the due count in
 * the Glossary view's badge and the status bar, runs review sessions, and marks a term learned
 * once its stability passes {@link LEARNED_STABILITY_DAYS} days.
 */
export function registerReview(_context: vscode.ExtensionContext, services: Services, ui: ReviewUi): vscode.Disposable[] {
  const { review, progress, tree, fileTerms } = ui;

  const grade = async (id: TermId, rating: ReviewRating): Promise<boolean> => {
    const card = await review.grade(id, rating);
    const stable = learnedByReview(card);
    if (stable && !card.v && !progress.isLearned(id)) {
      await review.markLearnedByReview(id, true);
      await progress.setLearned(id, true);
      return true;
    }
    if (!stable && card.v) {
      // A lapse: a term learned by review is no longer learned; one marked by hand stays marked.
      await review.markLearnedByReview(id, false);
      if (progress.isLearned(id)) await progress.setLearned(id, false);
    }
    return false;
  };

  const panel = new ReviewPanel(services, review, { grade, openTerm: (id) => ui.pages.open(id) });

  const status = vscode.window.createStatusBarItem('mlLens.review.status', vscode.StatusBarAlignment.Right, 99);
  status.name = vscode.l10n.t('ML Lens Review');
  status.command = 'mlLens.review.start';

  const update = (): void => {
    const w = waiting(review.inputs());
    if (w.total > 0) {
      status.text = vscode.l10n.t('$(mortar-board) {0} due', w.total);
      status.tooltip = vscode.l10n.t('ML Lens: {0} terms to review ({1} due, {2} new). Click to start.', w.total, w.due, w.fresh);
      status.accessibilityInformation = { label: vscode.l10n.t('{0} ML terms due for review', w.total) };
      status.show();
      tree.view.badge = { value: w.total, tooltip: vscode.l10n.t('{0} terms due for review', w.total) };
    } else {
      status.hide();
      tree.view.badge = undefined;
    }
  };

  tree.provider.learnedHow = (id) => learnedHow(ui, id);
  update();
  const timer = setInterval(update, RECOUNT_MS);

  const start = (): number => {
    const n = panel.open();
    if (!n) void vscode.window.showInformationMessage(vscode.l10n.t('ML Lens: nothing to review now. Terms you hover, open or meet in your files come back here.'));
    return n;
  };

  const reset = async (): Promise<boolean> => {
    const cards = Object.keys(review.cards).length;
    const met = Object.keys(review.met).length;
    if (!cards && !met) {
      void vscode.window.showInformationMessage(vscode.l10n.t('ML Lens: there is no review history to reset.'));
      return false;
    }
    const confirm = vscode.l10n.t('Reset Review');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Reset your ML Lens review history?'),
      {
        modal: true,
        detail: vscode.l10n.t('This forgets the schedule of {0} reviewed and {1} met terms on every device that syncs your settings. Terms marked learned by hand stay learned. It cannot be undone.', cards, met),
      },
      confirm,
    );
    if (answer !== confirm) return false;
    const byReview = Object.entries(review.cards).filter(([, c]) => c.v).map(([id]) => id);
    await review.reset();
    for (const id of byReview) if (progress.isLearned(id)) await progress.setLearned(id, false);
    void vscode.window.showInformationMessage(vscode.l10n.t('ML Lens: review history reset.'));
    return true;
  };

  return [
    review,
    panel,
    status,
    { dispose: () => clearInterval(timer) },
    // Counts only: the rows change through learning progress, which refreshes the tree itself.
    review.onDidChange(() => update()),
    progress.onDidChange((e) => {
      // A term marked not learned by hand loses its "learned by review" mark.
      const ids = e.ids ?? Object.keys(review.cards);
      for (const id of ids) if (review.card(id)?.v && !progress.isLearned(id)) void review.markLearnedByReview(id, false);
    }),
    services.encounters.onDidMeet((e) => review.meet(e)),
    fileTerms.provider.onDidChangeTreeData(() => review.meet(fileEncounters(fileTerms))),
    vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) review.reload();
    }),
    services.glossary.onDidChange(() => update()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlLens.review.newPerDay')) update();
    }),
    vscode.commands.registerCommand('mlLens.review.start', () => start()),
    vscode.commands.registerCommand('mlLens.review.reset', () => reset()),
    // Not in the Command Palette: a read-only snapshot for automation and tests.
    vscode.commands.registerCommand('mlLens.review.inspect', () => ({
      waiting: waiting(review.inputs()),
      status: { visible: waiting(review.inputs()).total > 0, text: status.text },
      badge: tree.view.badge?.value ?? 0,
      cards: review.cards,
      met: review.met,
      panel: panel.describe(),
      learnedThresholdDays: LEARNED_STABILITY_DAYS,
    })),
  ];
}
