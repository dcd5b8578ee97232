#!/usr/bin/env node
'use strict';
// `npm run screenshots`: captures ML Lens in a real VS Code (code-server) for the README, in a
// dark and a light theme: media/screenshots/{hover,hover-sense,glossary,term-page,term-page-math,lab}-{dark,light}.png
// (1280x800 PNGs); `--themes dark,light,hc` adds the high-contrast theme.
//
// Options: --no-build (use the existing .vsix), --only hover,hover-sense,glossary,term-page,term-page-math,lab, --themes dark,light,hc
const fs = require('fs');
const path = require('path');
const h = require('./lib/harness');

const OUT = path.join(h.ROOT, 'media', 'screenshots');
const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern', hc: 'Default High Contrast' };
/** The class each theme puts on the workbench. */
const THEME_CLASS = { dark: 'vs-dark', light: 'vs', hc: 'hc-black' };
const argv = process.argv.slice(2);
const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1].split(',') : null);
const build = !argv.includes('--no-build');
const only = opt('--only');
const themes = opt('--themes') || ['dark', 'light'];

/** Each shot leaves the workbench showing what the README should show. */
const SHOTS = {
  async hover(page) {
    await h.openFile(page, 'train_finetune.py');
    await h.hover(page, 'learning_rate', { line: 'learning_rate =', expect: ['Open in glossary'] });
  },
  async 'hover-sense'(page) {
    await h.openFile(page, 'train_finetune.py');
    await h.hover(page, 'num_labels', { line: 'def __init__', expect: ['in code that imports'] });
  },
  async glossary(page) {
    await h.openFile(page, 'train_finetune.py');
    await h.openViewContainer(page, 'ML Lens');
    const rows = await h.treeRows(page, 'Glossary');
    if (!rows.some((r) => r.level === 2)) {
      await h.viewPane(page, 'Glossary').locator('.monaco-list-row[aria-level="1"]', { hasText: 'Training' }).first().click();
      await h.waitFor(async () => (await h.treeRows(page, 'Glossary')).some((r) => r.level === 2), { message: 'terms in the Glossary view' });
    }
    await h.sleep(500);
  },
  async 'term-page'(page) {
    await openTermPage(page, h.glossaryEntry('learning-rate'));
    await h.sleep(800);
  },
  async 'term-page-math'(page) {
    const frame = await openTermPage(page, h.glossaryEntry('jacobian'));
    await frame.waitForSelector('.math-display .katex');
    await frame.locator('.math-display').first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await h.sleep(800);
  },
  async lab(page) {
    await h.runCommand(page, 'ML Lens: Open Pre-training Lab');
    const frame = await h.webviewFrame(page, '#lab-run-all', { timeoutMs: 30000 });
    await frame.click('#lab-run-all');
    h.step('waiting for the lab to finish');
    await frame.waitForSelector('[data-state="done"]', { timeout: 180000 });
    await frame.locator('#lab-summary').scrollIntoViewIfNeeded();
    await page.mouse.move(1, 1);
    await h.sleep(500);
  },
};

/**
 * Opens an entry's page through Search Glossary. The first search of a fresh window can race the
 * Quick Pick's first update and click a row that is being replaced, so a page that does not appear
 * is searched for once more.
 */
async function openTermPage(page, entry) {
  for (let attempt = 1; ; attempt++) {
    await h.runCommand(page, 'ML Lens: Search Glossary');
    await h.pickQuickItem(page, entry.title);
    try {
      return await h.webviewFrame(page, 'h1', { hasText: entry.title, timeoutMs: attempt === 1 ? 10000 : 20000 });
    } catch (e) {
      if (attempt > 1) throw e;
      h.log(`  no term page for ${entry.title} yet; searching again`);
    }
  }
}

async function run() {
  const names = only || Object.keys(SHOTS);
  const unknown = names.filter((n) => !SHOTS[n]);
  if (unknown.length) throw h.expected(`unknown shot(s) ${unknown.join(', ')}; known: ${Object.keys(SHOTS).join(', ')}`);
  h.ensureSetup();
  const vsix = build ? h.buildVsix() : h.vsixPath();
  if (!fs.existsSync(vsix)) throw h.expected(`${vsix} does not exist: run without --no-build`);
  const workspace = path.join(h.ROOT, 'samples');
  const runDir = h.makeRunDir('screenshots');
  const server = await h.startCodeServer({ runDir, folder: workspace, vsix });
  const session = await h.launchBrowser({ viewport: { width: 1280, height: 800 } });
  const { page } = session;
  fs.mkdirSync(OUT, { recursive: true });
  let failed = 0;
  for (const theme of themes) {
    if (!THEMES[theme]) throw h.expected(`unknown theme ${theme}; known: ${Object.keys(THEMES).join(', ')}`);
    h.writeSettings(server.userDataDir, { 'workbench.colorTheme': THEMES[theme], 'window.zoomLevel': 0 });
    await h.openWorkbench(page, server, workspace);
    // Wait for the theme from settings.json to apply (light themes add `vs`, dark ones `vs-dark`).
    const cls = THEME_CLASS[theme];
    await h.waitFor(() => page.evaluate((c) => document.querySelector('.monaco-workbench').classList.contains(c), cls),
      { timeoutMs: 15000, message: `the ${theme} theme` });
    for (const name of names) {
      try {
        await SHOTS[name](page);
        const file = await h.screenshot(page, name, { file: path.join(OUT, `${name}-${theme}.png`) });
        h.log(`✓ ${path.relative(h.ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
      } catch (e) {
        failed++;
        h.log(`✗ ${name}-${theme}: ${e.message}`);
        h.saveFailureLogs(`screenshot-${name}-${theme}`, { server, session });
      }
      await h.dismiss(page).catch(() => {});
      await h.closeAllEditors(page).catch(() => {});
      // Back to the Explorer so that each shot starts from the same layout.
      await page.keyboard.press('Control+Shift+E').catch(() => {});
    }
  }
  process.stdout.write(`screenshots: ${names.length * themes.length - failed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

h.main(run, { name: 'screenshots', timeoutMs: h.timeoutFromEnv(600) });
