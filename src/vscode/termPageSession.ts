import * as vscode from 'vscode';
import { termPageData } from '../core/termPageModel';
import type { TermPageNav } from '../core/termPageTypes';
import type { TermId } from '../core/types';
import { parseTermPageMessage, type ExtensionToTermPageMessage, type TermPageToExtensionMessage } from '../shared/messages';
import type { LearningProgress } from './progress';
import type { Services } from './services';
import { webviewPageHtml } from './webviewHtml';
import { l10nAttribute } from './webviewL10n';
import { escapeHtml } from '../core/html';

/** What the term page's buttons do outside the page. */
export interface TermPageActions {
  reveal(id: TermId): Promise<unknown>;
  search(): Promise<unknown>;
}

/** Where a term page is in its history: the term panel's {@link TermHistory} or the Concept view's follower. */
export interface TermNavigator {
  readonly current: TermId | undefined;
  /** The user opened `id` from the page; false when nothing changed. */
  open(id: TermId): boolean;
  back(): TermId | undefined;
  forward(): TermId | undefined;
  retain(exists: (id: TermId) => boolean): void;
  nav(): TermPageNav;
}

/** The page's HTML shell; the script renders everything else. */
export function termPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
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

/** Scripts on, command links off, resources only from the page's own folders. */
export function termPageWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
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
 * One webview showing term pages: renders its navigator's current term with the shared renderer
 * and handles the page's (validated) messages. The term page panel and the Concept view each own one.
 */
export class TermPageSession implements vscode.Disposable {
  private ready = false;
  private showSeq = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly shown = new vscode.EventEmitter<TermId>();
  /** Fires with each term the page is sent. */
  readonly onDidShow = this.shown.event;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly services: Services,
    private readonly progress: LearningProgress,
    readonly navigator: TermNavigator,
    private readonly actions: TermPageActions,
    /** What the page says while there is no term yet. */
    private readonly emptyMessage?: () => string,
  ) {
    webview.options = termPageWebviewOptions(services.extensionUri);
    this.disposables.push(
      this.shown,
      webview.onDidReceiveMessage((m) => void this.onMessage(m)),
      progress.onDidChange(() => this.postProgress()),
      services.glossary.onDidChange(() => {
        navigator.retain((id) => !!services.glossary.index.get(id));
        void this.render();
      }),
    );
    webview.html = termPageHtml(webview, services.extensionUri);
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Sends the navigator's current term to the page (once the page is ready). */
  async render(): Promise<void> {
    const seq = ++this.showSeq;
    const id = this.navigator.current;
    const index = this.services.glossary.index;
    const term = id ? index.get(id) : undefined;
    if (!term) {
      if (!this.ready) return;
      if (!id && this.emptyMessage) this.post({ type: 'term/empty', message: this.emptyMessage(), nav: this.navigator.nav() });
      else this.post({ type: 'term/missing', id: id ?? '', nav: this.navigator.nav() });
      return;
    }
    void this.progress.markSeen(term.id);
    this.services.encounters.meet([{ id: term.id, how: 'open' }]);
    if (!this.ready) return; // sent when the page says it is ready
    const body = await this.services.glossary.body(term.id);
    if (seq !== this.showSeq || !this.ready) return; // a newer navigation won
    this.post({
      type: 'term/show',
      page: termPageData(index, term, body),
      nav: this.navigator.nav(),
      learned: [...this.progress.learnedIds()],
      seen: this.progress.seenIds(),
    });
    this.shown.fire(term.id);
  }

  private postProgress(): void {
    if (this.ready) this.post({ type: 'term/progress', learned: [...this.progress.learnedIds()], seen: this.progress.seenIds() });
  }

  private post(message: ExtensionToTermPageMessage): void {
    void this.webview.postMessage(message);
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
        if (known(msg.id) && this.navigator.open(msg.id)) await this.render();
        return;
      case 'term/back':
        this.navigator.back();
        await this.render();
        return;
      case 'term/forward':
        this.navigator.forward();
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
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
