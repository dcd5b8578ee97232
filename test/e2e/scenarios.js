'use strict';
// UI scenarios, run in this order by `node test/e2e/run.js e2e` against code-server with the
// .vsix installed and samples/ open. Each is { name, title, run(ctx, h) } plus optional
// prepare(ctx) (before the server starts: settings, skip reasons) and skip(ctx) (a reason to skip).
// ctx: { page, server, session, workspace, runDir, vsix, extensionRoot, settings, skipReasons }; h: lib/harness.
// prepare(ctx, h) and skip(ctx, h) get the same arguments (without page, server and session).
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const FIXTURES = path.join(__dirname, 'fixtures');
const HOSTILE_GLOSSARY = path.join(FIXTURES, 'hostile-glossary');
const HOSTILE_WORKSPACE = path.join(FIXTURES, 'hostile-workspace');
const TEAM_WORKSPACE = path.join(FIXTURES, 'team-workspace');
const EXTRA_FOLDER_SETTING = 'mlLens.glossary.extraFolder';
const HOVER_LINKS = ['Open in glossary', 'Show related'];
const HOSTILE_LINK_TEXT = /javascript link|data link|command link/;

/** The term page (a webview) showing `title` in a heading. */
function termPage(page, h, title) {
  return h.webviewFrame(page, 'h1', { hasText: title });
}

/** Asserts that the term page shows the entry's title and the start of its definition. */
async function assertTermPage(page, h, entry) {
  const frame = await termPage(page, h, entry.title);
  const text = await frame.locator('body').innerText();
  assert.ok(text.includes(h.plainStart(entry.summary, 4)), `the term page for ${entry.id} lacks its definition; it shows: ${text.slice(0, 300)}`);
  return frame;
}

function assertHoverShows(text, entry, h) {
  assert.ok(text.includes(entry.title), `hover lacks the title "${entry.title}": ${text}`);
  assert.ok(text.includes(h.plainStart(entry.summary)), `hover lacks the definition "${h.plainStart(entry.summary)}…": ${text}`);
  for (const link of HOVER_LINKS) assert.ok(text.includes(link), `hover lacks the link "${link}": ${text}`);
}

/** Category titles as the extension defines them (src/core/categories.ts). */
function categoryTitles(h) {
  const src = fs.readFileSync(path.join(h.ROOT, 'src', 'core', 'categories.ts'), 'utf8');
  return [...src.matchAll(/title:\s*'([^']+)'/g)].map((m) => m[1]);
}

