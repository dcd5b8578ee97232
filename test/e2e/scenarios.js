'use strict';
// UI scenarios, run in this order by `node test/e2e/run.js e2e` against code-server with the
// .vsix installed and samples/ open. Each is { name, title, run(ctx, h) } plus optional
// prepare(ctx) (before the server starts: settings, skip reasons) and skip(ctx) (a reason to skip).
// ctx: { page, server, session, workspace, runDir, vsix, web, extensionRoot, settings, skipReasons }; h: lib/harness.
// prepare(ctx, h) and skip(ctx, h) get the same arguments (without page, server and session).
// With `run.js e2e --web`, ctx.web is true and the .vsix is a web-only copy (no `main`): every
// scenario then runs against the extension in the web worker extension host.
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const FIXTURES = path.join(__dirname, 'fixtures');
const HOSTILE_GLOSSARY = path.join(FIXTURES, 'hostile-glossary');
const HOSTILE_WORKSPACE = path.join(FIXTURES, 'hostile-workspace');
const CONCEPT_WORKSPACE = path.join(FIXTURES, 'concept-workspace');
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

/**
 * A manifest string as VS Code shows it in `locale`: a `%key%` placeholder read from
 * package.nls.<locale>.json, else package.nls.json; plain text as it is.
 */
function manifestText(h, text, locale) {
  const m = /^%(.+)%$/.exec(text);
  if (!m) return text;
  for (const name of [`package.nls.${locale}.json`, 'package.nls.json']) {
    const file = path.join(h.ROOT, name);
    if (!fs.existsSync(file)) continue;
    const value = JSON.parse(fs.readFileSync(file, 'utf8'))[m[1]];
    if (value !== undefined) return typeof value === 'string' ? value : value.message;
  }
  return text;
}

