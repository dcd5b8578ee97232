import * as vscode from 'vscode';
import { GlossaryIndex } from '../core/glossaryIndex';
import { joinGlossaries } from '../core/glossary/join';
import type { GlossaryIndexData, TermBody, TermId } from '../core/types';
import type { GlossaryService, Logger } from './services';
import { WorkspaceGlossaries, type WorkspaceGlossaryState } from './workspaceGlossary';

const decoder = new TextDecoder();
const EMPTY: GlossaryIndexData = { version: 1, categories: [], terms: [], keys: [] };

async function readJson<T>(uri: vscode.Uri): Promise<T> {
  return JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(uri))) as T;
}

/**
 * Loads the compiled index shipped in `dist/glossary/` (no Markdown or YAML parsing at
 * activation) and joins the workspace's own glossaries to it, keeping them up to date as their
 * files change. Built-in bodies are read once, on first use.
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
  let index = new GlossaryIndex(base);
  let workspace: WorkspaceGlossaryState = { problems: [] };
  const changed = new vscode.EventEmitter<void>();

  const update = (state: WorkspaceGlossaryState): void => {
    const hadEntries = workspace.result !== undefined;
    workspace = state;
    index = state.result ? new GlossaryIndex(joinGlossaries(base, [state.result])) : new GlossaryIndex(base);
    if (state.result || hadEntries) log.info(`Glossary: ${index.terms.length} terms`);
    changed.fire();
  };
  const glossaries = new WorkspaceGlossaries(extensionUri, base, log, update);
  await glossaries.reload();

  log.info(`Glossary loaded: ${index.terms.length} terms`);
  return {
    get index() {
      return index;
    },
    get problems() {
      return workspace.problems;
    },
    get layer() {
      return workspace.result && { index: workspace.result.index, overridden: workspace.result.overridden };
    },
    onDidChange: changed.event,
    body(id) {
      // A workspace entry, also one that overrides a built-in entry, has its own body.
      const own = workspace.result?.bodies[id];
      if (own && index.get(id)) return Promise.resolve(own);
      bodies ??= readJson<Record<TermId, TermBody>>(vscode.Uri.joinPath(dir, 'bodies.json')).catch((e) => {
        log.error('Could not load glossary entries', e);
        bodies = undefined;
        return {};
      });
      return bodies.then((b) => b[id]);
    },
    dispose() {
      glossaries.dispose();
      changed.dispose();
    },
  };
}
