import * as vscode from 'vscode';
import { keyIdea, maskNames, plainText } from '../core/review/cardText';
import { afterAnswer, selectSession, choiceRating, waiting, type SessionCard } from '../core/review/session';
import type { ReviewRating } from '../core/review/cards';
import type { TermId } from '../core/types';
import { escapeHtml } from '../core/html';
import {
  parseReviewMessage,
  REVIEW_VIEW_TYPE,
  type ExtensionToReviewMessage,
  type ReviewCardView,
  type ReviewStrings,
} from '../shared/messages';
import type { ReviewState } from './reviewState';
import type { Services } from './services';
import { webviewPageHtml } from './webviewHtml';

/** What happens around a session: grading updates learned state, term links open pages. */
export interface ReviewActions {
  /** Grades a term; resolves to true when the term just became learned by review. */
  grade(id: TermId, rating: ReviewRating): Promise<boolean>;
  openTerm(id: TermId): Promise<unknown>;
}

/** The page's labels, localised here because the page itself has no access to `vscode.l10n`. */
function reviewStrings(): ReviewStrings {
  const t = vscode.l10n.t;
  return {
    again: t('Again'),
    hard: t('Hard'),
    good: t('Good'),
    easy: t('Easy'),
    reveal: t('Show answer'),
    revealHint: t('Recall what it means, then press Space or Enter to check.'),
    gradeHint: t('How well did you recall it? Press 1 to 4.'),
    chooseHint: t('Which term has this definition? Press 1 to 4.'),
    keyIdea: t('Key idea'),
    metIn: t('Met in {0}'),
    fresh: t('New'),
    review: t('Review'),
    progress: t('Card {0} of {1}'),
    correct: t('Correct: {0}'),
    wrong: t('Not quite: the answer is {0}'),
    next: t('Continue'),
    openTerm: t('Open term page'),
    doneTitle: t('Session complete'),
    doneReviewed: t('You reviewed {0} cards.'),
    doneLearned: t('Now learned: {0}'),
    doneWaiting: t('{0} more cards are waiting.'),
    doneNothing: t('Nothing is due. Hover terms in your code or open term pages, and they come back here to review.'),
    close: t('Close'),
    options: t('Answers'),
    loading: t('Loading…'),
  };
}

function reviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPageHtml({
    webview,
    title: vscode.l10n.t('Review Terms'),
    script: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'review.js')),
    style: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'review.css')),
    body: `<main id="review" aria-busy="true" data-strings="${escapeHtml(JSON.stringify(reviewStrings()))}"><p class="loading">${escapeHtml(vscode.l10n.t('Loading…'))}</p></main>`,
  });
}

/** The file name shown for a met term's URI. */
function fileLabel(uri: string): string {
  try {
    const u = vscode.Uri.parse(uri, true);
    return u.path.split('/').filter(Boolean).pop() ?? uri;
  } catch {
    return uri;
  }
}

/** The review panel: one session at a time over the cards selected when it opened. */
export class ReviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private cards: SessionCard[] = [];
  private index = 0;
  private reviewed = 0;
  private learned: string[] = [];
  private ready = false;
  private busy = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services, private readonly state: ReviewState, private readonly actions: ReviewActions) {}

  /** A snapshot for tests and automation. */
  describe(): { open: boolean; ready: boolean; index: number; total: number; current?: SessionCard; reviewed: number } {
    return { open: !!this.panel, ready: this.ready, index: this.index, total: this.cards.length, current: this.cards[this.index], reviewed: this.reviewed };
  }

  /** Starts a new session (or shows the running one). Returns the number of cards in it. */
  open(): number {
    if (this.panel) {
      this.panel.reveal();
      return this.cards.length - this.index;
    }
    this.cards = selectSession(this.state.inputs());
    this.index = 0;
    this.reviewed = 0;
    this.learned = [];
    this.ready = false;
    const panel = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, vscode.l10n.t('Review Terms'), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(this.services.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.services.extensionUri, 'media')],
    });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.services.extensionUri, 'media', 'ml-lens.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m) => void this.onMessage(m)),
      panel.onDidDispose(() => this.closed()),
    );
    panel.webview.html = reviewHtml(panel.webview, this.services.extensionUri);
    return this.cards.length;
  }

  private closed(): void {
    this.panel = undefined;
    this.ready = false;
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private post(message: ExtensionToReviewMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private async view(card: SessionCard): Promise<ReviewCardView | undefined> {
    const index = this.services.glossary.index;
    const term = index.get(card.id);
    if (!term) return undefined;
    const body = await this.services.glossary.body(card.id);
    const met = this.state.met[card.id];
    const view: ReviewCardView = {
      id: term.id,
      kind: card.kind,
      title: term.title,
      summary: plainText(term.summary),
      keyIdea: body ? keyIdea(body.markdown) : '',
      fresh: !card.review,
      where: met?.u ? { file: fileLabel(met.u), line: met.x } : undefined,
    };
    if (card.kind === 'choice' && card.options) {
      view.summary = maskNames(view.summary, [term.title, ...term.aliases]);
      view.options = card.options.map((id) => ({ id, title: index.get(id)?.title ?? id }));
    }
    return view;
  }

  private async showCurrent(): Promise<void> {
    if (!this.ready) return;
    while (this.index < this.cards.length) {
      const view = await this.view(this.cards[this.index]);
      if (view) {
        this.post({ type: 'review/card', card: view, index: this.index, total: this.cards.length });
        return;
      }
      this.index++; // the term left the glossary meanwhile
    }
    this.post({ type: 'review/done', reviewed: this.reviewed, learned: this.learned, waiting: waiting(this.state.inputs()).total });
  }

  private async answer(id: TermId, rating: ReviewRating): Promise<void> {
    if (await this.actions.grade(id, rating)) this.learned.push(this.services.glossary.index.get(id)?.title ?? id);
    this.cards = afterAnswer(this.cards, this.index, rating);
    this.reviewed++;
    this.index++;
    await this.showCurrent();
  }

  /** Handles a message from the page; anything malformed, stale or not about the current card is ignored. */
  private async onMessage(raw: unknown): Promise<void> {
    const msg = parseReviewMessage(raw);
    if (!msg) {
      this.services.log.warn('Review page: ignored a malformed message');
      return;
    }
    const current = this.cards[this.index];
    switch (msg.type) {
      case 'review/ready':
        this.ready = true;
        await this.showCurrent();
        return;
      case 'review/close':
        this.panel?.dispose();
        return;
      case 'review/openTerm':
        if (this.services.glossary.index.get(msg.id)) await this.actions.openTerm(msg.id);
        return;
      case 'review/grade':
      case 'review/choose': {
        if (this.busy || !current || current.id !== msg.id) return;
        let rating: ReviewRating;
        if (msg.type === 'review/grade') {
          if (current.kind !== 'recall') return;
          rating = msg.rating;
        } else {
          if (current.kind !== 'choice' || !current.options?.includes(msg.chosen)) return;
          rating = choiceRating(msg.chosen, current.id);
        }
        this.busy = true;
        try {
          await this.answer(current.id, rating);
        } finally {
          this.busy = false;
        }
        return;
      }
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.closed();
  }
}
