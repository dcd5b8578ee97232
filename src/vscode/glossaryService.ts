import * as vscode from 'vscode';
import { GlossaryIndex } from '../core/glossaryIndex';
import type { CompileOptions, CompileResult, SourceFile } from '../core/glossary/compile';
import { formatProblem } from '../core/glossary/problems';
import type { GlossaryIndexData, TermBody, TermId } from '../core/types';
import type { GlossaryService, Logger } from './services';
import { loadCompiler } from './compilerLoader';
import { readablePath, settingUri } from './resourcePaths';

const decoder = new TextDecoder();
const EMPTY: GlossaryIndexData = { version: 1, categories: [], terms: [], keys: [] };

async function readJson<T>(uri: vscode.Uri): Promise<T> {
  return JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(uri))) as T;
}

/**
 * Compiles the user's own entries from `mlLens.glossary.extraFolder`. The compiler (YAML and all)
 * is a separate bundle, loaded only when the setting is used, so activation stays small.
 */
async function compileExtra(extensionUri: vscode.Uri, setting: string, base: GlossaryIndexData, log: Logger): Promise<CompileResult | undefined> {
  const dir = settingUri(setting, extensionUri);
  const folder = readablePath(dir);
  let names: string[];
  try {
    names = (await vscode.workspace.fs.readDirectory(dir)).filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.md')).map(([n]) => n).sort();
  } catch (e) {
    log.error(`mlLens.glossary.extraFolder: cannot read ${folder}`, e);
    void vscode.window.showWarningMessage(vscode.l10n.t('ML Lens: cannot read the extra glossary folder {0}.', folder));
    return undefined;
  }
  const read = await Promise.all(
    names.map(async (n): Promise<SourceFile | undefined> => {
      const uri = vscode.Uri.joinPath(dir, n);
      try {
        return { file: readablePath(uri), source: decoder.decode(await vscode.workspace.fs.readFile(uri)) };
      } catch (e) {
        // An unreadable file is reported and skipped; the other entries still load.
        log.error(`mlLens.glossary.extraFolder: cannot read ${readablePath(uri)}`, e);
        return undefined;
      }
    }),
  );
  const files = read.filter((f): f is SourceFile => f !== undefined);
  let compile: (files: readonly SourceFile[], opts: CompileOptions) => CompileResult;
  try {
    compile = await loadCompiler(extensionUri);
  } catch (e) {
    log.error('Could not load the glossary compiler (dist/compiler.js)', e);
    return undefined;
  }
  let result: CompileResult;
  try {
    // Checked against the built-in glossary: related ids may name built-in entries, and conflicts are reported.
    result = compile(files, { base });
  } catch (e) {
    log.error(`mlLens.glossary.extraFolder: could not compile ${folder}`, e);
    void vscode.window.showWarningMessage(vscode.l10n.t('ML Lens: could not load the extra glossary folder {0}. See the ML Lens output.', folder));
    return undefined;
  }
  for (const p of result.problems) log.warn(formatProblem(p));
  const problemCount = result.problems.length + (names.length - files.length);
  if (problemCount) {
    void vscode.window.showWarningMessage(vscode.l10n.t('ML Lens: {0} problem(s) in {1}; the other entries were loaded. See the ML Lens output.', problemCount, folder));
  }
  log.info(`Extra glossary: ${result.index.terms.length} entries from ${folder}`);
  return result;
}

/**
 * The extra glossary folder to read. In Restricted Mode only the user's own setting counts: a
 * folder named by the (untrusted) workspace is not read until the workspace is trusted.
 */
function extraFolder(log: Logger): string {
  const config = vscode.workspace.getConfiguration('mlLens.glossary');
  if (vscode.workspace.isTrusted) return config.get<string>('extraFolder', '').trim();
  const inspected = config.inspect<string>('extraFolder');
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (fromWorkspace) log.info('mlLens.glossary.extraFolder is set by this workspace; it is read once the workspace is trusted');
  return (inspected?.globalValue ?? '').trim();
}

/**
 * Loads the compiled index shipped in `dist/glossary/` (no Markdown or YAML parsing at
 * activation) plus any extra folder. Bodies are read once, on first use.
 */
export async function loadGlossary(extensionUri: vscode.Uri, log: Logger): Promise<GlossaryService & vscode.Disposable> {
  const dir = vscode.Uri.joinPath(extensionUri, 'dist', 'glossary');
  let base: GlossaryIndexData;
  try {
    base = await readJson<GlossaryIndexData>(vscode.Uri.joinPath(dir, 'index.json'));
  } catch (e) {
    log.error('Could not load the glossary index (run "npm run build")', e);
    base = EMPTY;
  }
  let bodies: Promise<Record<TermId, TermBody>> | undefined;
  let extraBodies: Record<TermId, TermBody> = {};
  let index = new GlossaryIndex(base);
  const changed = new vscode.EventEmitter<void>();

  const loadExtra = async (folder = extraFolder(log)): Promise<void> => {
    const extra = folder ? await compileExtra(extensionUri, folder, base, log) : undefined;
    extraBodies = extra?.bodies ?? {};
    index = extra ? GlossaryIndex.merge(base, extra.index) : new GlossaryIndex(base);
  };
  const initialFolder = extraFolder(log);
  if (initialFolder) await loadExtra(initialFolder);
  const reload = async (): Promise<void> => {
    await loadExtra();
    changed.fire();
  };
  const watch = vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (e.affectsConfiguration('mlLens.glossary.extraFolder')) await reload();
  });
  // A folder named by the workspace is read only once the workspace is trusted.
  const trust = vscode.workspace.onDidGrantWorkspaceTrust(reload);

  log.info(`Glossary loaded: ${index.terms.length} terms`);
  return {
    get index() {
      return index;
    },
    onDidChange: changed.event,
    body(id) {
      if (extraBodies[id] && !base.terms.some((t) => t.id === id)) return Promise.resolve(extraBodies[id]);
      bodies ??= readJson<Record<TermId, TermBody>>(vscode.Uri.joinPath(dir, 'bodies.json')).catch((e) => {
        log.error('Could not load glossary entries', e);
        bodies = undefined;
        return {};
      });
      return bodies.then((b) => b[id]);
    },
    dispose() {
      watch.dispose();
      trust.dispose();
      changed.dispose();
    },
  };
}
