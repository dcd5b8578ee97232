import * as vscode from 'vscode';
import { groupOccurrences, nextPlace, type FileTermEntry, type FileTermsOrder } from '../core/fileTermsModel';
import type { Occurrence } from '../core/scan';
import type { TermId } from '../core/types';
import { termRowText } from '../core/glossaryTreeModel';
import { termIcon, termTooltip } from './glossaryTree';
import type { LearningProgress } from './progress';
import type { Services } from './services';
import { isScannable, MAX_SCAN_CHARS } from './termScans';

/** Id of the "Terms in this File" view. */
export const FILE_TERMS_VIEW = 'mlLens.fileTerms';

/** Occurrences kept for the view; a denser file still lists its terms, counted up to here. */
const MAX_OCCURRENCES = 50_000;
/** Delay after an edit before the view rescans. */
const EDIT_DEBOUNCE_MS = 400;

/** What the view is showing. `none`: no editor; `empty`: nothing found; `tooLarge`: not scanned. */
export type FileTermsState = 'none' | 'empty' | 'tooLarge' | 'found';

/** The document or notebook the view follows. */
type Target = { kind: 'text'; document: vscode.TextDocument } | { kind: 'notebook'; notebook: vscode.NotebookDocument };

function targetUri(t: Target): vscode.Uri {
  return t.kind === 'text' ? t.document.uri : t.notebook.uri;
}

function targetName(t: Target): string {
  const uri = targetUri(t);
  if (uri.scheme === 'untitled') return uri.path;
  return uri.path.split('/').pop() || uri.toString();
}

function order(): FileTermsOrder {
  const v = vscode.workspace.getConfiguration('mlLens.fileTerms').get<string>('sortBy', 'count');
  return v === 'name' || v === 'position' ? v : 'count';
}

