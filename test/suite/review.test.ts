// Extension-host tests of spaced review: met terms, due counts, the review page and how learned
// terms show in the Glossary view, through the real VS Code API and the extension's commands.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Services } from '../../src/vscode/services';
import { activateExtension, EXTENSION_ID } from './helpers';


interface ReviewSnapshot {
  waiting: { due: number; fresh: number; total: number };
  status: { visible: boolean; text: string };
  badge: number;
  met: Record<string, { t: number; k: string; u?: string; x?: string }>;
  cards: Record<string, { d: number; s: number; r: number; v?: 1 }>;
  panel: { open: boolean; ready: boolean; index: number; total: number; current?: { id: string; kind: string }; reviewed: number };
  learnedThresholdDays: number;
}

interface TermRow {
  id: string;
  description?: string;
  tooltip?: string;
}

const review = async (): Promise<ReviewSnapshot> => (await vscode.commands.executeCommand<ReviewSnapshot>('mlLens.review.inspect'))!;
const glossaryRow = async (id: string): Promise<TermRow | undefined> => {
  const snap = (await vscode.commands.executeCommand<{ glossary: { categories: Array<{ terms: TermRow[] }> } }>('mlLens.glossary.inspect'))!;
  return snap.glossary.categories.flatMap((c) => c.terms).find((t) => t.id === id);
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(fn: () => Promise<T | undefined | false>, message: string, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${message}`);
    await sleep(100);
  }
}

describe('Spaced review', function () {
  this.timeout(60000);
  let services: Services;

  before(async () => {
    services = await activateExtension();
  });

  after(async () => {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('mlLens.review'));
    await vscode.window.tabGroups.close(tabs);
  });

  it('a hover meets its term, with the file and the code line, and counts it as due', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'samples', 'train_finetune.py'));
    await vscode.window.showTextDocument(doc);
    const needle = 'grad_clip = 1.0';
    const offset = doc.getText().indexOf(needle);
    assert.ok(offset >= 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 2));
    assert.ok(hovers.length > 0, 'no hover over grad_clip');
    const id = services.glossary.index.lookup('grad_clip')?.id;
    assert.ok(id, 'grad_clip names a glossary term');
    const snap = await waitFor(async () => {
      const s = await review();
      return s.met[id]?.k === 'hover' && s;
    }, `${id} to be met by hovering`);
    assert.strictEqual(snap.met[id].x, needle);
    assert.ok(snap.met[id].u?.endsWith('/samples/train_finetune.py'), snap.met[id].u);
    assert.ok(snap.waiting.total >= 1, 'a met term is waiting for review');
    assert.strictEqual(snap.badge, snap.waiting.total, 'the Glossary view badge shows the count');
    assert.ok(snap.status.visible && snap.status.text.includes(`${snap.waiting.total} due`), snap.status.text);
    assert.strictEqual(snap.learnedThresholdDays, 21);
  });

  it('opening a term page meets the term too', async () => {
    const id = services.glossary.index.get('perplexity') ? 'perplexity' : services.glossary.index.terms[3].id;
    await vscode.commands.executeCommand('mlLens.glossary.openTerm', { id });
    await waitFor(async () => (await review()).met[id]?.k === 'open', `${id} to be met by opening its page`);
  });

  it('"Review Terms" opens a session over the waiting cards, due first, then the most recently met', async () => {
    const before = await review();
    const n = await vscode.commands.executeCommand<number>('mlLens.review.start');
    assert.strictEqual(n, Math.min(before.waiting.total, 40));
    // The page itself (loading, keys, grading) is driven in the review-session UI scenario.
    const snap = await review();
    assert.ok(snap.panel.open, 'the review panel is open');
    assert.strictEqual(snap.panel.total, n);
    const recent = Object.entries(before.met).filter(([id]) => !before.cards[id]).sort((a, b) => b[1].t - a[1].t)[0]?.[0];
    const due = Object.entries(before.cards).filter(([, c]) => c.d <= Date.now()).sort((a, b) => a[1].d - b[1].d)[0]?.[0];
    assert.strictEqual(snap.panel.current?.id, due ?? recent, 'the first card is the earliest due, else the most recently met term');
    assert.strictEqual(snap.panel.current?.kind, due ? snap.panel.current?.kind : 'recall', 'a new term starts with a recall card');
  });

  it('a term marked learned by hand says so in the Glossary view', async () => {
    const id = services.glossary.index.get('dropout') ? 'dropout' : services.glossary.index.terms[1].id;
    await vscode.commands.executeCommand('mlLens.glossary.markLearned', { id });
    try {
      const row = await glossaryRow(id);
      assert.ok(row?.description?.includes('learned (marked)'), row?.description);
      assert.ok(row?.tooltip?.includes('learned (marked)'), row?.tooltip);
    } finally {
      await vscode.commands.executeCommand('mlLens.glossary.markUnlearned', { id });
    }
    const row = await glossaryRow(id);
    assert.ok(!row?.description?.includes('learned ('), row?.description);
  });
});
