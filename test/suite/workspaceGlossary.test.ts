// Extension-host tests of workspace glossaries: `.mllens/glossary/` in the open folder is watched,
// a change reaches hovers, the Glossary view and search, and its problems reach the Problems panel.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Services } from '../../src/vscode/services';
import { activateExtension } from './helpers';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every 10 ms until it returns something truthy; returns it and the time it took. */
async function waitFor<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, message: string, timeoutMs = 10000): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return { value: v, ms: Date.now() - start };
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${message}`);
    await sleep(10);
  }
}

async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const pos = doc.positionAt(doc.getText().indexOf(needle) + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

const entry = (definition: string, front = 'title: Plimsar gauge\nrelated: [dropout]'): Uint8Array =>
  new TextEncoder().encode(`---\n${front}\n---\n${definition}\n`);

describe('Workspace glossary', function () {
  this.timeout(60000);
  let services: Services;
  let dir: vscode.Uri;
  let file: vscode.Uri;
  let doc: vscode.TextDocument;
  const latencies: number[] = [];

  before(async () => {
    services = await activateExtension();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests need an open folder');
    dir = vscode.Uri.joinPath(folder.uri, '.mllens', 'glossary');
    file = vscode.Uri.joinPath(dir, 'plimsar-gauge.md');
    doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import torch\n\nreading = plimsar_gauge(x)\n' });
  });

  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, '..'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    console.log(`workspace glossary: file written → index updated in ${latencies.join(', ')} ms`);
  });

  it('loads an entry written into a new .mllens/glossary folder, with hover and a Workspace category', async () => {
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(file, entry('A Plimsar gauge reads the pressure of the training queue.'));
    const { ms } = await waitFor(() => services.glossary.index.get('plimsar-gauge'), 'the new entry in the index');
    latencies.push(ms);
    assert.strictEqual(services.glossary.index.get('plimsar-gauge')!.category, 'workspace');
    assert.ok(services.glossary.index.categories.some((c) => c.id === 'workspace'));
    const text = await hoverText(doc, 'plimsar_gauge');
    assert.match(text, /Plimsar gauge/);
    assert.match(text, /pressure of the training queue/);
  });

  it('shows a changed definition in the next hover, the Glossary view and the entry\'s page body', async () => {
    await vscode.workspace.fs.writeFile(file, entry('A Plimsar gauge now counts the batches waiting in the queue.'));
    const { ms } = await waitFor(() => services.glossary.index.get('plimsar-gauge')?.summary.includes('batches waiting'), 'the edited definition');
    latencies.push(ms);
    assert.match(await hoverText(doc, 'plimsar_gauge'), /batches waiting/);
    const snap = (await vscode.commands.executeCommand<{ glossary: { categories: Array<{ id: string; terms: Array<{ id: string; tooltip?: string }> }> } }>('mlLens.glossary.inspect'))!;
    const row = snap.glossary.categories.find((c) => c.id === 'workspace')?.terms.find((t) => t.id === 'plimsar-gauge');
    assert.ok(row, `the Glossary view has no Workspace category listing the entry: ${JSON.stringify(snap.glossary.categories.map((c) => c.id))}`);
    const body = await services.glossary.body('plimsar-gauge');
    assert.match(body!.summaryHtml, /batches waiting/);
  });

  it('reports a broken entry in the Problems panel on its line, and clears it when fixed', async () => {
    await vscode.workspace.fs.writeFile(file, entry('Still defined.', 'title: Plimsar gauge\ncategory: nopecat'));
    const { value } = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(file);
      return d.length > 0 && d;
    }, 'a diagnostic on the broken entry');
    assert.strictEqual(value.length, 1);
    assert.match(value[0].message, /unknown category "nopecat"/);
    assert.strictEqual(value[0].range.start.line, 2);
    assert.strictEqual(value[0].range.start.character, 0);
    assert.strictEqual(value[0].source, 'ML Lens glossary');
    assert.strictEqual(services.glossary.index.get('plimsar-gauge'), undefined, 'a broken entry is not loaded');
    await vscode.workspace.fs.writeFile(file, entry('Fixed again.'));
    await waitFor(() => vscode.languages.getDiagnostics(file).length === 0, 'the diagnostic to go');
    await waitFor(() => services.glossary.index.get('plimsar-gauge'), 'the fixed entry to load');
  });

  it('reports a clash with a built-in alias, and the built-in entry keeps it', async () => {
    await vscode.workspace.fs.writeFile(file, entry('Clashing.', 'title: Plimsar gauge\naliases: [learning rate]'));
    const { value } = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(file);
      return d.length > 0 && d;
    }, 'a diagnostic on the clash');
    assert.match(value[0].message, /alias "learning rate" is already claimed by "learning-rate" \(the built-in glossary\)/);
    assert.strictEqual(value[0].range.start.line, 2);
    assert.strictEqual(services.glossary.index.matcher.matchAt('learning rate', 2)?.term, 'learning-rate');
  });

  it('removes the entry when its file is deleted', async () => {
    await vscode.workspace.fs.writeFile(file, entry('Back to normal.'));
    await waitFor(() => services.glossary.index.get('plimsar-gauge')?.summary.startsWith('Back'), 'the entry');
    await vscode.workspace.fs.delete(file);
    const { ms } = await waitFor(() => !services.glossary.index.get('plimsar-gauge'), 'the entry to go');
    latencies.push(ms);
    assert.doesNotMatch(await hoverText(doc, 'plimsar_gauge'), /Plimsar/);
    assert.strictEqual(vscode.languages.getDiagnostics(file).length, 0);
  });

  it('removes every entry when the whole .mllens folder is deleted', async () => {
    await vscode.workspace.fs.writeFile(file, entry('Here once more.'));
    await waitFor(() => services.glossary.index.get('plimsar-gauge')?.summary.startsWith('Here'), 'the entry');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, '..'), { recursive: true, useTrash: false });
    const { ms } = await waitFor(() => !services.glossary.index.get('plimsar-gauge'), 'the entries to go with their folder');
    latencies.push(ms);
  });
});
