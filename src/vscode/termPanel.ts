import * as vscode from 'vscode';
import { TermHistory, termPageData } from '../core/termPageModel';
import type { TermId } from '../core/types';
import {
  parseTermPageMessage,
  parseTermPageState,
  type TermPageToExtensionMessage,
  type ExtensionToTermPageMessage,
} from '../shared/messages';
import type { LearningProgress } from './progress';
import type { Services } from './services';
import { webviewPageHtml } from './webviewHtml';
import { l10nAttribute } from './webviewL10n';
import { escapeHtml } from '../core/html';

/** View type of term page panels (also the serializer's key). */
export const TERM_VIEW_TYPE = 'mlLens.termPage';

/** What the term page's buttons do outside the page. */
export interface TermPageActions {
  reveal(id: TermId): Promise<unknown>;
  search(): Promise<unknown>;
}

/** The page's HTML shell; the script renders everything else. */
function termPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPageHtml({
    webview,
    lang: vscode.env.language,
    title: vscode.l10n.t('ML Lens glossary'),
    script: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'termPage.js')),
    style: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'termPage.css')),
    extraStyles: [webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'katex', 'katex.min.css'))],
    body: `<main id="term-page" data-term="" aria-busy="true"${l10nAttribute()}><p class="loading">${escapeHtml(vscode.l10n.t('Loading…'))}</p></main>`,
  });
}

/** One term page panel, with its own back/forward history. */
class TermPanel implements vscode.Disposable {
  private readonly history: TermHistory;
  private ready = false;
  private isDisposed = false;
  private showSeq = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    private readonly progress: LearningProgress,
    private readonly actions: TermPageActions,
    history: TermId[],
    index: number,
  ) {
    this.history = new TermHistory(history, index);
    panel.iconPath = {
      light: vscode.Uri.joinPath(services.extensionUri, 'media', 'term-page-light.svg'),
      dark: vscode.Uri.joinPath(services.extensionUri, 'media', 'term-page-dark.svg'),
    };
    panel.webview.options = webviewOptions(services.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m) => void this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        // A page made visible again reloads its script, which says `term/ready` again.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
      progress.onDidChange(() => void this.postProgress()),
      services.glossary.onDidChange(() => {
        this.history.retain((id) => !!services.glossary.index.get(id));
        void this.render();
      }),
    );
    panel.webview.html = termPageHtml(panel.webview, services.extensionUri);
    const current = this.history.current;
    if (current) panel.title = services.glossary.index.get(current)?.title ?? vscode.l10n.t('Glossary');
  }

  /** The term shown now. */
  get current(): TermId | undefined {
    return this.history.current;
  }

  get isReady(): boolean {
    return this.ready;
  }

  historyState(): { history: TermId[]; index: number } {
    const nav = this.history.nav();
    return { history: nav.history, index: nav.index };
  }

  /** Shows `id`, adding it to the history. */
  async show(id: TermId): Promise<void> {
    this.history.push(id);
    await this.render();
  }

  private async render(): Promise<void> {
    const seq = ++this.showSeq;
    const id = this.history.current;
    const index = this.services.glossary.index;
    const term = id ? index.get(id) : undefined;
    if (!term) {
      if (this.ready) this.post({ type: 'term/missing', id: id ?? '', nav: this.history.nav() });
      return;
    }
    this.panel.title = term.title;
    void this.progress.markSeen(term.id);
    if (!this.ready) return; // sent when the page says it is ready
    const body = await this.services.glossary.body(term.id);
    if (seq !== this.showSeq || !this.ready) return; // a newer navigation won
    this.post({
      type: 'term/show',
      page: termPageData(index, term, body),
      nav: this.history.nav(),
      learned: [...this.progress.learnedIds()],
      seen: this.progress.seenIds(),
    });
  }

  private postProgress(): void {
    if (this.ready) this.post({ type: 'term/progress', learned: [...this.progress.learnedIds()], seen: this.progress.seenIds() });
  }

  private post(message: ExtensionToTermPageMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Handles a message from the page; anything malformed or naming an unknown term is ignored. */
  private async onMessage(raw: unknown): Promise<void> {
    const msg: TermPageToExtensionMessage | undefined = parseTermPageMessage(raw);
    if (!msg) {
      this.services.log.warn('Term page: ignored a malformed message');
      return;
    }
    const known = (id: TermId): boolean => !!this.services.glossary.index.get(id);
    switch (msg.type) {
      case 'term/ready':
        this.ready = true;
        await this.render();
        return;
      case 'term/open':
        if (known(msg.id)) await this.show(msg.id);
        return;
      case 'term/back':
        this.history.back();
        await this.render();
        return;
      case 'term/forward':
        this.history.forward();
        await this.render();
        return;
      case 'term/setLearned':
        if (known(msg.id)) await this.progress.setLearned(msg.id, msg.learned);
        return;
      case 'term/reveal':
        if (known(msg.id)) await this.actions.reveal(msg.id);
        return;
      case 'term/openLab':
        if (known(msg.id) && this.services.glossary.index.get(msg.id)?.lab) await openLab(this.services);
        return;
      case 'term/search':
        await this.actions.search();
        return;
      case 'term/openExternal':
        await vscode.env.openExternal(vscode.Uri.parse(msg.url, true));
        return;
      case 'term/copy':
        await vscode.env.clipboard.writeText(msg.text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('ML Lens: copied to the clipboard'), 2000);
        return;
    }
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

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Opens the pre-training lab, explaining when it is not available. */
async function openLab(services: Services): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes('mlLens.lab.open')) {
    void vscode.window.showInformationMessage(vscode.l10n.t('ML Lens: the pre-training lab is not available in this version.'));
    return;
  }
  try {
    await vscode.commands.executeCommand('mlLens.lab.open');
  } catch (e) {
    services.log.error('Could not open the pre-training lab', e);
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
      { ...webviewOptions(this.services.extensionUri), enableFindWidget: true, retainContextWhenHidden: false },
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
