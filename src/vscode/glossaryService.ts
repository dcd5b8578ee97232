import * as vscode from 'vscode';
import { GlossaryIndex } from '../core/glossaryIndex';
import type { GlossaryIndexData, TermBody, TermId } from '../core/types';
import type { GlossaryService, Logger } from './services';

const decoder = new TextDecoder();

async function readJson<T>(uri: vscode.Uri): Promise<T> {
  return JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(uri))) as T;
}

/**
 * Loads the compiled index shipped in `dist/glossary/` (no Markdown or YAML parsing at
 * activation). Bodies are read once, on first use.
 */
export async function loadGlossary(extensionUri: vscode.Uri, log: Logger): Promise<GlossaryService> {
  const dir = vscode.Uri.joinPath(extensionUri, 'dist', 'glossary');
  let data: GlossaryIndexData;
  try {
    data = await readJson<GlossaryIndexData>(vscode.Uri.joinPath(dir, 'index.json'));
  } catch (e) {
    log.error('Could not load the glossary index (run "npm run build")', e);
    data = { version: 1, categories: [], terms: [], keys: [] };
  }
  let bodies: Promise<Record<TermId, TermBody>> | undefined;
  const service: GlossaryService = {
    index: new GlossaryIndex(data),
    body(id) {
      bodies ??= readJson<Record<TermId, TermBody>>(vscode.Uri.joinPath(dir, 'bodies.json')).catch((e) => {
        log.error('Could not load glossary entries', e);
        bodies = undefined;
        return {};
      });
      return bodies.then((b) => b[id]);
    },
  };
  log.info(`Glossary loaded: ${data.terms.length} terms`);
  return service;
}
