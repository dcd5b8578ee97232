import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { withHoverSetting } from './helpers';

const EXT_ID = 'ml-lens.ml-lens';
const root = (): string => vscode.extensions.getExtension(EXT_ID)!.extensionPath;

/** Hover texts at the first occurrence of `needle` in `doc` (middle of the word). */
async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not found in ${doc.uri.toString()}`);
  const pos = doc.positionAt(offset + Math.floor(needle.length / 2));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('ML Lens hovers (extension host)', function () {
  this.timeout(60_000);
  let py: vscode.TextDocument;

  before(async () => {
    await vscode.extensions.getExtension(EXT_ID)!.activate();
    py = await vscode.workspace.openTextDocument(path.join(root(), 'samples', 'train_finetune.py'));
    await vscode.window.showTextDocument(py);
  });

  it('explains learning_rate in a Python file, with command links', async () => {
    const text = await hoverText(py, 'learning_rate');
    assert.match(text, /\*\*Learning rate\*\*/);
    assert.match(text, /Open in glossary\]\(command:mlLens\.glossary\.openTerm\?/);
    assert.match(text, /Show related\]\(command:mlLens\.glossary\.showRelated\?/);
  });

  it('explains AdamW, dropout and a pretrained model', async () => {
    assert.match(await hoverText(py, 'AdamW'), /\*\*AdamW\*\*/);
    assert.match(await hoverText(py, 'nn.Dropout'), /\*\*Dropout\*\*/);
    assert.match(await hoverText(py, 'pretrained_model'), /\*\*Pre-training\*\*/);
  });

  it('shows nothing on plain code', async () => {
    assert.strictEqual(await hoverText(py, 'import math'), '');
  });

  it('works in Markdown and untitled documents', async () => {
    const md = await vscode.workspace.openTextDocument(path.join(root(), 'samples', 'notes.md'));
    assert.match(await hoverText(md, 'masked language modeling'), /\*\*Masked language modeling\*\*/);
    const untitled = await vscode.workspace.openTextDocument({ language: 'python', content: 'opt = torch.optim.AdamW(params, lr=1e-3)\n' });
    assert.match(await hoverText(untitled, 'lr='), /\*\*Learning rate\*\*/);
  });

  it('works in a Jupyter notebook code cell and Markdown cell', async () => {
    const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.file(path.join(root(), 'samples', 'pretrain_finetune.ipynb')));
    const code = nb.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code && c.document.getText().includes('learning_rate'))!;
    assert.strictEqual(code.document.uri.scheme, 'vscode-notebook-cell');
    assert.match(await hoverText(code.document, 'learning_rate'), /\*\*Learning rate\*\*/);
    const markup = nb.getCells().find((c) => c.kind === vscode.NotebookCellKind.Markup && c.document.getText().includes('masked language modeling'))!;
    assert.match(await hoverText(markup.document, 'masked language modeling'), /\*\*Masked language modeling\*\*/);
  });

  it('takes the sense of an everyday word from its context, and says why', async () => {
    const withImports = await vscode.workspace.openTextDocument({
      language: 'python',
      content: 'import torch.nn as nn\nfc = nn.Linear(4, 8, bias=False)\nbn = nn.BatchNorm2d(64, momentum=0.1)\nval_loss = 0.5\n',
    });
    const bias = await hoverText(withImports, 'bias');
    assert.match(bias, /\*\*Bias term\*\*/);
    assert.match(bias, /`bias=` in `nn\.Linear` → bias term/);
    assert.match(await hoverText(withImports, 'momentum'), /\*\*Batch normalization\*\*/);
    assert.match(await hoverText(withImports, 'val_loss'), /\*\*Loss function\*\*[\s\S]*in code that imports PyTorch/);
    const plain = await vscode.workspace.openTextDocument({ language: 'python', content: 'bias = 3\nloss = 4\n' });
    assert.strictEqual(await hoverText(plain, 'bias'), '');
    assert.strictEqual(await hoverText(plain, 'loss'), '');
  });

  it('reads the imports of every cell in a notebook', async () => {
    const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.file(path.join(root(), 'test', 'fixtures', 'context', 'finetune_classifier.ipynb')));
    const cell = nb.getCells().find((c) => c.document.getText().startsWith('batch = tokenizer'))!;
    const labels = await hoverText(cell.document, 'labels');
    assert.match(labels, /\*\*Label\*\*[\s\S]*in code that imports PyTorch and Transformers/);
    assert.match(await hoverText(cell.document, 'padding'), /\*\*Sequence padding\*\*/);
  });

  it('respects mlLens.hover.enabled', async () => {
    await withHoverSetting('enabled', false, async () => assert.strictEqual(await hoverText(py, 'learning_rate'), ''));
    assert.match(await hoverText(py, 'learning_rate'), /Learning rate/);
  });

  it('respects mlLens.hover.ignore', async () => {
    await withHoverSetting('ignore', ['learning rate'], async () => assert.strictEqual(await hoverText(py, 'learning_rate'), ''));
  });

  it('respects mlLens.hover.languages', async () => {
    await withHoverSetting('languages', ['markdown'], async () => {
      await new Promise((r) => setTimeout(r, 200));
      assert.strictEqual(await hoverText(py, 'learning_rate'), '');
    });
    await new Promise((r) => setTimeout(r, 200));
    assert.match(await hoverText(py, 'learning_rate'), /Learning rate/);
  });

  it('never stalls on a 1 MB line', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'x'.repeat(1_000_000) + ' learning_rate = 1' });
    assert.match(await hoverText(doc, 'learning_rate'), /Learning rate/);
    assert.strictEqual(await hoverText(doc, 'xxxxx'), '');
  });
});
