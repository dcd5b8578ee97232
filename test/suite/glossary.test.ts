// Extension-host tests of the glossary UI: the Glossary and "Terms in this File" views, search,
// term pages and learning progress, through the real VS Code API and the extension's commands.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Services } from '../../src/vscode/services';
import { activateExtension } from './helpers';


interface TermRow {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  contextValue?: string;
  command?: { command: string; arguments?: unknown[] };
}

interface Snapshot {
  glossary: {
    visible: boolean;
    description?: string;
    message?: string;
    unlearnedOnly: boolean;
    levels?: string[];
    related?: string;
    selection: string[];
    categories: Array<{ id: string; label: string; description?: string; terms: TermRow[] }>;
  };
  fileTerms: { state: string; document?: string; entries: Array<{ id: string; label: string; description?: string; count: number }> };
  termPage: { open: boolean; id?: string; ready: boolean; visible: boolean; history: string[]; index: number };
  progress: { learned: string[]; seen: string[] };
}

const inspect = async (): Promise<Snapshot> => (await vscode.commands.executeCommand<Snapshot>('mlLens.glossary.inspect'))!;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns something truthy. */
async function waitFor<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, message: string, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${message}${last instanceof Error ? ` (${last.message})` : ''}`);
    await sleep(100);
  }
}

/** Tabs showing a term page. */
function termPageTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('mlLens.termPage'));
}

/**
 * Waits until the term page shows `id` and its webview has loaded. On a slow machine code-server
 * can be slow to load a new webview while it swaps service workers; asking for the page once more
 * (as a user would) reveals it again, and a page that never loads still fails after 30 s.
 */
async function waitForPage(id: string): Promise<Snapshot['termPage']> {
  const started = Date.now();
  let nudged = false;
  return waitFor(async () => {
    const p = (await inspect()).termPage;
    if (p.open && p.id === id && p.ready) return p;
    if (!nudged && Date.now() - started > 12000) {
      nudged = true;
      await vscode.commands.executeCommand('mlLens.glossary.openTerm', { id });
    }
    return undefined;
  }, `the term page to show ${id}`, 30000);
}

function category(snap: Snapshot, termId: string): Snapshot['glossary']['categories'][number] {
  const c = snap.glossary.categories.find((cat) => cat.terms.some((t) => t.id === termId));
  assert.ok(c, `no category lists ${termId}`);
  return c;
}

function learnedCount(description: string | undefined): number {
  const m = /(\d+)\/(\d+) learned$/.exec(description ?? '');
  assert.ok(m, `no "n/N learned" in ${JSON.stringify(description)}`);
  return Number(m[1]);
}

async function openScratch(content: string, language = 'python'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(doc, { preview: false });
}

async function closeScratch(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('Glossary UI', function () {
  this.timeout(60000);
  let services: Services;

  before(async () => {
    services = await activateExtension();
    assert.ok(services.glossary.index.terms.length > 0, 'the glossary is empty: build it first');
    // Start from a clean slate: no filters, nothing learned.
    await vscode.commands.executeCommand('mlLens.glossary.showAll');
    await vscode.commands.executeCommand('mlLens.glossary.clearFilter');
    for (const id of (await inspect()).progress.learned) await vscode.commands.executeCommand('mlLens.glossary.markUnlearned', { id });
    await vscode.commands.executeCommand('mlLens.glossary.focus');
  });

  after(async () => {
    await vscode.window.tabGroups.close(termPageTabs());
    for (const id of (await inspect()).progress.learned) await vscode.commands.executeCommand('mlLens.glossary.markUnlearned', { id });
  });

  it('the Glossary view lists categories in order, with progress, and their terms sorted by title', async () => {
    const snap = await inspect();
    const index = services.glossary.index;
    const cats = snap.glossary.categories;
    assert.ok(cats.length > 0, 'no categories');
    const known = index.categories.map((c) => c.title);
    const shown = cats.map((c) => c.label).filter((l) => known.includes(l));
    assert.deepStrictEqual(shown, known.filter((t) => shown.includes(t)), 'categories are not in the index order');
    let terms = 0;
    for (const c of cats) {
      assert.match(c.description ?? '', /^0\/\d+ learned$/, `category ${c.label}`);
      assert.ok(c.terms.length > 0, `category ${c.label} has no terms`);
      const titles = c.terms.map((t) => t.label);
      assert.deepStrictEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })), `${c.label} is not sorted`);
      for (const t of c.terms) {
        const entry = index.get(t.id);
        assert.ok(entry, `unknown term ${t.id}`);
        assert.strictEqual(t.label, entry.title);
        assert.ok(t.description && t.description.length > 0, `${t.id} has no description`);
        assert.ok(t.tooltip?.includes(entry.summary.slice(0, 20)), `${t.id}'s tooltip lacks its definition`);
        assert.strictEqual(t.icon, 'circle-large-outline');
        assert.deepStrictEqual(t.command, { command: 'mlLens.glossary.openTerm', arguments: [{ id: t.id }] });
      }
      terms += c.terms.length;
    }
    assert.strictEqual(terms, index.terms.length, 'every term is listed once');
    assert.match(snap.glossary.description ?? '', /^0\/\d+ learned$/);
  });

  it('the hover link "Open in glossary" opens the term page', async () => {
    const editor = await openScratch('model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(p=0.1))\n');
    try {
      const col = editor.document.getText().indexOf('Dropout') + 3;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, col));
      const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      const link = /\[\$\(book\) Open in glossary\]\(command:(mlLens\.glossary\.openTerm)\?([^\s)]+)/.exec(text);
      assert.ok(link, `no "Open in glossary" link in the hover: ${text}`);
      assert.match(text, new RegExp(`\\*\\*Dropout\\*\\* · \\*[^*]+\\* · ${services.glossary.index.get('dropout')!.level}\\n`), 'the hover does not show the entry\'s level');
      const args = JSON.parse(decodeURIComponent(link[2])) as unknown[];
      const id = (args[0] as { id: string }).id;
      await vscode.commands.executeCommand(link[1], ...args);
      await waitForPage(id);
      const tab = termPageTabs()[0];
      assert.ok(tab, 'no term page tab');
      assert.strictEqual(tab.label, services.glossary.index.get(id)!.title);
      assert.ok((await inspect()).progress.seen.includes(id), 'opening the page did not mark the term as seen');
    } finally {
      await closeScratch(editor);
    }
  });

  it('clicking a term in the Glossary view opens its page, in the same panel', async () => {
    const snap = await inspect();
    const row = snap.glossary.categories[0].terms[0];
    await vscode.commands.executeCommand(row.command!.command, ...(row.command!.arguments ?? []));
    const page = await waitForPage(row.id);
    assert.strictEqual(termPageTabs().length, 1, 'a second term page was opened instead of reusing the first');
    assert.ok(page.history.includes(row.id));
  });

  it('ML Lens: Search Glossary picks a term, opens its page and reveals it in the tree', async () => {
    const target = services.glossary.index.get('relu') ?? services.glossary.index.terms[0];
    const picked = vscode.commands.executeCommand<string | undefined>('mlLens.glossary.search', { query: target.title });
    let result: string | undefined | null = null;
    void picked.then((r) => (result = r));
    // Accept the first row once the Quick Pick is showing.
    await waitFor(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await sleep(150);
      return result !== null;
    }, 'the Quick Pick to accept');
    assert.strictEqual(result, target.id);
    await waitForPage(target.id);
    const snap = await waitFor(async () => {
      const s = await inspect();
      return s.glossary.selection.includes(target.id) && s;
    }, `${target.id} to be selected in the Glossary view`);
    assert.ok(snap.glossary.visible, 'the Glossary view is not visible');
  });

  it('"Mark as learned" (here for the open page\'s term) updates the category count and the row', async () => {
    const id = services.glossary.index.get('dropout') ? 'dropout' : services.glossary.index.terms[1].id;
    await vscode.commands.executeCommand('mlLens.glossary.openTerm', { id });
    await waitForPage(id);
    const before = await inspect();
    const n = learnedCount(category(before, id).description);
    const total = learnedCount(before.glossary.description);

    // Without an argument, the command applies to the open page's term (as from the palette).
    assert.strictEqual(await vscode.commands.executeCommand('mlLens.glossary.markLearned'), true);
    const after = await inspect();
    assert.strictEqual(learnedCount(category(after, id).description), n + 1);
    assert.strictEqual(learnedCount(after.glossary.description), total + 1);
    const row = category(after, id).terms.find((t) => t.id === id)!;
    assert.strictEqual(row.icon, 'pass-filled');
    assert.strictEqual(row.contextValue?.startsWith('term.learned'), true);
    assert.ok(after.progress.learned.includes(id));

    await vscode.commands.executeCommand('mlLens.glossary.markUnlearned', { id });
    assert.strictEqual(learnedCount(category(await inspect(), id).description), n);
  });

  it('"Show only unlearned" hides learned terms but keeps the counts', async () => {
    const id = (await inspect()).glossary.categories[0].terms[0].id;
    await vscode.commands.executeCommand('mlLens.glossary.markLearned', { id });
    try {
      await vscode.commands.executeCommand('mlLens.glossary.showUnlearned');
      const snap = await inspect();
      assert.strictEqual(snap.glossary.unlearnedOnly, true);
      assert.ok(!snap.glossary.categories.some((c) => c.terms.some((t) => t.id === id)), `${id} is still listed`);
      assert.ok(snap.glossary.categories.some((c) => /^1\/\d+ learned$/.test(c.description ?? '')));
    } finally {
      await vscode.commands.executeCommand('mlLens.glossary.showAll');
      await vscode.commands.executeCommand('mlLens.glossary.markUnlearned', { id });
    }
    assert.ok((await inspect()).glossary.categories.some((c) => c.terms.some((t) => t.id === id)));
  });

  it('"Filter Glossary by Level" shows only terms at the chosen levels, and the rows say their level', async () => {
    const index = services.glossary.index;
    const advanced = index.terms.filter((t) => t.level === 'advanced').length;
    assert.ok(advanced > 0 && advanced < index.terms.length, 'the glossary has no advanced entries');
    try {
      assert.deepStrictEqual(await vscode.commands.executeCommand('mlLens.glossary.filterLevel', { levels: ['advanced'] }), ['advanced']);
      const snap = await inspect();
      assert.deepStrictEqual(snap.glossary.levels, ['advanced']);
      const rows = snap.glossary.categories.flatMap((c) => c.terms);
      assert.strictEqual(rows.length, advanced);
      for (const r of rows) {
        assert.strictEqual(index.get(r.id)!.level, 'advanced', r.id);
        assert.match(r.description ?? '', /^advanced · /, r.id);
      }
      assert.match(snap.glossary.message ?? '', new RegExp(`Showing the ${advanced} terms at level advanced`));
    } finally {
      await vscode.commands.executeCommand('mlLens.glossary.filterLevel', { levels: [] });
    }
    const all = await inspect();
    assert.strictEqual(all.glossary.levels, undefined);
    assert.strictEqual(all.glossary.categories.reduce((n, c) => n + c.terms.length, 0), index.terms.length);
  });

  it('"Show related" (the hover\'s second link) narrows the tree to the term and its related terms', async () => {
    const term = services.glossary.index.terms.find((t) => t.related.some((r) => services.glossary.index.get(r.id)))!;
    assert.strictEqual(await vscode.commands.executeCommand('mlLens.glossary.showRelated', { id: term.id }), true);
    const snap = await inspect();
    assert.strictEqual(snap.glossary.related, term.id);
    const listed = snap.glossary.categories.flatMap((c) => c.terms.map((t) => t.id));
    assert.ok(listed.includes(term.id));
    for (const r of term.related) if (services.glossary.index.get(r.id)) assert.ok(listed.includes(r.id), `related ${r.id} is missing`);
    assert.ok(listed.length < services.glossary.index.terms.length, 'the tree is not filtered');
    assert.ok(snap.glossary.selection.includes(term.id), 'the term is not selected');
    await vscode.commands.executeCommand('mlLens.glossary.clearFilter');
    assert.strictEqual((await inspect()).glossary.related, undefined);
  });

  it('"Terms in this File" lists the active editor\'s terms with counts and steps through occurrences', async () => {
    const lr = services.glossary.index.get('learning-rate');
    assert.ok(lr, 'the glossary has no learning-rate entry');
    // The view scans only while it is visible.
    await vscode.commands.executeCommand('mlLens.fileTerms.focus');
    const editor = await openScratch('learning_rate = 0.1\nprint(learning_rate)\n# a comment with no terms\nlearning_rate *= 0.5\n');
    try {
      const uri = editor.document.uri.toString();
      const snap = await waitFor(async () => {
        const s = await inspect();
        return s.fileTerms.document === uri && s.fileTerms.entries.some((e) => e.id === 'learning-rate') && s;
      }, 'the view to follow the editor');
      assert.strictEqual(snap.fileTerms.state, 'found');
      const entry = snap.fileTerms.entries.find((e) => e.id === 'learning-rate')!;
      assert.strictEqual(entry.count, 3);
      assert.match(entry.description ?? '', /^×3/);

      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const lines: number[] = [];
      for (let i = 0; i < 4; i++) {
        assert.strictEqual(await vscode.commands.executeCommand('mlLens.fileTerms.nextOccurrence', { id: 'learning-rate' }), true);
        lines.push(vscode.window.activeTextEditor!.selection.start.line);
      }
      assert.deepStrictEqual(lines, [1, 3, 0, 1]);

      // Edits are picked up (debounced).
      await editor.edit((b) => b.insert(new vscode.Position(4, 0), 'dropout = 0.1\n'));
      await waitFor(async () => (await inspect()).fileTerms.entries.some((e) => e.id === 'dropout'), 'the edit to be rescanned');
    } finally {
      await closeScratch(editor);
    }
  });

  it('the term page navigates related terms in place, with back and forward', async () => {
    const term = services.glossary.index.terms.find((t) => t.related.some((r) => services.glossary.index.get(r.id)))!;
    const rel = term.related.find((r) => services.glossary.index.get(r.id))!;
    await vscode.commands.executeCommand('mlLens.glossary.openTerm', { id: term.id });
    await waitForPage(term.id);
    await vscode.commands.executeCommand('mlLens.glossary.openTerm', { id: rel.id });
    const page = await waitForPage(rel.id);
    assert.strictEqual(page.history[page.index - 1], term.id);
    assert.strictEqual(termPageTabs().length, 1);
    const title = services.glossary.index.get(rel.id)!.title;
    await waitFor(() => termPageTabs()[0]?.label === title, `the tab to be titled ${title}`, 5000);
  });
});
