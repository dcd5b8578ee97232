import * as vscode from 'vscode';
import { TermHistory } from '../core/termPageModel';
import type { TermId } from '../core/types';
import { parseTermPageState } from '../shared/messages';
import type { LearningProgress } from './progress';
import type { Services } from './services';
import { TermPageSession, termPageWebviewOptions, type TermPageActions } from './termPageSession';

export type { TermPageActions } from './termPageSession';

/** View type of term page panels (also the serializer's key). */
export const TERM_VIEW_TYPE = 'mlLens.termPage';

/** One term page panel, with its own back/forward history. */
class TermPanel implements vscode.Disposable {
  private readonly history: TermHistory;
  private readonly session: TermPageSession;
  private isDisposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    progress: LearningProgress,
    actions: TermPageActions,
    history: TermId[],
    index: number,
  ) {
    this.history = new TermHistory(history, index);
    panel.iconPath = {
      light: vscode.Uri.joinPath(services.extensionUri, 'media', 'term-page-light.svg'),
      dark: vscode.Uri.joinPath(services.extensionUri, 'media', 'term-page-dark.svg'),
    };
    this.session = new TermPageSession(panel.webview, services, progress, this.history, actions);
    this.disposables.push(
      this.session,
      this.session.onDidShow(() => this.retitle()),
      panel.onDidDispose(() => this.dispose()),
    );
    this.retitle();
  }

  private retitle(): void {
    const current = this.history.current;
    const term = current ? this.services.glossary.index.get(current) : undefined;
    if (term) this.panel.title = term.title;
  }

  /** The term shown now. */
  get current(): TermId | undefined {
    return this.history.current;
  }

  get isReady(): boolean {
    return this.session.isReady;
  }

  historyState(): { history: TermId[]; index: number } {
    const nav = this.history.nav();
    return { history: nav.history, index: nav.index };
  }

  /** Shows `id`, adding it to the history. */
  async show(id: TermId): Promise<void> {
    this.history.push(id);
    this.retitle();
    await this.session.render();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposed.fire();
    this.disposed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/**
 * The term pages: one reusable panel (links inside it navigate, with back and forward), revived
 * after a window reload by a serializer.
 */
export class TermPanels implements vscode.Disposable {
  private panel: TermPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services, private readonly progress: LearningProgress, private readonly actions: TermPageActions) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(TERM_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
      }),
    );
  }

  /** The term of the open page, if any. */
  get current(): TermId | undefined {
    return this.panel?.current;
  }

  /** A snapshot for tests and automation. */
  describe(): { open: boolean; id?: TermId; ready: boolean; visible: boolean; history: TermId[]; index: number } {
    const p = this.panel;
    if (!p) return { open: false, ready: false, visible: false, history: [], index: -1 };
    return { open: true, id: p.current, ready: p.isReady, visible: p.panel.visible, ...p.historyState() };
  }

  /** Opens (or navigates the existing page to) a term. Returns false for an unknown id. */
  async open(id: TermId, options: { preserveFocus?: boolean } = {}): Promise<boolean> {
    if (!this.services.glossary.index.get(id)) return false;
    if (this.panel) {
      this.panel.panel.reveal(this.panel.panel.viewColumn, options.preserveFocus);
      await this.panel.show(id);
      return true;
    }
    const toSide = vscode.workspace.getConfiguration('mlLens.termPage').get<boolean>('openToSide', true);
    const column = toSide && vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(
      TERM_VIEW_TYPE,
      this.services.glossary.index.get(id)!.title,
      { viewColumn: column, preserveFocus: options.preserveFocus },
      // One page at a time, kept while hidden (as the Concept view): see registerConceptView.
      { ...termPageWebviewOptions(this.services.extensionUri), enableFindWidget: true, retainContextWhenHidden: true },
    );
    this.adopt(panel, [id], 0);
    return true;
  }

  private restore(panel: vscode.WebviewPanel, raw: unknown): void {
    const state = parseTermPageState(raw);
    const index = this.services.glossary.index;
    if (!state || !index.get(state.id)) {
      panel.dispose();
      return;
    }
    const history = state.history.filter((id) => !!index.get(id));
    const at = Math.max(0, history.lastIndexOf(state.id));
    // Only one term page at a time: a second restored page replaces the first.
    this.panel?.dispose();
    this.adopt(panel, history.length ? history : [state.id], history.length ? at : 0);
  }

  private adopt(panel: vscode.WebviewPanel, history: TermId[], index: number): void {
    const p = new TermPanel(panel, this.services, this.progress, this.actions, history, index);
    this.panel = p;
    p.onDidDispose(() => {
      if (this.panel === p) this.panel = undefined;
    });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