module.exports = [
  {
    name: 'hover-python',
    title: 'hover learning_rate in samples/train_finetune.py',
    async run({ page }, h) {
      const entry = h.glossaryEntry('learning-rate');
      await h.openFile(page, 'train_finetune.py');
      const text = await h.hover(page, 'learning_rate', { line: 'learning_rate =', expect: [entry.title, ...HOVER_LINKS] });
      assertHoverShows(text, entry, h);
    },
  },
  {
    name: 'hover-context',
    title: 'an everyday word takes its ML sense from the file: num_labels in samples/train_finetune.py',
    async run({ page }, h) {
      const entry = h.glossaryEntry('label');
      await h.openFile(page, 'train_finetune.py');
      const text = await h.hover(page, 'num_labels', { line: 'def __init__', expect: [entry.title, 'in code that imports'] });
      assertHoverShows(text, entry, h);
      assert.ok(/labels\s*in\s*num_labels\s*→ label, in code that imports PyTorch/.test(text), `the hover does not say why "labels" means a label here: ${text}`);
    },
  },
  {
    name: 'hover-notebook',
    title: 'hover terms in a notebook code cell and in a Markdown cell being edited',
    async run({ page }, h) {
      const lr = h.glossaryEntry('learning-rate');
      await h.openFile(page, 'pretrain_finetune.ipynb');
      // A notebook may still be laying out its cells: a retry finds the word again.
      const code = await h.hover(page, 'learning_rate', { scope: '.notebook-editor .code-cell-row', expect: [lr.title, ...HOVER_LINKS], retries: 1 });
      assertHoverShows(code, lr, h);

      const overfitting = h.glossaryEntry('overfitting');
      await h.editMarkdownCell(page, 'overfitting');
      // No retry here: a retry presses Escape, which would take the cell out of edit mode.
      const md = await h.hover(page, 'overfitting', { scope: '.notebook-editor .markdown-cell-row', expect: [overfitting.title, ...HOVER_LINKS] });
      assertHoverShows(md, overfitting, h);
    },
  },
  {
    name: 'glossary-view',
    title: 'the ML Lens activity bar shows categories and terms in the Glossary view',
    async run({ page }, h) {
      await h.openViewContainer(page, 'ML Lens');
      const categories = categoryTitles(h);
      let rows = await h.treeRows(page, 'Glossary');
      const top = rows.filter((r) => r.level === 1).map((r) => r.label);
      assert.ok(top.some((t) => categories.includes(t)), `no category among the top-level rows: ${JSON.stringify(top)}`);
      if (!rows.some((r) => r.level === 2)) {
        await h.viewPane(page, 'Glossary').locator('.monaco-list-row[aria-level="1"]').first().click();
        rows = await h.waitFor(async () => {
          const now = await h.treeRows(page, 'Glossary');
          return now.some((r) => r.level === 2) && now;
        }, { message: 'terms under the first category' });
      }
      const terms = rows.filter((r) => r.level === 2).map((r) => r.label);
      h.log(`  Glossary view: ${top.length} categories; first terms: ${terms.slice(0, 4).join(', ')}`);
      await h.viewPane(page, 'Terms in this File').waitFor({ state: 'visible', timeout: 5000 })
        .catch(() => { throw new Error('the "Terms in this File" view is missing'); });
    },
  },
  {
    name: 'search-command',
    title: 'ML Lens: Search Glossary, pick a term, its page opens',
    async run({ page }, h) {
      const entry = h.glossaryEntry('relu');
      await h.runCommand(page, 'ML Lens: Search Glossary');
      await h.pickQuickItem(page, entry.title);
      await assertTermPage(page, h, entry);
    },
  },
  {
    name: 'term-page-math',
    title: 'a term page shows formulas typeset by KaTeX (its fonts, its layout) and coloured code, with nothing blocked by the CSP',
    async run({ page, session }, h) {
      const entry = h.glossaryEntry('jacobian');
      const consoleStart = session.console.length;
      await h.runCommand(page, 'ML Lens: Search Glossary');
      await h.pickQuickItem(page, entry.title);
      const frame = await assertTermPage(page, h, entry);
      await frame.waitForSelector('.math-display .katex', { timeout: 10000 });
      const facts = await frame.evaluate(async () => {
        await document.fonts.ready;
        const display = document.querySelector('.math-display');
        const matrix = display.querySelector('.mtable');
        const strut = document.querySelector('.katex .katex-strut, .katex .strut');
        const keyword = document.querySelector('pre code .hljs-keyword, pre code .hljs-built_in');
        const codeColour = keyword && getComputedStyle(keyword.closest('code')).color;
        return {
          formulas: document.querySelectorAll('.math .katex').length,
          errors: document.querySelectorAll('.math-error').length,
          matrix: !!matrix,
          fractions: display.querySelectorAll('.mfrac').length,
          label: display.getAttribute('aria-label') || '',
          fontLoaded: document.fonts.check('16px KaTeX_Main') && [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded'),
          mathFont: getComputedStyle(document.querySelector('.katex')).fontFamily,
          strutHeight: strut ? strut.style.height : '',
          displayHeight: display.getBoundingClientRect().height,
          keyword: keyword ? keyword.textContent : '',
          keywordColoured: !!keyword && getComputedStyle(keyword).color !== codeColour,
          level: (document.querySelector('.level') || {}).textContent || '',
        };
      });
      h.log(`  ${JSON.stringify(facts)}`);
      assert.ok(facts.formulas >= 3, `expected typeset formulas, found ${facts.formulas}`);
      assert.strictEqual(facts.errors, 0, 'a formula failed to typeset');
      assert.ok(facts.matrix && facts.fractions >= 4, `the Jacobian's matrix of fractions is not typeset: ${JSON.stringify(facts)}`);
      assert.match(facts.label, /\\begin\{bmatrix\}/, 'the display formula lacks its TeX source as its accessible label');
      assert.match(facts.mathFont, /KaTeX_Main/);
      assert.ok(facts.fontLoaded, 'KaTeX fonts did not load (blocked by the CSP or missing from the package?)');
      assert.ok(/em$/.test(facts.strutHeight), `KaTeX layout was not applied (strut height "${facts.strutHeight}")`);
      assert.ok(facts.displayHeight > 40, `the matrix is flattened (${facts.displayHeight}px high)`);
      assert.ok(facts.keyword && facts.keywordColoured, `code is not coloured: ${JSON.stringify(facts)}`);
      assert.ok(entry.level, 'the entry has a level');
      assert.strictEqual(facts.level.toLowerCase(), entry.level, 'the page shows the entry\'s level');
      const blocked = session.console.slice(consoleStart).filter((l) => /Content.Security.Policy|Refused to (load|apply)/i.test(l));
      assert.ok(blocked.length === 0, `the CSP blocked something on the term page:\n${blocked.join('\n')}`);
      await frame.locator('.math-display').first().scrollIntoViewIfNeeded();
      await h.screenshot(page, 'term-page-math');
    },
  },
  {
    name: 'hover-open-in-glossary',
    title: 'the hover link "Open in glossary" opens the term page',
    async run({ page }, h) {
      const entry = h.glossaryEntry('learning-rate');
      await h.openFile(page, 'train_finetune.py');
      await h.hover(page, 'learning_rate', { line: 'learning_rate =', expect: [entry.title, 'Open in glossary'] });
      await h.clickHoverLink(page, 'Open in glossary');
      await assertTermPage(page, h, entry);
    },
  },
  {
    name: 'pretraining-lab',
    title: 'ML Lens: Open Pre-training Lab, Run all, read the comparison table',
    async run({ page }, h) {
      await h.runCommand(page, 'ML Lens: Open Pre-training Lab');
      const frame = await h.webviewFrame(page, '#lab-run-all', { timeoutMs: 30000 });
      await frame.click('#lab-run-all');
      h.step('waiting for the lab to finish (data-state="done")');
      await frame.waitForSelector('[data-state="done"]', { timeout: 180000 });
      const table = await frame.locator('#lab-summary').evaluate((t) => [...t.querySelectorAll('tr')]
        .map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.innerText.trim())));
      assert.ok(table.length >= 2, `#lab-summary has no data rows: ${JSON.stringify(table)}`);
      for (const row of table) h.log(`  | ${row.join(' | ')} |`);
      await frame.locator('#lab-summary').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'restricted-mode',
    title: 'in an untrusted folder (Restricted Mode) hovers and the folder\'s own .mllens/glossary work; a glossary folder named by its settings, and overrides of built-in entries, apply only after trusting it',
    async run({ page, runDir, vsix }, h) {
      const folder = path.join(runDir, 'untrusted-repo');
      fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(folder, 'train.py'), 'import torch\n\nlearning_rate = 3e-4\nzqxprobe = 1\nzqxlocal = 2\n');
      const own = path.join(folder, '.mllens', 'glossary');
      fs.mkdirSync(own, { recursive: true });
      fs.writeFileSync(path.join(own, 'zqx-local.md'), '---\ntitle: Zqx local\n---\nA Zqx local is a term this repository defines for itself.\n');
      fs.writeFileSync(path.join(own, 'our-lr.md'), '---\ntitle: Our learning rate\noverrides: learning-rate\naliases: [learning rate]\n---\nThe repository\'s own idea of the step size.\n');
      fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ [EXTRA_FOLDER_SETTING]: HOSTILE_GLOSSARY }, null, 2));
      const entry = h.glossaryEntry('zqx-probe', HOSTILE_GLOSSARY);
      const lr = h.glossaryEntry('learning-rate');
      const server = await h.startCodeServer({ runDir: h.makeRunDir('restricted'), folder, vsix, trust: true });
      try {
        await h.openWorkbench(page, server, folder);
        await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 15000 })
          .catch(() => { throw new Error('the folder did not open in Restricted Mode'); });
        await h.openFile(page, 'train.py');
        const text = await h.hover(page, 'learning_rate', { expect: [lr.title, 'Open in glossary'], retries: 2 });
        assert.ok(text.includes(h.plainStart(lr.summary)), `the hover lacks the definition in Restricted Mode: ${text}`);
        assert.ok(!text.includes('Our learning rate'), `an untrusted workspace replaced a built-in entry: ${text}`);
        await h.dismiss(page);
        const local = await h.hover(page, 'zqxlocal', { expect: ['Zqx local'], retries: 1 });
        assert.ok(local.includes('defines for itself'), `the folder's own glossary entry lacks its definition in Restricted Mode: ${local}`);
        await h.dismiss(page);
        const before = await h.hover(page, 'zqxprobe', { timeoutMs: 2500, retries: 0 }).catch(() => '');
        assert.ok(!before.includes(entry.title), `the untrusted workspace's glossary folder was read: ${before}`);

        h.step('trusting the folder through the Workspace Trust editor');
        await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().click();
        const trustButton = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust/ }).first();
        await trustButton.waitFor({ state: 'visible', timeout: 15000 });
        await trustButton.click();
        await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached', timeout: 15000 })
          .catch(() => { throw new Error('the folder is still in Restricted Mode after trusting it'); });
        await h.closeAllEditors(page);
        await h.openFile(page, 'train.py');
        const after = await h.hover(page, 'zqxprobe', { expect: [entry.title], retries: 2 });
        assert.ok(after.includes('test entry'), `after trusting, the workspace's entry does not show: ${after}`);
        await h.dismiss(page);
        const overridden = await h.hover(page, 'learning_rate', { expect: ['Our learning rate'], retries: 1 });
        assert.ok(overridden.includes('own idea of the step size'), `after trusting, the override does not show: ${overridden}`);
      } finally {
        await server.stop();
      }
    },
  },
  {
    name: 'workspace-glossary',
    title: 'a workspace\'s .mllens/glossary: its term hovers, a saved edit shows in the next hover, a broken entry shows in the Problems panel until fixed',
    async run({ page, server, runDir }, h) {
      const folder = path.join(runDir, 'team-workspace');
      fs.cpSync(TEAM_WORKSPACE, folder, { recursive: true });
      const entryFile = path.join(folder, '.mllens', 'glossary', 'zqx-widget.md');
      const entry = h.glossaryEntry('zqx-widget', path.dirname(entryFile));
      await h.openWorkbench(page, server, folder);
      await h.openFile(page, 'train.py');
      const first = await h.hover(page, 'zqx_widget', { expect: [entry.title, 'Open in glossary'], retries: 2 });
      assert.ok(first.includes(h.plainStart(entry.summary)), `the hover lacks the team's definition: ${first}`);
      await h.dismiss(page);

      h.step('editing the definition in the editor and saving');
      const revised = 'A Zqx widget now means the revised helper that pools requests per device.';
      await h.openFile(page, 'zqx-widget.md');
      await replaceLine(page, 7, revised);
      await page.keyboard.press('Control+S');
      const saved = Date.now();
      await h.waitFor(() => fs.readFileSync(entryFile, 'utf8').includes(revised), { message: 'the edit to reach the disk' });
      await h.openFile(page, 'train.py');
      const second = await h.hover(page, 'zqx_widget', { expect: ['revised helper'], retries: 0 });
      h.log(`  the revised definition showed in a hover ${Date.now() - saved} ms after saving (including switching editors and hovering)`);
      assert.ok(!second.includes('batching helper'), `the hover still shows the old definition: ${second}`);
      await h.dismiss(page);

      h.step('breaking the entry: an unknown category');
      await h.openFile(page, 'zqx-widget.md');
      await replaceLine(page, 3, 'category: nopecat');
      await page.keyboard.press('Control+S');
      const problem = await problemsRows(page, h, (rows) => rows.some((r) => r.includes('unknown category "nopecat"')));
      const row = problem.find((r) => r.includes('unknown category "nopecat"'));
      assert.match(row, /Ln 3, Col 1/, `the diagnostic is not on line 3, column 1: ${row}`);
      h.log(`  Problems panel: ${row.replace(/\s+/g, ' ').slice(0, 160)}`);
      await h.screenshot(page, 'workspace-glossary-problem');

      h.step('fixing the entry');
      await h.openFile(page, 'zqx-widget.md');
      await replaceLine(page, 3, 'category: workspace');
      await page.keyboard.press('Control+S');
      await problemsRows(page, h, (rows) => !rows.some((r) => r.includes('nopecat')));
      await h.openFile(page, 'train.py');
      await h.hover(page, 'zqx_widget', { expect: ['revised helper'], retries: 0 });
    },
  },
  {
    name: 'new-glossary-entry',
    title: 'ML Lens: New Glossary Entry writes an entry into .mllens/glossary, opens it at the definition, and the saved entry hovers',
    async run({ page, server, runDir }, h) {
      const folder = path.join(runDir, 'team-workspace-new');
      fs.cpSync(TEAM_WORKSPACE, folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'serve.py'), 'pool = QuorvenBatcher()\n');
      await h.openWorkbench(page, server, folder);
      await h.openFile(page, 'serve.py');
      await h.runCommand(page, 'ML Lens: New Glossary Entry');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill('Quorven batcher');
      await page.keyboard.press('Enter');
      await h.pickQuickItem(page, 'Workspace');
      await page.locator('.tab.active[data-resource-name="quorven-batcher.md"]').waitFor({ state: 'visible', timeout: 15000 });
      const file = path.join(folder, '.mllens', 'glossary', 'quorven-batcher.md');
      assert.ok(fs.existsSync(file), 'the entry file was not written into .mllens/glossary');
      // The placeholder definition is selected: typing replaces it.
      await page.locator('.editor-instance .selected-text').first().waitFor({ state: 'visible', timeout: 10000 })
        .catch(() => { throw new Error('the new entry opened without the placeholder definition selected'); });
      await page.keyboard.type('A Quorven batcher merges small requests into one batch.');
      await page.keyboard.press('Control+S');
      await h.waitFor(() => fs.readFileSync(file, 'utf8').includes('merges small requests'), { message: 'the entry to be saved' });
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, /^---\ntitle: "Quorven batcher"\ncategory: workspace\n/);
      assert.ok(!text.includes('One or two sentences'), `the placeholder was not replaced:\n${text}`);
      await h.openFile(page, 'serve.py');
      const hover = await h.hover(page, 'QuorvenBatcher', { expect: ['Quorven batcher', 'merges small requests'], retries: 1 });
      assert.ok(hover.includes('Open in glossary'), hover);
      await problemsRows(page, h, (rows) => !rows.some((r) => /quorven/i.test(r)));
    },
  },
  {
    name: 'hostile-entry',
    title: 'a glossary entry with a script tag and javascript: links executes nothing',
    prepare(ctx, h) {
      if (h.hasSetting(EXTRA_FOLDER_SETTING, ctx.extensionRoot)) {
        ctx.settings[EXTRA_FOLDER_SETTING] = HOSTILE_GLOSSARY;
        // Also as a folder setting of the hostile workspace: its window then has it from the start,
        // even when the user settings reach a newly opened window late.
        const dir = path.join(HOSTILE_WORKSPACE, '.vscode');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ [EXTRA_FOLDER_SETTING]: HOSTILE_GLOSSARY }, null, 2));
      } else ctx.skipReasons['hostile-entry'] = `the extension does not contribute the setting ${EXTRA_FOLDER_SETTING}, so the fixture entry cannot be installed`;
    },
    async run({ page, server, session }, h) {
      const entry = h.glossaryEntry('zqx-probe', HOSTILE_GLOSSARY);
      const consoleStart = session.console.length;
      const dialogsStart = session.dialogs.length;
      await h.openWorkbench(page, server, HOSTILE_WORKSPACE);
      await h.openFile(page, 'probe.md');
      // The extra folder loads after activation: allow a second retry on a busy machine.
      const text = await h.hover(page, 'zqxprobe', { expect: [entry.title, 'Open in glossary'], retries: 2 });
      assert.ok(text.includes('test entry'), `the hover lacks the entry's definition: ${text}`);
      const inHover = await hostileDom(page.mainFrame(), '.monaco-hover');
      assert.ok(inHover.length === 0, `the hover contains live hostile markup: ${inHover.join(', ')}`);

      await h.clickHoverLink(page, 'Open in glossary');
      const frame = await termPage(page, h, entry.title);
      const inPage = await hostileDom(frame, 'body');
      assert.ok(inPage.length === 0, `the term page contains live hostile markup: ${inPage.join(', ')}`);
      await h.screenshot(page, 'hostile-entry-term-page');
      // Follow the fixture's hostile links where they were rendered as links; none may run anything.
      for (const link of await frame.locator('a').filter({ hasText: HOSTILE_LINK_TEXT }).all()) {
        await link.click({ timeout: 2000, noWaitAfter: true }).catch(() => {});
      }
      await h.sleep(1500);

      const markers = [];
      for (const f of page.frames()) {
        const mark = await f.evaluate(() => document.documentElement.dataset.xss).catch(() => undefined);
        if (mark) markers.push(mark);
      }
      assert.ok(markers.length === 0, `injected script ran: ${markers.join(', ')}`);
      const dialogs = session.dialogs.slice(dialogsStart);
      assert.ok(dialogs.length === 0, `a dialog opened: ${dialogs.join('; ')}`);
      const injected = session.console.slice(consoleStart)
        .filter((l) => /xss-|Refused to execute|Ignored call to 'alert|Blocked script execution|inline event handler|javascript: URL/i.test(l));
      assert.ok(injected.length === 0, `the console reports script injection:\n${injected.join('\n')}`);
      const untitled = await page.locator('.tab[data-resource-name^="Untitled"]').count();
      assert.strictEqual(untitled, 0, 'a command: link in the entry ran a command');
    },
  },
];

