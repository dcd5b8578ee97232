import * as vscode from 'vscode';
import { GlossaryIndex } from '../core/glossaryIndex';
import { joinGlossaries } from '../core/glossary/join';
import { bodyFile, INDEX_FILE } from '../core/glossary/layout';
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
 * files change. A built-in entry's body is read from its own file when first needed, then kept.
 */
export async function loadGlossary(extensionUri: vscode.Uri, log: Logger): Promise<GlossaryService & vscode.Disposable> {
  const dir = vscode.Uri.joinPath(extensionUri, 'dist', 'glossary');
  let base: GlossaryIndexData;
  try {
    base = await readJson<GlossaryIndexData>(vscode.Uri.joinPath(dir, INDEX_FILE));
  } catch (e) {
    log.error('Could not load the glossary index (run "npm run build")', e);
    base = EMPTY;
  }
  const bodies = new Map<TermId, Promise<TermBody | undefined>>();
  const shipped = new Set(base.terms.map((t) => t.id));
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
      const file = bodyFile(id);
      if (!file || !shipped.has(id)) return Promise.resolve(undefined);
      let body = bodies.get(id);
      if (!body) {
        body = readJson<TermBody>(vscode.Uri.joinPath(dir, file)).catch((e) => {
          log.error(`Could not load the glossary entry "${id}"`, e);
          bodies.delete(id);
          return undefined;
        });
        bodies.set(id, body);
      }
      return body;
    },
    dispose() {
      glossaries.dispose();
      changed.dispose();
    },
  };
}
