#!/usr/bin/env node
'use strict';
// Runs ML Lens in a real VS Code (code-server 4.100.3 = VS Code 1.100.3).
//
//   node test/e2e/run.js vscode   build the .vsix, then run test/suite/ (mocha) in the extension host
//   node test/e2e/run.js e2e      build the .vsix, install it, drive the UI with Playwright (scenarios.js)
//   node test/e2e/run.js all      both, building once
//
// Options:
//   --no-build          use the existing dist/, out/ and .vsix
//   --only a,b          run only these scenarios (names from scenarios.js)
//   --grep PATTERN      run only the extension-host tests whose title matches
//   --extension DIR     extension folder for the `vscode` suite (default: the repository)
//   --vsix FILE         .vsix for the scenarios (default: the one just built; with --no-build,
//                       ml-lens-<version>.vsix at the root, as `npm run package` writes it)
//   --workspace DIR     folder to open (default: samples/)
//   --keep              keep test/e2e/.run/<run>/ (user data, logs) after the run
//   --web               scenarios against a web-only copy of the .vsix (no `main`), so that the
//                       extension runs in the web worker extension host, as in vscode.dev
// Environment: ML_LENS_E2E_TIMEOUT (seconds, overall), ML_LENS_E2E_VERBOSE=1, ML_LENS_CHROMIUM.
const fs = require('fs');
const util = require('util');
const path = require('path');
const h = require('./lib/harness');
const { makeWebOnlyVsix } = require('./lib/vsix');