/** Replaces line `n` (1-based) of the active editor with `text`, through the keyboard. */
async function replaceLine(page, n, text) {
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < n; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  // Twice: the first End stops at the end of a wrapped line's visible part.
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(text);
}

/** Opens the Problems panel and waits until its rows (as text) satisfy `ok`; returns them. */
async function problemsRows(page, h, ok) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await h.dismiss(page);
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 10000 });
  }
  let rows = [];
  await h.waitFor(async () => {
    rows = await panel.locator('.monaco-list-row').allInnerTexts().catch(() => []);
    return ok(rows);
  }, { timeoutMs: 10000, message: 'the Problems panel to show the expected rows' }).catch((e) => {
    throw new Error(`${e.message}; it shows: ${JSON.stringify(rows)}`);
  });
  return rows;
}

/** Live hostile markup under `root` in `frame`: scripts without a nonce, handlers, javascript: URLs. */
function hostileDom(frame, root) {
  return frame.evaluate((root) => {
    const found = [];
    for (const scope of document.querySelectorAll(root)) {
      for (const el of scope.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        if (tag === 'script' && !el.nonce && /xss/.test(el.textContent)) found.push('script');
        for (const attr of el.getAttributeNames()) {
          const value = el.getAttribute(attr) || '';
          if (/^on/i.test(attr)) found.push(`${tag}[${attr}]`);
          if (/^(href|src|xlink:href|action|formaction)$/i.test(attr) && /^\s*(javascript|data):/i.test(value)) found.push(`${tag}[${attr}=${value.slice(0, 20)}…]`);
        }
      }
    }
    return found;
  }, root);
}
