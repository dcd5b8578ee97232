import * as vscode from 'vscode';
import type { CompileCache, CompileResult, SourceFile } from '../core/glossary/compile';
import { WORKSPACE_RULES } from '../core/glossary/workspaceRules';
import type { Problem } from '../core/glossary/problems';
import type { GlossaryIndexData } from '../core/types';
import { loadCompiler } from './compilerLoader';
import { readablePath, settingUri } from './resourcePaths';
import type { Logger } from './services';

/** Where a workspace keeps its own glossary, in each workspace folder. */
export const WORKSPACE_GLOSSARY_DIR = '.mllens/glossary';

/** A problem in a workspace glossary file, with the file's URI for the Problems panel. */
export interface WorkspaceProblem extends Problem {
  uri?: vscode.Uri;
}

/** The compiled workspace glossaries: one layer joined to the built-in glossary. */
export interface WorkspaceGlossaryState {
  result?: CompileResult;
  problems: WorkspaceProblem[];
}

const decoder = new TextDecoder();
/** How long a burst of file events is gathered before recompiling. */
const SETTLE_MS = 60;

/**
 * How often watched glossary folders are compared with what was read: a file watcher reports only
 * once the file system has set it up, and code-server's can stay silent for a folder created late.
 */
const POLL_MS = 2000;

/** The names of the Markdown files in a glossary folder (throws when it cannot be read). */
async function entryFiles(folder: vscode.Uri): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(folder)).filter(([n, t]) => (t & vscode.FileType.File) !== 0 && n.endsWith('.md')).map(([n]) => n);
}

/** A file's modification time and size, to notice a change without reading it; undefined when it is gone. */
async function stamp(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const st = await vscode.workspace.fs.stat(uri);
    return `${st.mtime}:${st.size}`;
  } catch {
    return undefined;
  }
}

