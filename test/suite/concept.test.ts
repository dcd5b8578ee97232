import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Services } from '../../src/vscode/services';
import { activateExtension, EXTENSION_ID } from './helpers';


interface ConceptSnapshot {
  id?: string;
  pinned: boolean;
  visible: boolean;
  tracking: boolean;
}

const concept = async (): Promise<ConceptSnapshot> => (await vscode.commands.executeCommand('mlLens.concept.inspect')) as ConceptSnapshot;

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 10000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Concept view', function () {
  this.timeout(60000);

  before(async () => {
    const ext = vscode.extensions.getExtension<Services>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    await ext.activate();
  });

  it('watches the cursor only while it is visible, and follows it to the term under it', async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import torch\nx = 1\nopt = torch.optim.AdamW(params, lr=3e-4)\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const hidden = await concept();
    assert.strictEqual(hidden.tracking, false, 'the hidden view tracks the cursor');

    await vscode.commands.executeCommand('mlLens.concept.focus');
    await until('the view to become visible and track the cursor', async () => (await concept()).tracking);
    await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(2, 20, 2, 20);
    const shown = await until('the view to show AdamW', async () => ((await concept()).id === 'adamw' ? concept() : undefined));
    assert.strictEqual(shown.pinned, false);

    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await until('the view to stop tracking once hidden', async () => !(await concept()).tracking);
    editor.selection = new vscode.Selection(0, 8, 0, 8);
    await new Promise((r) => setTimeout(r, 600));
    assert.strictEqual((await concept()).id, 'adamw', 'the hidden view followed the cursor');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

interface HighlightSnapshot {
  mode: 'off' | 'unlearned' | 'all';
  status?: string;
  ranges: Record<string, number>;
}

const highlights = async (): Promise<HighlightSnapshot> => (await vscode.commands.executeCommand('mlLens.highlight.inspect')) as HighlightSnapshot;

describe('Term highlights', function () {
  this.timeout(60000);
  let services: Services;

  before(async () => {
    services = await activateExtension();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('mlLens').update('highlight', undefined, vscode.ConfigurationTarget.Global);
    await services.progress.setLearned('dropout', false);
  });

  it('draws one range per occurrence, drops a term once learned, follows edits and counts new terms', async () => {
    await services.progress.setLearned('dropout', false);
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import torch\nx = dropout(y)\nlr = 0.1\nz = dropout(x)\n' });
    await vscode.window.showTextDocument(doc);
    const key = doc.uri.toString();
    const scan = await services.scans.get(doc);
    assert.ok(scan, 'no scan of the document');
    const occurrences = [...scan.occurrences()];
    const dropouts = occurrences.filter((o) => o.term === 'dropout').length;
    assert.strictEqual(dropouts, 2);
    const terms = new Set(occurrences.map((o) => o.term)).size;

    await vscode.workspace.getConfiguration('mlLens').update('highlight', 'unlearned', vscode.ConfigurationTarget.Global);
    await until('every occurrence highlighted', async () => (await highlights()).ranges[key] === occurrences.length);
    assert.match((await highlights()).status ?? '', new RegExp(`ML: ${terms} new`));

    await services.progress.setLearned('dropout', true);
    await until('dropout to lose its highlights', async () => (await highlights()).ranges[key] === occurrences.length - dropouts);
    await until('the count to drop by one', async () => new RegExp(`ML: ${terms - 1} new`).test((await highlights()).status ?? ''));

    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'warmup_steps = 10\n'));
    const after = await services.scans.get(doc);
    assert.ok(after && after.lines.length === scan.lines.length + 1, 'the scan did not follow the edit');
    const grown = [...after.occurrences()].filter((o) => o.term !== 'dropout').length;
    assert.ok(grown > occurrences.length - dropouts, `the new line's term is not in the scan: ${JSON.stringify([...after.occurrences()])}`);
    await until('the highlights to follow the edit', async () => (await highlights()).ranges[key] === grown);

    await vscode.workspace.getConfiguration('mlLens').update('highlight', 'off', vscode.ConfigurationTarget.Global);
    await until('no highlights when off', async () => (await highlights()).ranges[key] === undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