/** Lists the glossary terms found in the active editor or notebook, with occurrence counts. */
export class FileTermsProvider implements vscode.TreeDataProvider<FileTermEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FileTermEntry | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  entries: FileTermEntry[] = [];
  target: Target | undefined;
  state: FileTermsState = 'none';

  constructor(private readonly services: Services, private readonly progress: LearningProgress) {}

  /**
   * Reads the target's scans (shared, sliced, updated by line on edits) and regroups them. Resolves to
   * false when `superseded()` became true meanwhile (a newer scan started); the view is then untouched.
   */
  async update(target: Target | undefined, superseded: () => boolean = () => false): Promise<boolean> {
    let entries: FileTermEntry[] = [];
    let state: FileTermsState = 'none';
    if (target) {
      const index = this.services.glossary.index;
      const docs = target.kind === 'text' ? [target.document] : target.notebook.getCells().map((c) => c.document);
      const size = docs.reduce((n, d) => n + d.getText().length, 0);
      if (size > MAX_SCAN_CHARS) state = 'tooLarge';
      else {
        const occurrences: Array<Occurrence & { cell: number }> = [];
        for (let cell = 0; cell < docs.length && occurrences.length < MAX_OCCURRENCES; cell++) {
          const scan = await this.services.scans.get(docs[cell]);
          // No scan: the document changed meanwhile, and that edit schedules a fresh update.
          if (!scan || superseded()) return false;
          for (const o of scan.occurrences()) {
            if (occurrences.length >= MAX_OCCURRENCES) break;
            occurrences.push({ term: o.term, line: o.line, column: o.column, text: o.text, cell });
          }
        }
        if (superseded()) return false;
        entries = groupOccurrences(occurrences, (id) => index.get(id), order());
        state = entries.length ? 'found' : 'empty';
      }
    }
    this.target = target;
    this.entries = entries;
    this.state = state;
    this.changed.fire();
    return true;
  }

  /** Redraws the rows without rescanning (learned state changed). */
  redraw(): void {
    this.changed.fire();
  }

  getChildren(entry?: FileTermEntry): FileTermEntry[] {
    return entry ? [] : this.entries;
  }

  getTreeItem(entry: FileTermEntry): vscode.TreeItem {
    const { term } = entry;
    const count = entry.places.length;
    const row = termRowText(term, vscode.env.language);
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `fileTerm:${term.id}`;
    const spellings = entry.spellings.slice(0, 3).join(', ') + (entry.spellings.length > 3 ? ', …' : '');
    item.description = `${row.english ? `${row.english} · ` : ''}×${count} · ${spellings}`;
    const learned = this.progress.isLearned(term.id);
    const seen = this.progress.isSeen(term.id);
    item.iconPath = termIcon(learned, seen);
    item.tooltip = termTooltip(term, learned, seen, count === 1 ? vscode.l10n.t('1 occurrence: click to go to the next one') : vscode.l10n.t('{0} occurrences: click to go to the next one', count));
    item.contextValue = `fileTerm.${learned ? 'learned' : 'unlearned'}`;
    item.command = { command: 'mlLens.fileTerms.nextOccurrence', title: vscode.l10n.t('Go to Next Occurrence'), arguments: [{ id: term.id }] };
    item.accessibilityInformation = { label: count === 1 ? vscode.l10n.t('{0}, 1 occurrence', term.title) : vscode.l10n.t('{0}, {1} occurrences', term.title, count) };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The "Terms in this File" view: follows the active editor and notebook, rescans on edits. */
export class FileTermsView implements vscode.Disposable {
  readonly provider: FileTermsProvider;
  readonly view: vscode.TreeView<FileTermEntry>;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts scans, so that a running scan notices it was superseded. */
  private generation = 0;

  constructor(private readonly services: Services, progress: LearningProgress) {
    this.provider = new FileTermsProvider(services, progress);
    this.view = vscode.window.createTreeView(FILE_TERMS_VIEW, { treeDataProvider: this.provider });
    this.disposables.push(
      this.provider,
      this.view,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(30)),
      vscode.window.onDidChangeActiveNotebookEditor(() => this.schedule(30)),
      // Editors restored after the extension started (a reload with a webview in front).
      vscode.window.onDidChangeVisibleTextEditors(() => {
        if (!this.provider.target) this.schedule(30);
      }),
      vscode.window.onDidChangeVisibleNotebookEditors(() => {
        if (!this.provider.target) this.schedule(30);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.follows(e.document)) this.schedule(EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (this.provider.target?.kind === 'notebook' && e.notebook === this.provider.target.notebook && e.contentChanges.length) {
          this.schedule(EDIT_DEBOUNCE_MS);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.provider.target?.kind === 'text' && this.provider.target.document === d) this.schedule(30);
      }),
      vscode.workspace.onDidCloseNotebookDocument((n) => {
        if (this.provider.target?.kind === 'notebook' && this.provider.target.notebook === n) this.schedule(30);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlLens.fileTerms') || e.affectsConfiguration('mlLens.hover.ignore')) this.schedule(30);
      }),
      services.glossary.onDidChange(() => this.schedule(30)),
      progress.onDidChange(() => this.provider.redraw()),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) this.schedule(0);
      }),
      { dispose: () => this.timer !== undefined && clearTimeout(this.timer) },
    );
    // A hidden view is brought up to date when it becomes visible (see onDidChangeVisibility).
    if (this.view.visible) void this.update();
  }

  /** Whether an edit to `doc` concerns what the view shows. */
  private follows(doc: vscode.TextDocument): boolean {
    const t = this.provider.target;
    if (!t) return false;
    if (t.kind === 'text') return t.document === doc;
    return t.notebook.getCells().some((c) => c.document === doc);
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.view.visible) void this.update();
    }, ms);
  }

  /** The editor or notebook to follow now. */
  private currentTarget(): Target | undefined {
    const nb = vscode.window.activeNotebookEditor;
    const ed = vscode.window.activeTextEditor;
    if (nb && (!ed || ed.document.uri.scheme === 'vscode-notebook-cell')) return { kind: 'notebook', notebook: nb.notebook };
    if (ed && isScannable(ed.document)) return { kind: 'text', document: ed.document };
    if (ed) return undefined;
    // No active editor (a webview such as a term page is in front): keep the last target while it
    // is still open, so the view does not go blank while the user reads about a term.
    const last = this.provider.target;
    if (last?.kind === 'text' && !last.document.isClosed) return last;
    if (last?.kind === 'notebook' && !last.notebook.isClosed) return last;
    // Nothing followed yet (e.g. a window reload restored a term page in front): use what is visible.
    const visibleNotebook = vscode.window.visibleNotebookEditors[0];
    if (visibleNotebook) return { kind: 'notebook', notebook: visibleNotebook.notebook };
    const visibleText = vscode.window.visibleTextEditors.find((e) => isScannable(e.document) && e.document.uri.scheme !== 'vscode-notebook-cell');
    return visibleText ? { kind: 'text', document: visibleText.document } : undefined;
  }

  /** Rescans now (also the `mlLens.fileTerms.refresh` command); a newer call supersedes a running one. */
  async update(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const generation = ++this.generation;
    const target = this.currentTarget();
    try {
      if (!(await this.provider.update(target, () => generation !== this.generation))) return;
    } catch (e) {
      this.services.log.error('Could not scan the active editor for terms', e);
      await this.provider.update(undefined);
    }
    const count = this.provider.entries.length;
    this.view.description = target ? targetName(target) : undefined;
    this.view.message = undefined;
    this.view.badge = undefined;
    void vscode.commands.executeCommand('setContext', 'mlLens.fileTerms.state', this.provider.state);
    if (count) {
      const total = this.provider.entries.reduce((n, e) => n + e.places.length, 0);
      this.view.message = vscode.l10n.t('{0}, {1}', count === 1 ? vscode.l10n.t('1 term') : vscode.l10n.t('{0} terms', count), total === 1 ? vscode.l10n.t('1 occurrence') : vscode.l10n.t('{0} occurrences', total));
    }
  }

  /** Reveals the next occurrence of `id` after the cursor, in the followed editor or notebook. */
  async nextOccurrence(id: TermId): Promise<boolean> {
    const entry = this.provider.entries.find((e) => e.term.id === id);
    const target = this.provider.target;
    if (!entry || !target) return false;
    const active = vscode.window.activeTextEditor;
    let cursor: { cell: number; line: number; column: number } | undefined;
    let cells: vscode.TextDocument[] = [];
    if (target.kind === 'text') {
      cells = [target.document];
      if (active?.document === target.document) cursor = { cell: 0, line: active.selection.start.line, column: active.selection.start.character };
    } else {
      cells = target.notebook.getCells().map((c) => c.document);
      const at = active ? cells.indexOf(active.document) : -1;
      if (active && at >= 0) cursor = { cell: at, line: active.selection.start.line, column: active.selection.start.character };
    }
    const k = nextPlace(entry.places, cursor);
    const place = entry.places[k];
    const doc = cells[place.cell];
    if (!doc) return false;
    const range = new vscode.Range(place.line, place.column, place.line, place.column + place.length);
    if (target.kind === 'notebook') {
      const nbEditor = vscode.window.visibleNotebookEditors.find((e) => e.notebook === target.notebook);
      if (nbEditor) {
        const cellRange = new vscode.NotebookRange(place.cell, place.cell + 1);
        nbEditor.selections = [cellRange];
        nbEditor.revealRange(cellRange, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
      }
      await vscode.window.showTextDocument(doc, { selection: range, viewColumn: nbEditor?.viewColumn, preserveFocus: false });
    } else {
      const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      const editor = await vscode.window.showTextDocument(doc, { selection: range, viewColumn: visible?.viewColumn ?? active?.viewColumn, preserveFocus: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    vscode.window.setStatusBarMessage(vscode.l10n.t('ML Lens: {0}, occurrence {1} of {2}', entry.term.title, k + 1, entry.places.length), 3000);
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
