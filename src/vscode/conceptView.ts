import * as vscode from 'vscode';
import { ConceptFollower } from '../core/conceptFollow';
import type { TermId } from '../core/types';
import type { Services } from './services';
import { hoverSettings } from './settings';
import { TermPageSession } from './termPageSession';
import { isScannable } from './termScans';

/** Id of the Concept view. */
export const CONCEPT_VIEW = 'mlLens.concept';
/** Pause after the cursor stops before the view follows it. */
const FOLLOW_DEBOUNCE_MS = 250;
/** Characters read on each side of the cursor, as for hovers. */
const WINDOW = 256;

/**
 * The Concept view: the full term page of the term under the cursor, kept when the cursor leaves
 * terms, with a pin and back/forward. While the view is hidden it does not watch the cursor at all.
 */
class ConceptView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private session: TermPageSession | undefined;
  private readonly follower = new ConceptFollower();
  private tracking: vscode.Disposable[] = [];
  private viewDisposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    const session = new TermPageSession(
      view.webview,
      this.services,
      this.services.progress,
      this.follower,
      {
        reveal: (id) => Promise.resolve(vscode.commands.executeCommand('mlLens.glossary.revealTerm', { id })),
        search: () => Promise.resolve(vscode.commands.executeCommand('mlLens.glossary.search')),
      },
      () => vscode.l10n.t('Put the cursor on a machine-learning term in an editor or notebook, and its glossary page shows here.'),
    );
    this.session = session;
    this.viewDisposables.push(
      session,
      view.onDidChangeVisibility(() => {
        if (view.visible) this.startTracking();
        else this.stopTracking();
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.disposeView();
      }),
    );
    this.describe();
    if (view.visible) this.startTracking();
  }

  /** The term shown, whether it is pinned, and whether the view is watching the cursor. */
  snapshot(): { id?: TermId; pinned: boolean; visible: boolean; tracking: boolean; history: TermId[]; index: number } {
    const nav = this.follower.nav();
    return { id: this.follower.current, pinned: this.follower.pinned, visible: !!this.view?.visible, tracking: this.tracking.length > 0, history: nav.history, index: nav.index };
  }

  private startTracking(): void {
    if (this.tracking.length) return;
    this.tracking = [
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
    ];
    this.follow();
  }

  private stopTracking(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const d of this.tracking.splice(0)) d.dispose();
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.follow();
    }, FOLLOW_DEBOUNCE_MS);
  }

  /** The glossary term under the cursor of the active editor, if any. */
  private termAtCursor(): TermId | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isScannable(editor.document)) return undefined;
    const { index } = this.services.glossary;
    const ctx = this.services.contexts.get(editor.document);
    const ignoreNames = hoverSettings().ignore;
    const ignore = ignoreNames.length ? index.resolveNames(ignoreNames) : undefined;
    const offset = editor.document.offsetAt(editor.selection.active);
    return index.matcher.matchAt(ctx.text, offset, { ignore, window: WINDOW, env: { ctx, base: 0 } })?.term;
  }

  private follow(): void {
    if (!this.view?.visible || this.follower.pinned) return;
    try {
      if (this.follower.follow(this.termAtCursor())) void this.session?.render();
    } catch (e) {
      this.services.log.error('Concept view: could not read the term under the cursor', e);
    }
  }

  /** Keeps the view on its term; false when it shows none yet. */
  pin(): boolean {
    const done = this.follower.pin();
    this.describe();
    return done;
  }

  /** Follows the cursor again, starting with the term under it now. */
  unpin(): boolean {
    const cursor = this.view?.visible ? this.termAtCursor() : undefined;
    if (this.follower.unpin(cursor)) void this.session?.render();
    this.describe();
    return true;
  }

  private describe(): void {
    void vscode.commands.executeCommand('setContext', 'mlLens.concept.pinned', this.follower.pinned);
    if (this.view) this.view.description = this.follower.pinned ? vscode.l10n.t('Pinned') : undefined;
  }

  private disposeView(): void {
    this.stopTracking();
    for (const d of this.viewDisposables.splice(0)) d.dispose();
    this.session = undefined;
    this.view = undefined;
  }

  dispose(): void {
    this.disposeView();
  }
}

/** Registers the Concept view and its pin commands. */
export function registerConceptView(_context: vscode.ExtensionContext, services: Services): vscode.Disposable[] {
  const view = new ConceptView(services);
  return [
    view,
    // The page is small and kept while hidden: showing it again is instant, and a browser build
    // never reloads it (code-server can take half a minute to reload a webview hidden mid-load).
    vscode.window.registerWebviewViewProvider(CONCEPT_VIEW, view, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.commands.registerCommand('mlLens.concept.pin', () => view.pin()),
    vscode.commands.registerCommand('mlLens.concept.unpin', () => view.unpin()),
    // Not in the Command Palette: a snapshot for automation and tests.
    vscode.commands.registerCommand('mlLens.concept.inspect', () => view.snapshot()),
  ];
}