/** A URI (`vscode-vfs://…`), a POSIX or Windows absolute path, or a UNC path. */
function isAbsolute(p: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(p) || p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** A folder from the settings as a URI: a URI or absolute path as it is, else relative to a workspace folder. */
function resolveFolder(p: string, folder: vscode.WorkspaceFolder | undefined, extensionUri: vscode.Uri): vscode.Uri | undefined {
  if (isAbsolute(p)) return settingUri(p, extensionUri);
  return folder ? vscode.Uri.joinPath(folder.uri, p) : undefined;
}

/**
 * The folders named by `mlLens.glossary.folders` (and the older `mlLens.glossary.extraFolder`)
 * for one workspace folder. In Restricted Mode only the user's own settings count: a workspace
 * could name any folder on the machine.
 */
function configuredFolders(folder: vscode.WorkspaceFolder | undefined, log: Logger): string[] {
  const config = vscode.workspace.getConfiguration('mlLens.glossary', folder?.uri);
  let values: unknown[];
  if (vscode.workspace.isTrusted) values = [config.get<string[]>('folders', []), config.get<string>('extraFolder', '')];
  else {
    const list = config.inspect<string[]>('folders');
    const legacy = config.inspect<string>('extraFolder');
    values = [list?.globalValue ?? [], legacy?.globalValue ?? ''];
    if ((list?.workspaceFolderValue ?? list?.workspaceValue ?? legacy?.workspaceFolderValue ?? legacy?.workspaceValue) !== undefined) {
      log.info('Glossary folders named by this workspace are read once the workspace is trusted');
    }
  }
  return values.flat().filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** Whether `root` has the folder `parts` (for example `.mllens`, `glossary`), checked level by level. */
async function hasFolderPath(root: vscode.Uri, parts: readonly string[]): Promise<boolean> {
  let dir = root;
  for (const part of parts) {
    try {
      const found = (await vscode.workspace.fs.readDirectory(dir)).some(([n, t]) => n === part && (t & vscode.FileType.Directory) !== 0);
      if (!found) return false;
    } catch {
      return false;
    }
    dir = vscode.Uri.joinPath(dir, part);
  }
  return true;
}

/** A watched glossary folder. */
interface Folder {
  uri: vscode.Uri;
  /** Named in a setting (a missing one is reported); `.mllens/glossary` may simply not exist. */
  configured: boolean;
  /** None while a workspace folder has no `.mllens/glossary`. */
  watcher?: vscode.FileSystemWatcher;
}

/**
 * Workspace glossaries: `.mllens/glossary/` in every workspace folder plus the folders the
 * settings name. Files are read through `workspace.fs` (so it works on the web too) and watched;
 * a change re-reads only that file, and the compiler re-parses only files whose text changed.
 */
export class WorkspaceGlossaries implements vscode.Disposable {
  private folders = new Map<string, Folder>();
  /** Source of each glossary file, by URI string. */
  private readonly files = new Map<string, { uri: vscode.Uri; folder: string; source: string }>();
  private readonly cache: CompileCache = {};
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;
  /** Modification time and size of each file when it was last read or looked at. */
  private readonly stamps = new Map<string, string>();
  private running: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  /** Watches for `.mllens` or `.mllens/glossary` being deleted whole (no event comes per file then). */
  private readonly dirWatchers = new Map<string, vscode.FileSystemWatcher>();
  private reportedCompilerError = false;
  state: WorkspaceGlossaryState = { problems: [] };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly base: GlossaryIndexData,
    private readonly log: Logger,
    private readonly onUpdate: (state: WorkspaceGlossaryState) => void,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlLens.glossary.folders') || e.affectsConfiguration('mlLens.glossary.extraFolder')) void this.reload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
      // Overrides, and folders named by the workspace, apply once it is trusted.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
      // A save is seen at once; the file watcher also catches changes made outside the editor.
      vscode.workspace.onDidSaveTextDocument((d) => this.touch(d.uri)),
    );
  }

  /** Finds the folders, reads every entry and compiles them; call again when the folders may have changed. */
  reload(): Promise<void> {
    return this.serial(async () => {
      const wanted = new Map<string, { uri: vscode.Uri; configured: boolean; root?: vscode.Uri }>();
      const folders = vscode.workspace.workspaceFolders ?? [];
      for (const wf of folders) {
        const uri = vscode.Uri.joinPath(wf.uri, WORKSPACE_GLOSSARY_DIR);
        wanted.set(uri.toString(), { uri, configured: false, root: wf.uri });
      }
      for (const wf of folders.length ? folders : [undefined]) {
        for (const p of configuredFolders(wf, this.log)) {
          const uri = resolveFolder(p, wf, this.extensionUri);
          if (!uri) this.log.warn(`Glossary folder "${p}" is relative, but no folder is open; it is skipped`);
          else if (!wanted.has(uri.toString())) wanted.set(uri.toString(), { uri, configured: true });
        }
      }
      // `.mllens/glossary` appearing or going (also whole, which reports no event per file) reloads.
      // Watchers are kept while their folder stays: replacing one with an identical one can lose events.
      const roots = new Set(folders.map((wf) => wf.uri.toString()));
      for (const [key, w] of this.dirWatchers) {
        if (!roots.has(key)) {
          w.dispose();
          this.dirWatchers.delete(key);
        }
      }
      for (const wf of folders) {
        if (this.dirWatchers.has(wf.uri.toString())) continue;
        const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(wf, '{.mllens,.mllens/glossary}'), false, true, false);
        w.onDidCreate(() => void this.reload());
        w.onDidDelete(() => void this.reload());
        this.dirWatchers.set(wf.uri.toString(), w);
      }
      this.files.clear();
      const present = await Promise.all(
        // Most folders have no `.mllens/glossary`: look for it in listings that exist, rather
        // than have the file system log a failed read in every workspace.
        [...wanted.values()].map((f) => (f.root ? hasFolderPath(f.root, WORKSPACE_GLOSSARY_DIR.split('/')) : Promise.resolve(true))),
      );
      const exists = new Map([...wanted.keys()].map((k, i) => [k, present[i]] as const));
      for (const [key, f] of this.folders) {
        if (!wanted.has(key) || !exists.get(key)) {
          f.watcher?.dispose();
          this.folders.delete(key);
        }
      }
      for (const [key, f] of wanted) {
        const old = this.folders.get(key);
        // A watcher of its own on each folder that exists, which reports its files' changes reliably.
        const watcher = old?.watcher ?? (exists.get(key) ? this.watch(new vscode.RelativePattern(f.uri, '*.md')) : undefined);
        this.folders.set(key, { uri: f.uri, configured: f.configured, watcher });
      }
      await Promise.all([...this.folders].filter(([, f]) => f.watcher).map(([key, f]) => this.readFolder(key, f)));
      await this.compile();
      this.updatePolling();
    });
  }

  private updatePolling(): void {
    const watching = [...this.folders.values()].some((f) => f.watcher);
    if (watching && !this.poller) this.poller = setInterval(() => void this.serial(() => this.poll()), POLL_MS);
    if (!watching && this.poller) {
      clearInterval(this.poller);
      this.poller = undefined;
    }
  }

  /** Reads again the files whose modification time or size changed, and the new ones; drops the deleted ones. */
  private async poll(): Promise<void> {
    let changed = false;
    for (const [key, f] of this.folders) {
      if (!f.watcher) continue;
      let names: string[];
      try {
        names = await entryFiles(f.uri);
      } catch {
        continue;
      }
      const present = new Set<string>();
      for (const n of names) {
        const uri = vscode.Uri.joinPath(f.uri, n);
        present.add(uri.toString());
        const seen = this.stamps.get(uri.toString());
        const now = await stamp(uri);
        if (now !== undefined && now !== seen) {
          await this.readFile(uri, key);
          changed = true;
        }
      }
      for (const [k, file] of this.files) {
        if (file.folder === key && !present.has(k)) {
          this.files.delete(k);
          this.stamps.delete(k);
          changed = true;
        }
      }
    }
    if (changed) await this.compile();
  }

  private disposeWatchers(): void {
    for (const f of this.folders.values()) f.watcher?.dispose();
    this.folders.clear();
    for (const w of this.dirWatchers.values()) w.dispose();
    this.dirWatchers.clear();
  }

  private watch(pattern: vscode.RelativePattern): vscode.FileSystemWatcher {
    const w = vscode.workspace.createFileSystemWatcher(pattern);
    w.onDidCreate((u) => this.touch(u));
    w.onDidChange((u) => this.touch(u));
    w.onDidDelete((u) => this.touch(u));
    return w;
  }

  private async readFolder(key: string, f: Folder): Promise<void> {
    let names: string[];
    try {
      names = await entryFiles(f.uri);
    } catch (e) {
      if (f.configured) {
        this.log.error(`Cannot read the glossary folder ${readablePath(f.uri)}`, e);
        void vscode.window.showWarningMessage(vscode.l10n.t('ML Lens: cannot read the glossary folder {0}.', readablePath(f.uri)));
      }
      return;
    }
    await Promise.all(names.map((n) => this.readFile(vscode.Uri.joinPath(f.uri, n), key)));
  }

  private async readFile(uri: vscode.Uri, folder: string): Promise<void> {
    try {
      const [bytes, st] = await Promise.all([vscode.workspace.fs.readFile(uri), stamp(uri)]);
      this.files.set(uri.toString(), { uri, folder, source: decoder.decode(bytes) });
      if (st !== undefined) this.stamps.set(uri.toString(), st);
    } catch {
      // Deleted (or unreadable): its entry goes.
      this.files.delete(uri.toString());
      this.stamps.delete(uri.toString());
    }
  }

  /** The folder a file belongs to, when it is a glossary entry of one of ours. */
  private folderOf(uri: vscode.Uri): string | undefined {
    if (!uri.path.endsWith('.md')) return undefined;
    const parent = vscode.Uri.joinPath(uri, '..').toString();
    return this.folders.has(parent) ? parent : undefined;
  }

  /** Notes that a file changed (or appeared, or went) and recompiles shortly. */
  touch(uri: vscode.Uri): void {
    if (!this.folderOf(uri)) return;
    this.pending.add(uri.toString());
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.serial(() => this.refresh());
    }, SETTLE_MS);
  }

  private async refresh(): Promise<void> {
    const changed = [...this.pending];
    this.pending.clear();
    if (changed.length === 0) return;
    await Promise.all(
      changed.map((key) => {
        const uri = vscode.Uri.parse(key);
        const folder = this.folderOf(uri);
        return folder ? this.readFile(uri, folder) : undefined;
      }),
    );
    await this.compile();
  }

  private serial(task: () => Promise<void>): Promise<void> {
    this.running = this.running.then(task).catch((e) => this.log.error('Could not load the workspace glossary', e));
    return this.running;
  }

  private async compile(): Promise<void> {
    const shown = new Map<string, vscode.Uri>();
    const sources: SourceFile[] = [];
    for (const f of [...this.files.values()].sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()))) {
      const name = vscode.workspace.asRelativePath(f.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
      shown.set(name, f.uri);
      sources.push({ file: name, source: f.source });
    }
    if (sources.length === 0) {
      this.state = { problems: [] };
      this.onUpdate(this.state);
      return;
    }
    let compile;
    try {
      compile = await loadCompiler(this.extensionUri);
    } catch (e) {
      if (!this.reportedCompilerError) this.log.error('Workspace glossaries cannot be compiled in this environment', e);
      this.reportedCompilerError = true;
      return;
    }
    const started = Date.now();
    const result = compile(sources, { base: this.base, rules: WORKSPACE_RULES, cache: this.cache, allowOverrides: vscode.workspace.isTrusted });
    const problems = result.problems.map((p): WorkspaceProblem => ({ ...p, ...(shown.has(p.file) ? { uri: shown.get(p.file) } : {}) }));
    this.log.info(`Workspace glossary: ${result.index.terms.length} entries from ${sources.length} file(s), ${problems.length} problem(s); ${this.cache.parsedLastRun ?? sources.length} file(s) parsed in ${Date.now() - started} ms`);
    this.state = { result, problems };
    this.onUpdate(this.state);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    this.disposeWatchers();
    for (const d of this.disposables) d.dispose();
  }
}