/** An entry's title and summary in `locale` (front matter `l10n.<locale>`), read from its file. */
function localizedEntry(id, locale, h) {
  const src = fs.readFileSync(path.join(h.ROOT, 'glossary', `${id}.md`), 'utf8');
  const block = new RegExp(`\\n  ${locale}:\\n((?:    .*\\n)+)`).exec(src);
  const field = (name) => block && (new RegExp(`^    ${name}:\\s*"?(.*?)"?\\s*$`, 'm').exec(block[1]) || [])[1];
  const title = field('title');
  const summary = field('summary');
  if (!title || !summary) throw new Error(`glossary/${id}.md has no ${locale} title and summary`);
  return { ...h.glossaryEntry(id), localTitle: title, localSummary: summary };
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
      // A retry here only moves the mouse away and back: Escape would take the cell out of edit mode.
      const md = await h.hover(page, 'overfitting', { scope: '.notebook-editor .markdown-cell-row', expect: [overfitting.title, ...HOVER_LINKS], retries: 1, escapeOnRetry: false });
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
    name: 'markdown-preview-terms',
    title: 'the Markdown preview of samples/notes.md underlines glossary terms with a tooltip; the link of a term opens its page',
    skip(ctx) {
      // VS Code's Markdown extension loads preview plugins only from extensions in its own extension host: in
      // code-server it runs in the Node host, so it never sees a web-worker ML Lens (in vscode.dev both run in the worker).
      return ctx.web ? 'the built-in Markdown preview runs in code-server\'s Node extension host, which cannot load a plugin from the web worker host' : undefined;
    },
    async run({ page }, h) {
      const entry = h.glossaryEntry('dropout');
      await h.openFile(page, 'notes.md');
      await h.runCommand(page, 'Markdown: Open Preview');
      const selector = `a.ml-lens-term[data-ml-lens-term="${entry.id}"]`;
      const frame = await h.webviewFrame(page, selector, { timeoutMs: 30000 });
      // First occurrence per section: the introduction and "Things to watch" both mention dropout.
      assert.strictEqual(await frame.locator(selector).count(), 2, 'dropout should be marked once in each of the two sections that use it');
      const term = frame.locator(selector).first();
      const look = await term.evaluate((el) => {
        const s = getComputedStyle(el);
        return { title: el.getAttribute('title'), text: el.textContent, line: s.textDecorationLine, style: s.textDecorationStyle, color: s.color, parent: getComputedStyle(el.parentElement).color };
      });
      await term.hover();
      h.log(`  preview term: ${JSON.stringify(look)}`);
      assert.ok(look.title.startsWith(`${entry.title} — ${h.plainStart(entry.summary, 4)}`), `the tooltip lacks the title and definition: ${look.title}`);
      assert.strictEqual(look.text.toLowerCase(), 'dropout');
      assert.ok(look.line.includes('underline') && look.style === 'dotted', `not a dotted underline: ${JSON.stringify(look)}`);
      assert.strictEqual(look.color, look.parent, 'a marked term should keep the colour of the text around it');
      const links = await frame.locator('a:not(.ml-lens-term)').count();
      const headings = await frame.locator('h1 .ml-lens-term, h2 .ml-lens-term').count();
      assert.strictEqual(headings, 0, 'a heading has a marked term');
      h.log(`  ${await frame.locator('.ml-lens-term').count()} marked terms, ${links} other links`);
      // Emphasis keeps its markup around the mark: "**Pre-training.**" in the first list item.
      assert.strictEqual(await frame.locator('li strong > a.ml-lens-term[data-ml-lens-term="pre-training"]').count(), 1, 'the bold "Pre-training." is not marked');
      await h.screenshot(page, 'markdown-preview-terms-underline');
      // The term links to the extension's URI. Desktop VS Code opens it from the preview; a
      // browser-based VS Code whose URI scheme is not "vscode" (code-server) blocks such links in
      // webviews, so here the same URI is opened through VS Code's own URL opener.
      const href = await term.getAttribute('href');
      assert.match(href, new RegExp(`^[a-z-]+://ml-lens\\.ml-lens/term\\?id=${entry.id}$`), `unexpected link: ${href}`);
      await h.runCommand(page, 'Developer: Open URL');
      const input = page.locator('.quick-input-widget input');
      await input.fill(href);
      await page.keyboard.press('Enter');
      // VS Code asks before an extension handles a URI typed by hand.
      const allow = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
      if (await allow.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false)) await allow.click();
      await assertTermPage(page, h, entry);
    },
  },
  {
    name: 'notebook-markdown-terms',
    title: 'rendered Markdown cells of samples/pretrain_finetune.ipynb underline their terms with a tooltip; a click opens the term page',
    async run({ page }, h) {
      await h.openFile(page, 'pretrain_finetune.ipynb');
      // Rendered Markdown cells live in the notebook's webview, each in a shadow root (Playwright's CSS pierces it).
      const mlm = h.glossaryEntry('masked-language-modeling');
      const frame = await h.webviewFrame(page, `.ml-lens-term[data-ml-lens-term="${mlm.id}"]`, { timeoutMs: 30000 });
      assert.strictEqual(await frame.locator('.ml-lens-term[data-ml-lens-term]').first().evaluate((el) => el.tagName), 'ABBR');
      // The notebook may be scrolled anywhere (it keeps its position): use a marked term in view.
      const viewport = page.viewportSize();
      const terms = frame.locator('.ml-lens-term');
      let term;
      for (let i = 0, n = await terms.count(); i < n && !term; i++) {
        const box = await terms.nth(i).boundingBox();
        if (box && box.y > 120 && box.y + box.height < viewport.height - 40) term = terms.nth(i);
      }
      assert.ok(term, 'no marked term in view');
      const look = await term.evaluate((el) => {
        const s = getComputedStyle(el);
        return { id: el.getAttribute('data-ml-lens-term'), title: el.getAttribute('title'), text: el.textContent, line: s.textDecorationLine, style: s.textDecorationStyle };
      });
      h.log(`  notebook term: ${JSON.stringify(look)}`);
      const entry = h.glossaryEntry(look.id);
      assert.ok(look.title.startsWith(`${entry.title} — ${h.plainStart(entry.summary, 4)}`), `the tooltip lacks the title and definition: ${look.title}`);
      assert.ok(look.line.includes('underline') && look.style === 'dotted', `not a dotted underline: ${JSON.stringify(look)}`);
      await term.hover();
      await h.screenshot(page, 'notebook-markdown-terms-underline');
      await term.click();
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
      // The WebAssembly backend must load inside the webview (CSP, wasm files), in both extension hosts.
      const backend = (await frame.locator('#lab-backend').innerText()).trim();
      h.log(`  backend: ${backend}`);
      assert.match(backend, /· wasm\b/, `the lab did not run on the wasm backend: "${backend}"`);
      await frame.locator('#lab-summary').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'learning-progress',
    title: 'mark a term learned on its page; the Glossary view shows it learned and counts it',
    async run({ page }, h) {
      const entry = h.glossaryEntry('relu');
      await h.runCommand(page, 'ML Lens: Search Glossary');
      await h.pickQuickItem(page, entry.title);
      const frame = await assertTermPage(page, h, entry);
      const button = frame.locator('#term-learned');
      await button.waitFor({ state: 'visible', timeout: 10000 });
      if (await button.getAttribute('data-learned') === 'true') {
        await button.click();
        await frame.locator('#term-learned[data-learned="false"]').waitFor({ timeout: 10000 });
      }
      await h.openViewContainer(page, 'ML Lens');
      const pane = h.viewPane(page, 'Glossary');
      const learnedCount = async () => {
        const text = await pane.locator('.pane-header').innerText();
        const m = /(\d+)\/(\d+) learned/.exec(text);
        if (!m) throw new Error(`the Glossary view's title shows no progress: ${text}`);
        return Number(m[1]);
      };
      const before = await h.waitFor(async () => String(await learnedCount()), { message: 'the Glossary view\'s progress' }).then(Number);
      await frame.locator('#term-learned').click();
      await frame.locator('#term-learned[data-learned="true"]').waitFor({ timeout: 10000 })
        .catch(() => { throw new Error('the term page did not show the term as learned'); });
      await h.waitFor(async () => (await learnedCount()) === before + 1,
        { timeoutMs: 10000, message: `the Glossary view to count ${before + 1} learned terms` });

      // "Reveal in tree" on the term page selects the term's row in the Glossary view.
      await frame.locator('button', { hasText: 'Reveal in tree' }).click();
      const row = pane.locator(`.monaco-list-row[aria-level="2"][aria-label^="${entry.title},"]`).first();
      await row.waitFor({ state: 'visible', timeout: 10000 }).catch(() => { throw new Error(`the Glossary view shows no row for ${entry.title}`); });
      const label = await h.waitFor(async () => {
        const l = await row.getAttribute('aria-label');
        return /, learned/.test(l) && l;
      }, { timeoutMs: 10000, message: `the ${entry.title} row to say "learned"` });
      assert.ok(!/not learned/.test(label), `the row still says not learned: ${label}`);
      h.log(`  ${label}; learned ${before} → ${before + 1}`);
      await h.screenshot(page, 'learning-progress-learned');
      // Leave the progress as it was for the scenarios that follow.
      await frame.locator('#term-learned').click().catch(() => {});
    },
  },
  {
    name: 'walkthrough',
    title: 'the "Get started with ML Lens" walkthrough opens and its first step opens the sample file',
    async run({ page }, h) {
      await h.runCommand(page, 'Welcome: Open Walkthrough...');
      await h.pickQuickItem(page, 'Get started with ML Lens');
      const editor = page.locator('.gettingStartedContainer');
      await editor.locator('text=Hover a term in ML code').first().waitFor({ state: 'visible', timeout: 15000 })
        .catch(() => { throw new Error('the walkthrough did not open on its first step'); });
      for (const step of ['Browse the glossary', 'Search the glossary', 'Try the pre-training lab']) {
        assert.ok(await editor.locator(`text=${step}`).first().isVisible(), `the walkthrough lacks the step "${step}"`);
      }
      await h.screenshot(page, 'walkthrough-steps');
      await editor.locator('.getting-started-step.expanded a, .getting-started-step.expanded .monaco-button', { hasText: 'Open Sample File' }).first().click();
      await page.locator('.tab.active', { hasText: '.py' }).first().waitFor({ state: 'visible', timeout: 15000 })
        .catch(() => { throw new Error('"Open Sample File" opened no Python file'); });
    },
  },
  {
    name: 'web-worker-host',
    title: 'Developer: Show Running Extensions lists ML Lens in the expected host (web worker with --web, else the remote Node host)',
    async run({ page, server, web }, h) {
      // Activate the extension first (a hover), so that it is running and has an activation time.
      const entry = h.glossaryEntry('learning-rate');
      await h.openFile(page, 'train_finetune.py');
      await h.hover(page, 'learning_rate', { line: 'learning_rate =', expect: [entry.title], retries: 2 });
      await h.dismiss(page);
      await h.runCommand(page, 'Developer: Show Running Extensions');
      const editor = page.locator('.runtime-extensions-editor');
      await editor.waitFor({ state: 'visible', timeout: 15000 });
      const row = editor.locator('.extension', { has: page.locator('.name', { hasText: /^ML Lens$/ }) }).first();
      await h.waitFor(async () => {
        if (await row.isVisible()) return true;
        // The list is virtual: scroll until the row is rendered.
        await editor.locator('.monaco-list').first().hover();
        await page.mouse.wheel(0, 300);
        return false;
      }, { timeoutMs: 15000, intervalMs: 300, message: 'ML Lens in the running extensions' });
      const msg = (await row.locator('.msg').innerText()).trim();
      const time = (await row.locator('.activation-time').innerText()).trim();
      const worker = await row.locator('.msg .codicon-globe').count();
      h.log(`  running extensions: ML Lens "${msg}" ${time}`);
      await row.scrollIntoViewIfNeeded();
      await h.screenshot(page, 'web-worker-host');
      assert.ok(time, 'ML Lens has no activation time: it is not running');
      // The remote (Node) extension host logs each activation; ML Lens must (not) be there.
      const logs = listLogs(server.userDataDir).filter((f) => /remoteexthost\.log$/.test(f));
      const text = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      assert.ok(/_doActivateExtension /.test(text), `no activations in the remote extension host log (${logs.join(', ') || 'none found'})`);
      const inNode = /_doActivateExtension ml-lens\.ml-lens\b/.test(text);
      if (web) {
        assert.ok(/web worker/.test(msg) && worker, `ML Lens is not marked as running in the web worker: "${msg}"`);
        assert.ok(!inNode, 'the remote (Node) extension host activated ml-lens.ml-lens');
      } else {
        assert.ok(!/web worker/.test(msg), `ML Lens runs in the web worker, but the package has a main entry: "${msg}"`);
        assert.ok(inNode, 'the remote (Node) extension host log shows no activation of ml-lens.ml-lens');
      }
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
    name: 'concept-view',
    title: 'the Concept view follows the cursor from term to term, stays put while pinned, and goes back',
    async run({ page, server }, h) {
      await h.openWorkbench(page, server, CONCEPT_WORKSPACE);
      await h.openFile(page, 'concepts.py');
      await openConceptView(page, h);
      const empty = await h.webviewFrame(page, '.empty-message');
      h.log(`  before the cursor meets a term: ${(await empty.locator('.empty-message').innerText()).slice(0, 80)}`);

      await clickWord(page, h, 'learning_rate', 'learning_rate =');
      await conceptShows(page, h, h.glossaryEntry('learning-rate'));
      await clickWord(page, h, 'dropout', 'dropout =');
      await conceptShows(page, h, h.glossaryEntry('dropout'));
      await clickWord(page, h, 'import');
      await h.sleep(800);
      assert.strictEqual(await conceptTerm(page, h), 'dropout', 'the view kept the last term when the cursor left terms');

      await h.runCommand(page, 'ML Lens: Pin Concept');
      await h.viewPane(page, 'Concept').locator('.pane-header', { hasText: 'Pinned' }).waitFor({ state: 'visible', timeout: 5000 })
        .catch(() => { throw new Error('the Concept view does not say it is pinned'); });
      await clickWord(page, h, 'learning_rate', 'learning_rate =');
      await clickWord(page, h, 'AdamW');
      await h.sleep(1000);
      assert.strictEqual(await conceptTerm(page, h), 'dropout', 'the pinned view followed the cursor');
      await h.screenshot(page, 'concept-view-pinned');

      const frame = await h.webviewFrame(page, '#term-page[data-term="dropout"]');
      await frame.click('#term-back');
      await conceptShows(page, h, h.glossaryEntry('learning-rate'));
      await h.runCommand(page, 'ML Lens: Unpin Concept');
      // Unpinned, the view catches up with the cursor, which rests on AdamW.
      await conceptShows(page, h, h.glossaryEntry('adamw'));
    },
  },
  {
    name: 'highlights',
    title: 'the status bar counts new terms; turning highlights on underlines each occurrence; a term marked learned loses its underlines',
    async run({ page, server }, h) {
      await h.openWorkbench(page, server, CONCEPT_WORKSPACE);
      await h.openFile(page, 'concepts.py');
      const status = page.locator('.statusbar-item', { hasText: /ML: \d+ new/ }).first();
      await status.waitFor({ state: 'visible', timeout: 20000 }).catch(() => { throw new Error('the status bar shows no "ML: N new" item'); });
      const newCount = async () => Number(/ML: (\d+) new/.exec(await status.innerText())[1]);
      const before = await newCount();
      assert.strictEqual(await decorated(page), 0, 'terms are highlighted although mlLens.highlight is off');

      await status.click();
      const rows = await h.waitFor(async () => {
        const r = await h.treeRows(page, 'Terms in this File').catch(() => []);
        return r.length > 0 && r;
      }, { message: 'the Terms in this File view, opened by the status bar item' });
      const counts = Object.fromEntries(rows.map((r) => [r.label, Number(/×(\d+)/.exec(r.text)[1])]));
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      h.log(`  status bar: ${before} new; Terms in this File: ${JSON.stringify(counts)}`);
      assert.strictEqual(before, rows.length, 'the status bar count differs from the terms the view lists (nothing is learned yet)');
      assert.ok(counts.Dropout >= 2 && counts['Learning rate'] >= 2 && counts.AdamW >= 1, `unexpected terms: ${JSON.stringify(counts)}`);
      await h.waitFor(async () => (await decorated(page)) === total, { message: `${total} highlighted ranges` })
        .catch(async (e) => { throw new Error(`${e.message}; the editor shows ${await decorated(page)}`); });
      await h.screenshot(page, 'highlights-on');

      h.step('marking Dropout as learned from the Concept view');
      await openConceptView(page, h);
      await clickWord(page, h, 'dropout', 'dropout =');
      const frame = await conceptShows(page, h, h.glossaryEntry('dropout'));
      await frame.click('#term-learned');
      const left = total - counts.Dropout;
      await h.waitFor(async () => (await decorated(page)) === left, { message: `${left} highlighted ranges once Dropout is learned` })
        .catch(async (e) => { throw new Error(`${e.message}; the editor shows ${await decorated(page)}`); });
      await h.waitFor(async () => (await newCount()) === before - 1, { message: `"ML: ${before - 1} new" in the status bar` });

      await h.runCommand(page, 'ML Lens: Toggle Term Highlights');
      await h.waitFor(async () => (await decorated(page)) === 0, { message: 'no highlights once toggled off' });
    },
  },
  {
    name: 'locale-zh-cn-glossary',
    title: 'with --locale zh-cn, a hover on learning_rate and the Glossary view show the Chinese title beside the English one',
    skip(ctx, h) {
      return typeof h.languagePackVsix === 'function' ? undefined : 'the harness cannot install a language pack, without which --locale has no effect';
    },
    async run({ page, runDir, vsix, workspace }, h) {
      const locale = 'zh-cn';
      const lr = localizedEntry('learning-rate', locale, h);
      const pkg = h.rootPackage();
      const container = manifestText(h, pkg.contributes.viewsContainers.activitybar.find((c) => c.id === 'mlLens').title, locale);
      const glossaryView = manifestText(h, pkg.contributes.views.mlLens.find((v) => v.id === 'mlLens.glossary').name, locale);
      const searchCommand = pkg.contributes.commands.find((c) => c.command === 'mlLens.glossary.search');
      const searchTitle = `${manifestText(h, searchCommand.category, locale)}: ${manifestText(h, searchCommand.title, locale)}`;
      const serverDir = h.makeRunDir('locale-zh-cn-glossary');
      // --locale takes effect only with a language pack for the language: a test one that leaves VS Code English.
      const server = await h.startCodeServer({ runDir: serverDir, folder: workspace, vsix, locale, extraVsix: [h.languagePackVsix(serverDir, locale)] });
      try {
        await h.openWorkbench(page, server, workspace, { activityBarItem: container });
        await h.openFile(page, 'train_finetune.py');
        const text = await h.hover(page, 'learning_rate', { line: 'learning_rate =', expect: [lr.localTitle, `(${lr.title})`], retries: 2 });
        assert.ok(text.includes(lr.localSummary.slice(0, 12)), `the hover lacks the Chinese definition "${lr.localSummary.slice(0, 12)}…": ${text}`);
        assert.ok(!text.includes(h.plainStart(lr.summary)), `the hover still shows the English definition: ${text}`);
        await h.dismiss(page);

        await h.openViewContainer(page, container);
        await h.runCommand(page, searchTitle);
        await h.pickQuickItem(page, lr.localTitle, lr.localTitle);
        const row = await h.waitFor(async () => {
          const rows = await h.treeRows(page, glossaryView).catch(() => []);
          return rows.find((r) => r.level === 2 && r.label === lr.localTitle);
        }, { timeoutMs: 15000, message: `a "${lr.localTitle}" row in the ${glossaryView} view` });
        assert.ok(row.text.includes(lr.title), `the tree row does not show the English title beside the Chinese one: ${row.text}`);
        h.log(`  tree row: ${row.text.replace(/\s+/g, ' ')}`);
        await h.screenshot(page, 'locale-zh-cn-glossary');
      } finally {
        await server.stop();
      }
    },
  },
  {
    name: 'locale-zh-cn',
    title: 'with the display language zh-cn, command titles, the Glossary view, hover links and the term page are in Chinese',
    async run({ page, vsix, workspace }, h) {
      const zh = JSON.parse(fs.readFileSync(path.join(h.ROOT, 'package.nls.zh-cn.json'), 'utf8'));
      const rt = JSON.parse(fs.readFileSync(path.join(h.ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
      const lr = h.glossaryEntry('learning-rate');
      const runDir = h.makeRunDir('zh-cn');
      // --locale takes effect only with a language pack for the language: a test one that leaves VS Code English.
      const server = await h.startCodeServer({ runDir, folder: workspace, vsix, locale: 'zh-cn', extraVsix: [h.languagePackVsix(runDir, 'zh-cn')] });
      try {
        await h.openWorkbench(page, server, workspace);

        h.step('the Glossary view and its neighbour have Chinese titles');
        await h.openViewContainer(page, 'ML Lens');
        for (const name of [zh['mlLens.view.glossary.name'], zh['mlLens.view.fileTerms.name']]) {
          await h.viewPane(page, name).waitFor({ state: 'visible', timeout: 15000 })
            .catch(() => { throw new Error(`the ML Lens container has no view titled "${name}"`); });
        }
        assert.strictEqual(await h.viewPane(page, 'Glossary').count(), 0, 'a view is still titled "Glossary" in English');

        h.step('the Command Palette lists "Search Glossary" in Chinese and it opens a Chinese term page');
        await h.runCommand(page, `ML Lens: ${zh['mlLens.command.glossary.search.title']}`);
        const title = page.locator('.quick-input-widget .quick-input-title');
        await title.waitFor({ state: 'visible', timeout: 10000 });
        assert.strictEqual((await title.innerText()).trim(), rt['Search the ML Lens glossary']);
        // Accepted with Enter on the focused row: in this run a click on the row did not reach the Quick Pick.
        const input = page.locator('.quick-input-widget input');
        await input.fill(lr.title);
        await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: lr.title }).first().waitFor({ state: 'visible', timeout: 10000 });
        await input.press('Enter');
        const frame = await h.webviewFrame(page, '#term-learned', { hasText: rt['Mark as learned'] });
        const buttons = await frame.locator('button').evaluateAll((bs) => bs.map((b) => (b.getAttribute('aria-label') || b.innerText).trim()));
        for (const label of [rt.Back, rt.Forward, rt['Mark as learned'], rt['Reveal in tree'], rt['Search glossary']]) {
          assert.ok(buttons.includes(label), `the term page lacks the button "${label}"; it has: ${buttons.join(' | ')}`);
        }
        const page2 = await frame.locator('body').innerText();
        assert.ok(page2.includes(rt['Related terms']), `the term page lacks the heading "${rt['Related terms']}": ${page2.slice(0, 300)}`);
        assert.strictEqual(await frame.locator('html').getAttribute('lang'), 'zh-cn');

        h.step('a hover in train_finetune.py has Chinese links');
        await h.openFile(page, 'train_finetune.py');
        const links = [rt['Open in glossary'], rt['Show related']];
        const text = await h.hover(page, 'learning_rate', { line: 'learning_rate =', expect: [lr.title, ...links] });
        assert.ok(!text.includes('Open in glossary'), `the hover still has the English link: ${text}`);
        await h.screenshot(page, 'locale-zh-cn');

        h.step('the pre-training lab is in Chinese');
        await h.runCommand(page, `ML Lens: ${zh['mlLens.command.lab.open.title']}`);
        const lab = await h.webviewFrame(page, '#lab-run-all', { hasText: rt['Run all'], timeoutMs: 30000 });
        const heading = (await lab.locator('.md.intro h1').innerText()).trim();
        assert.strictEqual(heading, rt[Object.keys(rt).find((k) => k.startsWith('# Pre-training lab'))].split('\n')[0].replace(/^# /, ''));
        assert.strictEqual(await lab.locator('#cell-finetune').getAttribute('aria-label'), `${rt['Step {0}: {1}'].replace('{0}', '4').replace('{1}', rt['Fine-tune'])}`);
      } finally {
        await server.stop();
      }
    },
  },
  {
    name: 'workspace-glossary',
    title: 'a workspace\'s .mllens/glossary: its term hovers, a saved edit shows in the next hover, a broken entry shows in the Problems panel until fixed, and a notebook\'s rendered Markdown marks the term',
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
      await h.dismiss(page);

      h.step('a rendered Markdown cell of a notebook in the workspace marks the team term, with the saved definition');
      await h.openFile(page, 'notes.ipynb');
      const frame = await h.webviewFrame(page, '.ml-lens-term[data-ml-lens-term="zqx-widget"]', { timeoutMs: 30000 });
      const mark = frame.locator('.ml-lens-term[data-ml-lens-term="zqx-widget"]').first();
      const tip = await mark.getAttribute('title');
      h.log(`  notebook tooltip: ${tip}`);
      assert.ok(tip.startsWith(`${entry.title} — ${revised.slice(0, 40)}`), `the notebook tooltip lacks the team's saved definition: ${tip}`);
      await mark.click();
      await assertTermPage(page, h, { ...entry, summary: revised });
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
  {
    name: 'review-session',
    title: 'hover two terms, review them with the keyboard alone, and read the due count go down; a card answered Again comes back',
    async run({ page }, h) {
      const lr = h.glossaryEntry('learning-rate');
      const wd = h.glossaryEntry('weight-decay');
      await h.openFile(page, 'train_finetune.py');
      // "Terms in this File" meets every term of the file; the daily limit on new cards caps the count.
      await h.openViewContainer(page, 'ML Lens');
      await h.treeRows(page, 'Terms in this File');
      await h.hover(page, 'learning_rate', { line: 'learning_rate =', expect: [lr.title] });
      await page.mouse.move(5, 5);
      await h.hover(page, 'weight_decay', { line: 'weight_decay =', expect: [wd.title] });
      await page.mouse.move(5, 5);
      await h.dismiss(page);

      let before = null;
      await h.waitFor(async () => {
        before = await dueCount(page);
        return before === 10;
      }, { message: 'the status bar to show 10 terms due (the default daily limit of new cards)' }).catch(() => {});
      assert.strictEqual(before, 10, 'the file has more than 10 terms: today\'s 10 new cards are due');
      assert.strictEqual(await glossaryBadge(page), before, 'the Glossary view badge shows the same count');

      await h.runCommand(page, 'ML Lens: Review Terms');
      // The most recently met terms come first: weight decay (hovered last), then learning rate.
      const frame = await h.webviewFrame(page, '#review[data-card="weight-decay"]');
      const first = await frame.locator('#review').innerText();
      assert.ok(first.includes(wd.title), `the first card shows the term: ${first}`);
      assert.ok(/train_finetune\.py/.test(first) && first.includes('weight_decay = 0.01'), `the card says where the term was met: ${first}`);
      assert.ok(!first.includes(h.plainStart(wd.summary, 4)), 'the definition is hidden before the reveal');
      await h.screenshot(page, 'review-session-question');

      await page.keyboard.press('Space');
      await frame.locator('.answer .summary').waitFor({ state: 'visible', timeout: 5000 });
      const revealed = await frame.locator('#review').innerText();
      assert.ok(revealed.includes(h.plainStart(wd.summary, 4)), `Space reveals the definition: ${revealed}`);
      assert.ok(/Key idea/.test(revealed), 'and the key idea');
      assert.strictEqual(await frame.evaluate(() => document.activeElement && document.activeElement.dataset.rating), '3', 'focus moves to Good');
      await h.screenshot(page, 'review-session-answer');
      await page.keyboard.press('3');

      await frame.locator('#review[data-card="learning-rate"] h1').waitFor({ state: 'visible', timeout: 5000 });
      assert.ok((await frame.locator('#review').innerText()).includes('learning_rate = 2e-5'));
      await page.keyboard.press('Enter');
      await frame.locator('.answer .summary').waitFor({ state: 'visible', timeout: 5000 });
      await page.keyboard.press('4');
      await h.waitFor(async () => (await frame.locator('#review').getAttribute('data-card')) !== 'learning-rate', { message: 'the next card or the end of the session' });
      const third = await frame.locator('#review').getAttribute('data-card');
      assert.match(await frame.locator('.progress').innerText(), /Card 3 of 10/);

      h.step(`answering the third card (${third}) Again: it comes back at the end of the session`);
      await page.keyboard.press('Enter');
      await frame.locator('.answer .summary').waitFor({ state: 'visible', timeout: 5000 });
      await page.keyboard.press('1');
      await h.waitFor(async () => /Card 4 of 11/.test(await frame.locator('.progress').innerText()), { message: 'the session to grow to 11 cards' });

      let after = null;
      await h.waitFor(async () => {
        after = (await dueCount(page)) ?? 0;
        return after === before - 3;
      }, { message: 'the due count to go down by three' }).catch(() => {});
      assert.strictEqual(after, before - 3, `three graded cards leave ${before - 3} due (was ${before})`);
      assert.strictEqual(await glossaryBadge(page), after, 'the badge follows');
    },
  },
];

/** Every file under `dir` (the server's log folders). */
function listLogs(dir) {
  let out = [];
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
    const full = path.join(dir, e.name);
    out = e.isDirectory() ? out.concat(listLogs(full)) : out.concat(full);
  }
  return out;
}

/** Shows the ML Lens sidebar with the Concept view expanded. */
async function openConceptView(page, h) {
  await h.openViewContainer(page, 'ML Lens');
  const header = h.viewPane(page, 'Concept').locator('.pane-header');
  await header.waitFor({ state: 'visible', timeout: 10000 }).catch(() => { throw new Error('the ML Lens sidebar has no Concept view'); });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
}

/** Clicks the middle of `word` in the editor (on a line containing `line`, when given), moving the cursor there. */
async function clickWord(page, h, word, line) {
  h.step(`putting the cursor on "${word}"`);
  const pos = await h.waitFor(() => h.wordPosition(page, word, '.editor-instance', line), { message: `"${word}" in the editor` });
  await page.mouse.click(pos.x, pos.y);
  await page.mouse.move(1, 1);
}

/** The term the Concept view shows (its page's data-term). */
async function conceptTerm(page, h) {
  const frame = await h.webviewFrame(page, '#term-page[data-term]');
  return frame.locator('#term-page').getAttribute('data-term');
}

/** Waits for the Concept view to show `entry`'s page, with its title and definition. */
async function conceptShows(page, h, entry) {
  const frame = await h.webviewFrame(page, `#term-page[data-term="${entry.id}"] h1`, { hasText: entry.title, timeoutMs: 10000 });
  const text = await frame.locator('body').innerText();
  assert.ok(text.includes(h.plainStart(entry.summary, 4)), `the Concept view lacks the definition of ${entry.id}: ${text.slice(0, 300)}`);
  return frame;
}

/** Ranges the editor draws with the term highlight (a dotted bottom border) in its view overlays. */
function decorated(page) {
  return page.evaluate(() => [...document.querySelectorAll('.editor-instance .view-overlays div')]
    .filter((el) => getComputedStyle(el).borderBottomStyle === 'dotted' && el.getBoundingClientRect().width > 0).length);
}

/** The number in the review status bar item ("N due"), or null when it is hidden. */
async function dueCount(page) {
  const texts = await page.locator('.statusbar-item').allInnerTexts();
  const m = texts.map((t) => /(\d+) due/.exec(t)).find(Boolean);
  return m ? Number(m[1]) : null;
}

/** The number on the ML Lens activity bar badge (the Glossary view's due count, from its label), or 0. */
async function glossaryBadge(page) {
  const badge = page.locator('.activitybar .badge[aria-label^="ML Lens"]');
  if (!(await badge.count())) return 0;
  const m = /(\d+) terms due/.exec((await badge.first().getAttribute('aria-label')) || '');
  return m ? Number(m[1]) : 0;
}

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