function parseArgs(argv) {
  const opts = { mode: argv[0], build: true, only: null, grep: null, extension: h.ROOT, vsix: null, workspace: null, keep: false, web: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw h.expected(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--no-build') opts.build = false;
    else if (a === '--only') opts.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--grep') opts.grep = value();
    else if (a === '--extension') opts.extension = path.resolve(value());
    else if (a === '--vsix') opts.vsix = path.resolve(value());
    else if (a === '--workspace') opts.workspace = path.resolve(value());
    else if (a === '--keep') opts.keep = true;
    else if (a === '--web') opts.web = true;
    else throw h.expected(`unknown option ${a}`);
  }
  if (!['vscode', 'e2e', 'all'].includes(opts.mode)) {
    throw h.expected('usage: node test/e2e/run.js vscode|e2e|all [--no-build] [--only a,b] [--grep P] [--keep] [--web] ...');
  }
  if (opts.web && opts.mode !== 'e2e') throw h.expected('--web applies to the UI scenarios: use `node test/e2e/run.js e2e --web`');
  return opts;
}

function defaultWorkspace(runDir) {
  const samples = path.join(h.ROOT, 'samples');
  if (fs.existsSync(samples)) return samples;
  const empty = path.join(runDir, 'workspace');
  fs.mkdirSync(empty, { recursive: true });
  h.log('samples/ does not exist yet: opening an empty workspace');
  return empty;
}

// ---------------------------------------------------------------- extension-host suite

/** Runs out/test/suite/index.js inside the extension host; resolves to the exit code. */
async function runSuite(opts) {
  const testsPath = path.join(opts.extension, 'out', 'test', 'suite', 'index.js');
  if (!fs.existsSync(testsPath)) throw h.expected(`${testsPath} does not exist: run \`npm run compile-tests\``);
  const main = h.rootPackage().main;
  if (opts.extension === h.ROOT && main && !fs.existsSync(path.join(h.ROOT, main))) {
    throw h.expected(`${main} does not exist: build the extension first (npm run build)`);
  }
  h.clearArtifacts('vscode');
  const runDir = h.makeRunDir('vscode', { keep: opts.keep });
  const workspace = opts.workspace || defaultWorkspace(runDir);
  const env = { ML_LENS_TEST_GREP: opts.grep || undefined };
  const server = await h.startCodeServer({ runDir, folder: workspace, env: JSON.parse(JSON.stringify(env)) });
  const session = await h.launchBrowser();
  const { page } = session;

  // The workbench forwards console output here. Lines between the suite's start and result
  // markers are the mocha report; the rest is workbench noise, shown only when the suite never ran.
  let resolveExit;
  const exitCode = new Promise((r) => { resolveExit = r; });
  let result = null;
  let state = 'before';
  const before = [];
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = Array.isArray(args) ? util.format(...args) : String(args);
    for (const line of text.split('\n')) {
      if (line.trim() === 'ML_LENS_SUITE_START') { state = 'running'; continue; }
      const m = /^ML_LENS_SUITE_RESULT (.*)$/.exec(line.trim());
      if (m) { result = JSON.parse(m[1]); state = 'after'; continue; }
      if (state === 'running') process.stdout.write(`  ${line}\n`);
      else if (state === 'before') before.push(`[${type}] ${line}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => { state = 'after'; resolveExit(Number(code)); });

  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(opts.extension)],
    ['extensionTestsPath', server.remoteUri(testsPath)],
  ];
  h.step('running the extension-host tests (test/suite)');
  h.log(`running test/suite in the extension host (${path.relative(h.ROOT, testsPath) || testsPath})`);
  await page.goto(server.url(workspace, payload), { waitUntil: 'domcontentloaded' });
  const code = await exitCode;
  if (result) {
    // The totals alone on a line (no timestamp), as CI reads closing lines.
    process.stdout.write(`test:vscode: ${result.passes} passed, ${result.failures} failed${result.pending ? `, ${result.pending} skipped` : ''}\n`);
  }
  if (code !== 0) {
    const saved = h.saveFailureLogs('vscode', { server, session });
    h.log(`extension-host tests failed (codeAutomationExit(${code})); logs: ${saved.join(', ')}`);
    if (!result) {
      h.log('the suite reported no results: it did not load or its run() failed before mocha ran. Workbench output:');
      for (const line of before.slice(-60)) process.stdout.write(`  ${line}\n`);
    }
  }
  await session.browser.close();
  await server.stop();
  return code;
}

// ---------------------------------------------------------------- UI scenarios

/** Runs the Playwright scenarios against code-server with the .vsix installed. */
async function runScenarios(opts) {
  const scenarios = require('./scenarios');
  const wanted = opts.only ? scenarios.filter((s) => opts.only.includes(s.name)) : scenarios;
  if (opts.only) {
    const unknown = opts.only.filter((n) => !scenarios.some((s) => s.name === n));
    if (unknown.length) throw h.expected(`unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  }
  let vsix = opts.vsix || h.vsixPath();
  if (!fs.existsSync(vsix)) throw h.expected(`${vsix} does not exist: run \`npm run package\``);
  const runDir = h.makeRunDir(opts.web ? 'e2e-web' : 'e2e', { keep: opts.keep });
  if (opts.web) {
    const web = path.join(runDir, path.basename(vsix).replace(/\.vsix$/, '-web.vsix'));
    const pkg = makeWebOnlyVsix(vsix, web);
    h.log(`web-only copy of ${path.basename(vsix)}: no "main", browser entry ${pkg.browser} (web worker extension host)`);
    vsix = web;
  }
  const workspace = opts.workspace || defaultWorkspace(runDir);
  const ctx = { workspace, runDir, vsix, web: opts.web, extensionRoot: opts.extension, settings: {}, skipReasons: {} };
  for (const s of wanted) if (s.prepare) s.prepare(ctx, h);

  const server = await h.startCodeServer({ runDir, folder: workspace, vsix, settings: ctx.settings });
  const session = await h.launchBrowser();
  Object.assign(ctx, { server, session, page: session.page });
  await h.openWorkbench(session.page, server, workspace);

  const results = [];
  for (const s of wanted) {
    const started = Date.now();
    const secs = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
    const skip = ctx.skipReasons[s.name] || (s.skip && s.skip(ctx, h));
    if (skip) {
      h.log(`- ${s.name}: SKIPPED: ${skip}`);
      results.push({ name: s.name, status: 'skipped' });
      continue;
    }
    h.log(`${s.name}: ${s.title}`);
    h.clearArtifacts(s.name);
    const consoleStart = session.console.length;
    try {
      await s.run(ctx, h);
      const shot = await h.screenshot(session.page, s.name);
      h.log(`✓ ${s.name} (${secs()}) ${path.relative(h.ROOT, shot)}`);
      results.push({ name: s.name, status: 'passed' });
    } catch (e) {
      h.log(`✗ ${s.name} (${secs()}): ${e.message}`);
      await h.screenshot(session.page, `${s.name}-FAILED`).catch(() => {});
      const saved = h.saveFailureLogs(s.name, { server, session });
      fs.appendFileSync(path.join(h.ARTIFACTS, `${s.name}-browser-console.log`),
        `\n----- lines logged during ${s.name} -----\n${session.console.slice(consoleStart).join('\n')}\n`);
      h.log(`  logs: ${saved.join(', ')}`);
      results.push({ name: s.name, status: 'failed', error: e.message });
    }
    // Leave a clean workbench on the workspace for the next scenario.
    if (s === wanted[wanted.length - 1]) break;
    await h.dismiss(session.page).catch(() => {});
    await h.closeAllEditors(session.page).catch(() => {});
    if (new URL(session.page.url()).searchParams.get('folder') !== workspace) {
      await h.openWorkbench(session.page, server, workspace).catch((e) => h.log(`could not reopen ${workspace}: ${e.message}`));
    }
  }
  await server.stop();
  const count = (st) => results.filter((r) => r.status === st).length;
  process.stdout.write(`test:e2e${opts.web ? ' (web worker extension host)' : ''}: ${count('passed')} passed, ${count('failed')} failed${count('skipped') ? `, ${count('skipped')} skipped` : ''}\n`);
  return count('failed') ? 1 : 0;
}

// ---------------------------------------------------------------- main

async function run() {
  const opts = parseArgs(process.argv.slice(2));
  h.ensureSetup();
  if (opts.build) {
    const vsix = h.buildVsix();
    if (!opts.vsix) opts.vsix = vsix;
    if (opts.mode !== 'e2e') h.compileTests();
  }
  let code = 0;
  if (opts.mode === 'vscode' || opts.mode === 'all') code = (await runSuite(opts)) || code;
  if (opts.mode === 'e2e' || opts.mode === 'all') code = (await runScenarios(opts)) || code;
  return code;
}

const mode = process.argv[2] || 'run';
const web = process.argv.includes('--web');
h.main(run, { name: `test:${mode}${web ? ':web' : ''}`, timeoutMs: h.timeoutFromEnv(mode === 'all' ? 600 : mode === 'e2e' ? 420 : 300) });
