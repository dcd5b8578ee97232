import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Services } from '../../src/vscode/services';

const EXTENSION_ID = 'ml-lens.ml-lens';

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
