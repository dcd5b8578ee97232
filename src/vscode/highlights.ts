import * as vscode from 'vscode';
import { highlightRanges, parseHighlightMode, termCounts, type HighlightMode } from '../core/highlightModel';
import type { LineScan } from '../core/lineScan';
import type { Services } from './services';
import { hoverSettings } from './settings';
import { isScannable } from './termScans';

/** The setting, under `mlLens`. */
const SETTING = 'highlight';
/** The mode highlights come back in when toggled on (the last one used). */
const LAST_ON_KEY = 'mlLens.highlight.lastOn';
/** Pause after an edit before highlights and the count catch up (decorations move with the text meanwhile). */
const EDIT_DEBOUNCE_MS = 150;
/** Commands the status bar tooltip may run. */
const TOOLTIP_COMMANDS = ['mlLens.highlight.toggle', 'mlLens.fileTerms.focus'];

function mode(): HighlightMode {
  return parseHighlightMode(vscode.workspace.getConfiguration('mlLens').get<string>(SETTING), 'off');
}

/** Editors worth highlighting: real documents (and notebook cells) in the languages hovers work in. */
function highlightable(doc: vscode.TextDocument, languages: readonly string[]): boolean {
  return isScannable(doc) && languages.includes(doc.languageId);
}

/**
 * Editor highlights for glossary terms (`mlLens.highlight`: off, unlearned or all) and the status
 * bar count of terms not learned yet in the active file or notebook. Both read the shared,
 * incrementally updated scans.
 */
class Highlights implements vscode.Disposable {
  private readonly decoration: vscode.TextEditorDecorationType;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** Highlighted ranges per visible editor's document, for tests and automation. */
  private drawn = new Map<string, number>();

  constructor(private readonly services: Services, private readonly state: vscode.Memento) {
    this.decoration = vscode.window.createTextEditorDecorationType({
      borderStyle: 'none none dotted none',
      borderWidth: '0 0 1px 0',
      borderColor: new vscode.ThemeColor('mlLens.termHighlight'),
    });
    this.status = vscode.window.createStatusBarItem('mlLens.highlight', vscode.StatusBarAlignment.Right, 100);
    this.status.name = vscode.l10n.t('ML Lens: New Terms in this File');
    this.status.command = { command: 'mlLens.highlight.toggle', title: vscode.l10n.t('Toggle Term Highlights'), arguments: [{ reveal: true }] };
    const later = (ms: number) => () => this.schedule(ms);
    this.disposables.push(
      this.decoration,
      this.status,
      vscode.window.onDidChangeActiveTextEditor(later(0)),
      vscode.window.onDidChangeVisibleTextEditors(later(0)),
      vscode.window.onDidChangeActiveNotebookEditor(later(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) this.schedule(EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlLens.highlight') || e.affectsConfiguration('mlLens.hover')) this.schedule(0);
      }),
      services.glossary.onDidChange(later(0)),
      // Learned state changed: the scans stay, only what is drawn changes.
      services.progress.onDidChange(later(0)),
      { dispose: () => this.timer !== undefined && clearTimeout(this.timer) },
    );
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update().catch((e) => this.services.log.error('Could not update the term highlights', e));
    }, ms);
  }

  /** The documents the status bar counts: the active notebook's cells, or the active editor's document. */
  private activeDocuments(languages: readonly string[]): vscode.TextDocument[] {
    const editor = vscode.window.activeTextEditor;
    const notebook = vscode.window.activeNotebookEditor;
    if (notebook && (!editor || editor.document.uri.scheme === 'vscode-notebook-cell')) {
      return notebook.notebook.getCells().map((c) => c.document).filter((d) => highlightable(d, languages));
    }
    return editor && highlightable(editor.document, languages) ? [editor.document] : [];
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const current = mode();
    const languages = hoverSettings().languages;
    const isLearned = (id: string): boolean => this.services.progress.isLearned(id);
    const drawn = new Map<string, number>();
    for (const editor of vscode.window.visibleTextEditors) {
      if (current === 'off' || !highlightable(editor.document, languages)) {
        editor.setDecorations(this.decoration, []);
        continue;
      }
      const scan = await this.services.scans.get(editor.document);
      if (generation !== this.generation) return;
      if (!scan) continue; // changed meanwhile: the edit schedules another update
      const ranges = highlightRanges(scan, current, isLearned).map((r) => new vscode.Range(r.line, r.column, r.line, r.column + r.length));
      editor.setDecorations(this.decoration, ranges);
      drawn.set(editor.document.uri.toString(), ranges.length);
    }
    this.drawn = drawn;
    const scans: LineScan[] = [];
    for (const doc of this.activeDocuments(languages)) {
      const scan = await this.services.scans.get(doc);
      if (generation !== this.generation) return;
      if (scan) scans.push(scan);
    }
    const counts = termCounts({ lines: scans.flatMap((s) => s.lines) }, isLearned);
    if (!counts.terms) {
      this.status.hide();
      return;
    }
    this.status.text = `$(mortar-board) ${vscode.l10n.t('ML: {0} new', counts.unlearned)}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = { enabledCommands: TOOLTIP_COMMANDS };
    tooltip.supportHtml = false;
    tooltip.appendText(vscode.l10n.t('{0} of the {1} glossary terms in this file are not learned yet.', counts.unlearned, counts.terms));
    tooltip.appendMarkdown('\n\n');
    const toggle = current === 'off' ? vscode.l10n.t('Highlight them') : vscode.l10n.t('Turn highlights off');
    tooltip.appendMarkdown(`[$(eye) ${toggle}](command:mlLens.highlight.toggle) · [$(list-flat) ${vscode.l10n.t('Show Terms in this File')}](command:mlLens.fileTerms.focus)`);
    this.status.tooltip = tooltip;
    this.status.accessibilityInformation = { label: vscode.l10n.t('{0} machine-learning terms in this file are new to you. Toggle highlights.', counts.unlearned) };
    this.status.show();
  }

  /**
   * Off ↔ on (in the mode last used, `unlearned` at first). From the status bar (`reveal`), turning
   * on also shows the Terms in this File view, leaving the focus in the editor.
   */
  async toggle(reveal = false): Promise<HighlightMode> {
    const now = mode();
    const last = parseHighlightMode(this.state.get(LAST_ON_KEY), 'unlearned');
    const next: HighlightMode = now === 'off' ? (last === 'off' ? 'unlearned' : last) : 'off';
    if (now !== 'off') await this.state.update(LAST_ON_KEY, now);
    const config = vscode.workspace.getConfiguration('mlLens');
    const where = config.inspect(SETTING);
    const target = where?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : where?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update(SETTING, next, target);
    if (reveal && next !== 'off') {
      await vscode.commands.executeCommand('mlLens.fileTerms.focus');
      if (vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    }
    const message = next === 'off'
      ? vscode.l10n.t('ML Lens: term highlights off')
      : next === 'all' ? vscode.l10n.t('ML Lens: highlighting every glossary term') : vscode.l10n.t('ML Lens: highlighting the terms you have not learned');
    vscode.window.setStatusBarMessage(message, 2500);
    return next;
  }

  /** What is drawn, for automation and tests. */
  snapshot(): { mode: HighlightMode; status?: string; ranges: Record<string, number> } {
    return { mode: mode(), status: this.status.text || undefined, ranges: Object.fromEntries(this.drawn) };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Registers the highlights, their status bar item and the toggle command. */
export function registerHighlights(context: vscode.ExtensionContext, services: Services): vscode.Disposable[] {
  const highlights = new Highlights(services, context.globalState);
  return [
    highlights,
    vscode.commands.registerCommand('mlLens.highlight.toggle', (arg?: unknown) =>
      highlights.toggle(typeof arg === 'object' && arg !== null && (arg as { reveal?: unknown }).reveal === true),
    ),
    // Not in the Command Palette: a snapshot for automation and tests.
    vscode.commands.registerCommand('mlLens.highlight.inspect', () => highlights.snapshot()),
  ];
}
