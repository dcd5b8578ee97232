'use strict';
// Harness for running ML Lens in a real VS Code (code-server) and driving its UI with Playwright.
//
// Everything a run starts is registered for cleanup and stopped by PID, on success, failure,
// timeout, Ctrl+C or SIGTERM. Each run gets fresh user-data and extensions folders and a free
// loopback port.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const E2E_DIR = path.resolve(__dirname, '..');
const ROOT = path.resolve(E2E_DIR, '..', '..');
const ARTIFACTS = path.join(E2E_DIR, 'artifacts');
const RUN_ROOT = path.join(E2E_DIR, '.run');
const CODE_SERVER_ENTRY = path.join(E2E_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'workbench.reduceMotion': 'on',
  'editor.hover.delay': 300,
  'editor.hover.sticky': true,
  'notebook.experimental.openGettingStarted': false,
  'window.commandCenter': false,
  'files.simpleDialog.enable': true,
};

// ---------------------------------------------------------------- logging and steps

const t0 = Date.now();
let currentStep = 'starting';

function elapsed() {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}

function log(message) {
  process.stdout.write(`[${elapsed().padStart(6)}] ${message}\n`);
}

/** Names what the run is doing, for the timeout message. */
function step(name) {
  currentStep = name;
  if (process.env.ML_LENS_E2E_VERBOSE) log(`step: ${name}`);
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes; then throws `message`. */
async function waitFor(fn, { timeoutMs = 10000, intervalMs = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------- processes and cleanup

const cleanups = [];
let cleaning;
/** The latest code-server and browser session, for the logs saved on a timeout. */
const active = {};

/** Registers `fn` to run at cleanup (last registered runs first). Returns an unregister function. */
function onCleanup(fn) {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** Runs every cleanup once, then stops any process this one started that is still alive. */
function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await Promise.race([fn(), sleep(10000)]);
      } catch (e) {
        log(`cleanup: ${e.message}`);
      }
    }
    for (const pid of descendants(process.pid)) killPid(pid, 'SIGKILL');
  })();
  return cleaning;
}

/** Parent PID of each live process, from /proc (empty where /proc does not exist). */
function processTable() {
  const table = new Map();
  let names = [];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return table;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue; // a zombie is already dead
      table.set(Number(name), Number(fields[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** PIDs of every live descendant of `pid`. */
function descendants(pid) {
  const table = processTable();
  const out = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

function alive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

function killPid(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Stops a child process and everything under it: SIGTERM, then SIGKILL after `graceMs`. */
async function stopTree(child, graceMs = 3000) {
  if (!child || !child.pid) return;
  const pids = [child.pid, ...descendants(child.pid)];
  // The child was spawned detached, so it leads its own process group: signal that group too
  // (this also covers systems without /proc).
  killPid(-child.pid, 'SIGTERM');
  for (const pid of pids) killPid(pid, 'SIGTERM');
  const end = Date.now() + graceMs;
  while (Date.now() < end && pids.some(alive)) await sleep(100);
  killPid(-child.pid, 'SIGKILL');
  for (const pid of pids) if (alive(pid)) killPid(pid, 'SIGKILL');
  // Anything that appeared under it meanwhile.
  for (const pid of descendants(child.pid)) killPid(pid, 'SIGKILL');
}

/** Runs a command in the foreground, inheriting stdio; throws with `what` on failure. */
function runChecked(cmd, args, { cwd = ROOT, what, env, quiet = false } = {}) {
  step(what || `${cmd} ${args.join(' ')}`);
  if (what) log(what);
  const started = Date.now();
  // Quiet commands keep their output (merged) and show it only when they fail.
  const r = spawnSync(quiet ? 'sh' : cmd, quiet ? ['-c', '"$0" "$@" 2>&1', cmd, ...args] : args,
    { cwd, stdio: quiet ? ['ignore', 'pipe', 'inherit'] : 'inherit', env: env || process.env, maxBuffer: 64 * 1024 * 1024 });
  const failed = r.error || r.signal || r.status !== 0;
  if (failed && quiet && r.stdout) process.stdout.write(r.stdout.toString().split('\n').slice(-80).join('\n'));
  if (r.error) throw expected(`${what || cmd}: ${r.error.message}`);
  if (r.signal) throw expected(`${what || cmd} was stopped by ${r.signal}`);
  if (r.status !== 0) throw expected(`${what || cmd} failed with exit code ${r.status} (see its output above)`);
  if (what) log(`${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** An error whose message says it all (printed without a stack). */
function expected(message) {
  return Object.assign(new Error(message), { expected: true });
}

/**
 * Runs `body()` as the program: overall timeout, Ctrl+C/SIGTERM handling, cleanup, exit code.
 * `body` returns the exit code (or throws).
 */
async function main(body, { name, timeoutMs }) {
  let finished = false;
  const finish = async (code, message) => {
    if (finished) return;
    finished = true;
    if (message) log(message);
    await cleanup();
    process.exit(code);
  };
  const onSignal = (signal) => {
    if (finished) {
      // A second Ctrl+C: stop everything now.
      for (const pid of descendants(process.pid)) killPid(pid, 'SIGKILL');
      process.exit(130);
    }
    void finish(signal === 'SIGINT' ? 130 : 143, `${name}: interrupted by ${signal} while ${currentStep}; stopping everything it started`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  if (timeoutMs > 0) {
    const timer = setTimeout(() => {
      let saved = [];
      try {
        saved = saveFailureLogs(`timeout-${name.replace(/\W+/g, '-')}`, active);
      } catch {
        // nothing to save
      }
      void finish(124, `${name}: TIMED OUT after ${Math.round(timeoutMs / 1000)} s while ${currentStep}. ` +
        `Raise the limit with ML_LENS_E2E_TIMEOUT=<seconds> if the machine is just slow.${saved.length ? ` Logs: ${saved.join(', ')}` : ''}`);
    }, timeoutMs);
    timer.unref();
  }
  let code;
  try {
    code = await body();
  } catch (e) {
    if (finished) return; // interrupted or timed out: the failure is a consequence, already reported
    // Expected failures (a build, a missing file) print their message; surprises print the stack.
    const detail = e && e.stack && !e.expected ? e.stack : (e && e.message) || String(e);
    log(`${name}: FAILED while ${currentStep}: ${detail}`);
    code = 1;
  }
  await finish(code ?? 0);
}

/** Overall timeout from ML_LENS_E2E_TIMEOUT (seconds), else `defaultSeconds`. */
function timeoutFromEnv(defaultSeconds) {
  const s = Number(process.env.ML_LENS_E2E_TIMEOUT);
  return (s > 0 ? s : defaultSeconds) * 1000;
}

// ---------------------------------------------------------------- setup and build

/** Throws a clear message when the harness's own dependencies are missing. */
function checkInstalled() {
  const missing = [];
  if (!fs.existsSync(CODE_SERVER_ENTRY)) missing.push('code-server');
  if (!fs.existsSync(path.join(E2E_DIR, 'node_modules', 'playwright-core', 'package.json'))) missing.push('playwright-core');
  if (!fs.existsSync(path.join(E2E_DIR, 'node_modules', '.ml-lens-e2e-stamp'))) missing.push('the setup stamp');
  if (!chromiumPath()) missing.push('chromium');
  return missing;
}

/** Runs test/e2e/setup.js when something it installs is missing. */
function ensureSetup() {
  const missing = checkInstalled();
  if (missing.length === 0) return;
  log(`missing ${missing.join(', ')}: running test/e2e/setup.js`);
  runChecked(process.execPath, [path.join(E2E_DIR, 'setup.js')], { what: 'e2e setup' });
  const still = checkInstalled();
  if (still.length) throw expected(`e2e setup did not install ${still.join(', ')}`);
}

function chromiumPath() {
  if (process.env.ML_LENS_CHROMIUM) return process.env.ML_LENS_CHROMIUM;
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
}

function rootPackage() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

/** Path of the .vsix that `npm run package` writes for the current version. */
function vsixPath() {
  const pkg = rootPackage();
  return path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

/**
 * Builds the .vsix with `npm run package` (which also builds dist/ in production mode) into a
 * file of this run, test/e2e/.run/ml-lens-<version>-<pid>.vsix, so that another build running at
 * the same time cannot replace it under us. Removed at cleanup.
 */
function buildVsix() {
  const pkg = rootPackage();
  fs.mkdirSync(RUN_ROOT, { recursive: true });
  const vsix = path.join(RUN_ROOT, `${pkg.name}-${pkg.version}-${process.pid}.vsix`);
  fs.rmSync(vsix, { force: true });
  onCleanup(async () => fs.rmSync(vsix, { force: true }));
  runChecked('npm', ['run', '-s', 'package', '--', '--out', vsix], { what: 'building the .vsix (npm run package)', quiet: true });
  if (!fs.existsSync(vsix)) throw expected(`npm run package did not write ${path.relative(ROOT, vsix)}`);
  return vsix;
}

/** Compiles the TypeScript tests into out/. */
function compileTests() {
  runChecked('npm', ['run', '-s', 'compile-tests'], { what: 'compiling tests (npm run compile-tests)', quiet: true });
}

/** Whether the extension contributes the setting `key` (e.g. `mlLens.glossary.extraFolder`). */
function hasSetting(key, extensionRoot = ROOT) {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  const conf = pkg.contributes && pkg.contributes.configuration;
  return (Array.isArray(conf) ? conf : conf ? [conf] : []).some((c) => c.properties && key in c.properties);
}

// ---------------------------------------------------------------- run folders

/** A fresh folder for this run under test/e2e/.run/, removed at cleanup unless `keep`. */
function makeRunDir(label, { keep = false } = {}) {
  fs.mkdirSync(RUN_ROOT, { recursive: true });
  // Folders of earlier runs whose process is gone (killed hard) are removed now.
  for (const name of fs.readdirSync(RUN_ROOT)) {
    const pid = Number((/-(\d+)(\.vsix)?$/.exec(name) || [])[1]);
    if (pid && pid !== process.pid && !alive(pid)) fs.rmSync(path.join(RUN_ROOT, name), { recursive: true, force: true });
  }
  const dir = path.join(RUN_ROOT, `${label}-${Date.now()}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  if (!keep) onCleanup(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.setTimeout(2000, () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** The environment for code-server: ours without variables that would tie it to another VS Code. */
function serverEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

// ---------------------------------------------------------------- code-server

/**
 * Starts code-server on a free loopback port with fresh user-data and extensions folders.
 * Options: runDir (required), folder (workspace), vsix (installed first), settings (merged over
 * the defaults), env (for the server and so the extension host), port (default: a free one).
 */
/**
 * Writes `languagepacks.json`, the user-data file in which VS Code records the installed language
 * packs (the server reads it to pick the display language). VS Code writes it when a language pack
 * is installed from the workbench; installing from the command line, as the tests do, does not.
 */
function registerLanguagePacks(userDataDir, extensionsDir) {
  const packs = {};
  for (const name of fs.readdirSync(extensionsDir)) {
    let manifest;
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(extensionsDir, name, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const loc of manifest.contributes?.localizations ?? []) {
      const translations = {};
      for (const tr of loc.translations ?? []) translations[tr.id] = path.join(extensionsDir, name, tr.path);
      packs[loc.languageId.toLowerCase()] = {
        hash: require('crypto').createHash('md5').update(`${manifest.publisher}.${manifest.name}@${manifest.version}`).digest('hex'),
        label: loc.localizedLanguageName || loc.languageName,
        extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
        translations,
      };
    }
  }
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

/**
 * A .vsix of the test language pack `fixtures/language-pack-<locale>` (packaged into `runDir`).
 * VS Code for the web switches its display language only to a language for which a language pack
 * is installed; this one translates nothing of VS Code itself, so the workbench stays English while
 * extensions show their own translations for that language.
 */
function languagePackVsix(runDir, locale) {
  const dir = path.join(E2E_DIR, 'fixtures', `language-pack-${locale}`);
  const out = path.join(runDir, `language-pack-${locale}.vsix`);
  runChecked(process.execPath, [require.resolve('@vscode/vsce/vsce', { paths: [ROOT] }), 'package', '--no-dependencies', '--skip-license', '--out', out],
    { cwd: dir, what: `packaging the ${locale} test language pack`, quiet: true });
  return out;
}

/**
 * Starts code-server with the .vsix installed. `trust: true` leaves workspace trust on (folders
 * open in Restricted Mode until trusted); by default it is off, as most scenarios need. `locale`
 * (for example `zh-cn`) is passed as `--locale`; VS Code uses it only when a language pack for it
 * is installed (see languagePackVsix). `extraVsix`: more .vsix files, installed first.
 */
async function startCodeServer({ runDir, folder, vsix, settings = {}, env = {}, port: fixedPort, trust = false, locale, extraVsix = [] }) {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) throw expected('code-server is not installed: run `node test/e2e/setup.js`');
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const config = path.join(runDir, 'code-server.yaml');
  const logFile = path.join(runDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeSettings(userDataDir, trust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', ...settings } : settings);
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const file of [...extraVsix, ...(vsix ? [vsix] : [])]) {
    step(`installing ${path.basename(file)}`);
    const r = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...common, '--install-extension', file],
      { encoding: 'utf8', env: serverEnv(), timeout: 60000 });
    const out = `${r.stdout || ''}${r.stderr || ''}`;
    fs.appendFileSync(logFile, out);
    if (r.status !== 0 || !/successfully installed/i.test(out)) {
      throw expected(`installing ${file} into code-server failed (exit ${r.status}):\n${out.trim()}`);
    }
  }

  if (locale) registerLanguagePacks(userDataDir, extensionsDir);

  const port = fixedPort || await freePort();
  step(`starting code-server on 127.0.0.1:${port}`);
  const fd = fs.openSync(logFile, 'a');
  const args = [CODE_SERVER_ENTRY, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', ...(trust ? [] : ['--disable-workspace-trust']),
    ...(locale ? ['--locale', locale] : [])];
  if (folder) args.push(folder);
  const child = spawn(process.execPath, args, { cwd: runDir, detached: true, stdio: ['ignore', fd, fd], env: serverEnv(env) });
  fs.closeSync(fd);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const server = {
    port,
    pid: child.pid,
    origin: `http://127.0.0.1:${port}`,
    authority: `127.0.0.1:${port}`,
    userDataDir,
    extensionsDir,
    logFile,
    running() {
      return !exited;
    },
    async stop() {
      unregister();
      if (!exited) await stopTree(child);
    },
    /** Workbench URL for `folder`, with an optional payload (array of [key, value]). */
    url(openFolder = folder, payload) {
      const q = [];
      if (openFolder) q.push(`folder=${encodeURIComponent(openFolder)}`);
      if (payload) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      return `http://127.0.0.1:${port}/${q.length ? `?${q.join('&')}` : ''}`;
    },
    /** A vscode-remote URI for an absolute path on this machine. */
    remoteUri(absPath) {
      return `vscode-remote://127.0.0.1:${port}${absPath.split(path.sep).join('/')}`;
    },
    logTail(lines = 40) {
      try {
        return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
  };
  const unregister = onCleanup(() => server.stop());
  active.server = server;
  await waitFor(async () => {
    if (exited) throw expected(`code-server exited early (${JSON.stringify(exited)}):\n${server.logTail()}`);
    return httpOk(`${server.origin}/healthz`);
  }, { timeoutMs: 30000, intervalMs: 150, message: `code-server to answer /healthz on port ${port}` }).catch((e) => {
    if (/exited early/.test(e.message)) throw e;
    throw expected(`${e.message}\n${server.logTail()}`);
  });
  log(`code-server ${child.pid} ready at ${server.origin}`);
  return server;
}

function writeSettings(userDataDir, settings) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.writeFileSync(file, JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
}

// ---------------------------------------------------------------- browser

/** Launches headless Chromium with a page; console lines are collected in `session.console`. */
async function launchBrowser({ viewport = { width: 1280, height: 800 } } = {}) {
  step('launching Chromium');
  const { chromium } = require(path.join(E2E_DIR, 'node_modules', 'playwright-core'));
  const executablePath = chromiumPath();
  if (!executablePath) throw expected('no Chromium found (install Debian\'s chromium, or set ML_LENS_CHROMIUM)');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  onCleanup(() => browser.close());
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const session = { browser, context, page, console: [], dialogs: [] };
  active.session = session;
  page.on('console', (m) => session.console.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => session.console.push(`[pageerror] ${e.message}`));
  page.on('dialog', (d) => {
    session.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return session;
}

// ---------------------------------------------------------------- workbench

/**
 * Opens the workbench on `folder` and waits until the explorer shows the folder's files and the
 * activity bar shows the ML Lens container (the installed extension is registered).
 */
async function openWorkbench(page, server, folder, { activityBarItem = 'ML Lens' } = {}) {
  step(`opening the workbench on ${folder}`);
  firstHover = true;
  await page.goto(server.url(folder), { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
  if (activityBarItem) {
    step(`waiting for the "${activityBarItem}" activity bar item (the extension's contributions)`);
    await page.locator(`.activitybar .action-item [aria-label^="${activityBarItem}"]`).first()
      .waitFor({ state: 'visible', timeout: 30000 })
      .catch(() => { throw new Error(`the activity bar shows no "${activityBarItem}": is the extension installed?`); });
  }
}

/** Opens a workspace file by name through Quick Open (Ctrl+P) and waits for its editor. */
async function openFile(page, name) {
  step(`opening ${name}`);
  await dismiss(page);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(name);
  const base = path.basename(name);
  // Results arrive in steps (recently opened first, then file search) and rows are re-rendered in
  // place, so wait until the selected row has been `base` for two polls in a row, then press Enter.
  const focused = page.locator('.quick-input-list .monaco-list-row.focused .label-name').first();
  let previous = '';
  await waitFor(async () => {
    const label = (await focused.innerText({ timeout: 500 }).catch(() => '')).trim();
    const settled = label === base && previous === base;
    previous = label;
    return settled;
  }, { timeoutMs: 15000, intervalMs: 150, message: `Quick Open to select the file ${name}` });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[data-resource-name="${base}"]`).first().waitFor({ state: 'visible', timeout: 15000 });
  if (base.endsWith('.ipynb')) {
    await page.locator('.notebook-editor .cell-list-container .monaco-list-row').first().waitFor({ state: 'attached', timeout: 30000 });
  } else {
    await page.locator('.editor-instance .view-lines').first().waitFor({ state: 'visible', timeout: 15000 });
  }
}

/** Closes widgets and notifications that could cover what comes next. */
async function dismiss(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
}

/** Closes all editors (View: Close All Editors). */
async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await sleep(200);
}

/**
 * Runs a command from the Command Palette by its title as shown there (for example
 * "ML Lens: Search Glossary"). Throws when the palette does not list it.
 */
async function runCommand(page, title) {
  step(`running the command "${title}"`);
  // The palette's fuzzy filter misses some full titles (for example with a hyphen in a word), so
  // type the title (in any script) up to its first such character and click the row whose label is the title.
  const query = title.split(/[^\p{L}\p{N} :]/u)[0].trim();
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) }).first();
  const input = page.locator('.quick-input-widget input');
  // The palette lists what is registered when it opens: if an extension's commands arrive later
  // (just after the workbench opened), reopen it until they are there.
  const end = Date.now() + 15000;
  for (;;) {
    await dismiss(page);
    await page.keyboard.press('Control+Shift+P');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`>${query}`);
    const found = await row.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
    if (found) break;
    if (Date.now() > end) throw new Error(`the Command Palette does not list "${title}"`);
  }
  await row.click();
}

/** In an open Quick Pick, types `text` and picks the first row whose label contains `label`. */
async function pickQuickItem(page, text, label = text) {
  step(`picking "${label}"`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(text);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 10000 })
    .catch(() => { throw new Error(`the Quick Pick lists no "${label}" after typing "${text}"`); });
  await row.click();
}

// ---------------------------------------------------------------- hovers

/**
 * Screen position of the first whole-word occurrence of `word` in the rendered lines of the
 * editors matched by `scope` (only lines containing `lineIncludes`, when given), or null when no
 * rendered line shows it.
 */
async function wordPosition(page, word, scope, lineIncludes) {
  return page.evaluate(({ word, scope, lineIncludes }) => {
    const isWordChar = (c) => /[A-Za-z0-9_]/.test(c || '');
    for (const lines of document.querySelectorAll(`${scope} .view-lines`)) {
      const rect = lines.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      for (const line of lines.querySelectorAll('.view-line')) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        if (lineIncludes && !text.includes(lineIncludes)) continue;
        let at = text.indexOf(word);
        while (at >= 0 && (isWordChar(text[at - 1]) || isWordChar(text[at + word.length]))) at = text.indexOf(word, at + 1);
        if (at < 0) continue;
        // Map the offset in the line to a text node and measure the middle character.
        const mid = at + Math.floor(word.length / 2);
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const len = node.textContent.length;
          if (mid < offset + len) {
            const range = document.createRange();
            range.setStart(node, mid - offset);
            range.setEnd(node, mid - offset + 1);
            const r = range.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) break;
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
          offset += len;
        }
      }
    }
    return null;
  }, { word, scope, lineIncludes });
}

/** Text of the visible editor hover (not workbench tooltips), or '' when none is shown. */
async function visibleHoverText(page) {
  return page.evaluate(() => [...document.querySelectorAll('.monaco-editor .monaco-hover:not(.hidden)')]
    .filter((el) => el.getBoundingClientRect().height > 0)
    .map((el) => el.innerText.trim())
    .filter(Boolean)
    .join('\n'));
}

/**
 * Moves the mouse over `word` (in an editor matched by `scope`, on the first rendered line that
 * contains `line` when given) and returns the hover's text
 * once it contains every string in `expect`. The first hover after the workbench opens is retried
 * once, since it can come before the extension has activated; later ones are not (`retries`
 * overrides this). A retry moves the mouse away and presses Escape, unless `escapeOnRetry` is false
 * (Escape would end the editing of a notebook's Markdown cell).
 */
let firstHover = true;

async function hover(page, word, { scope = '.editor-instance', line, expect = [], retries, timeoutMs = 8000, escapeOnRetry = true } = {}) {
  step(`hovering "${word}"`);
  if (retries === undefined) retries = firstHover ? 1 : 0;
  firstHover = false;
  for (let attempt = 0; ; attempt++) {
    const pos = await waitFor(() => wordPosition(page, word, scope, line),
      { timeoutMs: 10000, message: `"${word}" to be shown in an editor (${scope})${line ? ` on a line containing "${line}"` : ''}` });
    await page.mouse.move(Math.max(0, pos.x - 60), pos.y);
    await sleep(50);
    await page.mouse.move(pos.x, pos.y, { steps: 4 });
    let text = '';
    try {
      await waitFor(async () => {
        text = await visibleHoverText(page);
        return text && !/^Loading\.\.\.$/m.test(text) && expect.every((s) => text.includes(s));
      }, { timeoutMs: attempt < retries ? Math.min(timeoutMs, 2500) : timeoutMs, message: `a hover over "${word}" containing ${JSON.stringify(expect)}` });
      // Let the fade-in finish, so that screenshots show the hover fully.
      await waitFor(() => page.evaluate(() => document.getAnimations().every((a) => a.playState !== 'running'
        || !(a.effect && a.effect.target && a.effect.target.closest && a.effect.target.closest('.monaco-hover')))),
      { timeoutMs: 2000, intervalMs: 50, message: 'the hover animation' }).catch(() => {});
      await sleep(150);
      return text;
    } catch (e) {
      if (attempt >= retries) throw new Error(`${e.message}; the hover showed: ${JSON.stringify(text)}`);
      log(`no hover over "${word}" yet (${text ? `showed ${JSON.stringify(text.slice(0, 80))}` : 'none'}); retrying once`);
      await page.mouse.move(5, 5);
      if (escapeOnRetry) await page.keyboard.press('Escape');
      await sleep(1000);
    }
  }
}

/**
 * In the open notebook, puts the first Markdown cell whose source contains `word` into edit mode
 * (walking the cells with the keyboard: Down, then Enter to edit a Markdown cell).
 */
async function editMarkdownCell(page, word) {
  step(`editing the Markdown cell that contains "${word}"`);
  const rows = page.locator('.notebook-editor .cell-list-container .monaco-list-row');
  const count = Number(await rows.first().getAttribute('aria-setsize'));
  const focused = page.locator('.notebook-editor .cell-list-container .monaco-list-row.focused');
  // Focus the cell list in command mode (click into a code cell's editor, then Escape), then go to the first cell.
  const codeEditor = page.locator('.notebook-editor .code-cell-row .view-lines').first();
  if (await codeEditor.isVisible()) await codeEditor.click({ position: { x: 2, y: 2 } });
  else await page.locator('.notebook-editor .cell-list-container').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < count; i++) {
    if (i > 0) await page.keyboard.press('ArrowDown');
    await waitFor(async () => Number(await focused.getAttribute('data-index')) === i, { timeoutMs: 3000, message: `cell ${i} to take focus` });
    if (!(await focused.evaluate((r) => r.classList.contains('markdown-cell-row')))) continue;
    await page.keyboard.press('Enter');
    const lines = focused.locator('.view-lines');
    await lines.waitFor({ state: 'visible', timeout: 5000 });
    if ((await lines.innerText()).replace(/\u00a0/g, ' ').includes(word)) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`no Markdown cell in the notebook contains "${word}"`);
}

/** Clicks the link `label` inside the visible hover. */
async function clickHoverLink(page, label) {
  step(`clicking "${label}" in the hover`);
  const link = page.locator('.monaco-editor .monaco-hover:not(.hidden) a', { hasText: label }).first();
  await link.waitFor({ state: 'visible', timeout: 5000 });
  await link.click();
  // Move away so that the (sticky) hover closes and does not cover what opens.
  await page.mouse.move(1, 1);
}

// ---------------------------------------------------------------- views

/** Opens the activity-bar container whose title starts with `title` (e.g. "ML Lens"). */
async function openViewContainer(page, title) {
  step(`opening the "${title}" view container`);
  const item = page.locator(`.activitybar .action-item [aria-label^="${title}"]`).first();
  await item.waitFor({ state: 'visible', timeout: 15000 })
    .catch(() => { throw new Error(`the activity bar has no "${title}" item`); });
  const expanded = await item.evaluate((el) => el.closest('.action-item').classList.contains('checked'));
  // A view badge (a due count) covers the icon; a user's click lands on it and still opens the container.
  if (!expanded) await item.click({ force: true });
  await page.locator('.sidebar .pane-body').first().waitFor({ state: 'visible', timeout: 10000 });
}

/** The sidebar pane (view) whose header title is `name`; the only pane when headers are hidden. */
function viewPane(page, name) {
  return page.locator('.sidebar .pane', { has: page.locator(`.pane-header[aria-label^="${name}"]`) }).first();
}

/** Rows of a tree view: [{ label, text, level, expanded }] (text includes the description). */
async function treeRows(page, viewName) {
  const pane = viewPane(page, viewName);
  await pane.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 15000 })
    .catch(() => { throw new Error(`the "${viewName}" view shows no rows`); });
  return pane.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => ({
    label: (r.querySelector('.label-name') || r).innerText.trim(),
    text: r.innerText.trim(),
    level: Number(r.getAttribute('aria-level')),
    expanded: r.getAttribute('aria-expanded') === 'true',
  })));
}

// ---------------------------------------------------------------- webviews

/**
 * The webview frame (nested iframes) that contains `selector`; `hasText` narrows it to one whose
 * element contains that text.
 */
async function webviewFrame(page, selector, { hasText, timeoutMs = 20000 } = {}) {
  step(`waiting for a webview with ${selector}${hasText ? ` containing "${hasText}"` : ''}`);
  return waitFor(async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        const el = await frame.$(selector);
        if (!el) continue;
        if (hasText && !(await el.innerText()).includes(hasText)) continue;
        return frame;
      } catch {
        // frame detached or not ready
      }
    }
    return null;
  }, { timeoutMs, intervalMs: 200, message: `a webview containing ${selector}${hasText ? ` with "${hasText}"` : ''}` });
}

// ---------------------------------------------------------------- artifacts

function ensureArtifacts() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/** Removes artifacts of an earlier run: <prefix>.png and <prefix>-*. */
function clearArtifacts(prefix) {
  let names = [];
  try {
    names = fs.readdirSync(ARTIFACTS);
  } catch {
    return;
  }
  for (const n of names) if (n === `${prefix}.png` || n.startsWith(`${prefix}-`)) fs.rmSync(path.join(ARTIFACTS, n), { force: true });
}

/** Saves a PNG of the page as test/e2e/artifacts/<name>.png (or `file` when given). */
async function screenshot(page, name, { file, clip } = {}) {
  const out = file || path.join(ensureArtifacts(), `${name}.png`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, clip, timeout: 10000 });
  return out;
}

/** Saves the code-server log and the browser console for a failed run under artifacts/. */
function saveFailureLogs(prefix, { server, session } = {}) {
  ensureArtifacts();
  const saved = [];
  if (server && fs.existsSync(server.logFile)) {
    const out = path.join(ARTIFACTS, `${prefix}-code-server.log`);
    let text = fs.readFileSync(server.logFile, 'utf8');
    // The extension host and renderer logs from the user-data folder, when present.
    const logsDir = path.join(server.userDataDir, 'logs');
    for (const f of listFiles(logsDir).filter((f) => /(remoteexthost|remoteagent|ml.?lens)[^/]*\.log$/i.test(f))) {
      text += `\n\n===== ${path.relative(server.userDataDir, f)} =====\n${fs.readFileSync(f, 'utf8')}`;
    }
    fs.writeFileSync(out, text);
    saved.push(out);
  }
  if (session) {
    const out = path.join(ARTIFACTS, `${prefix}-browser-console.log`);
    fs.writeFileSync(out, `${session.console.join('\n')}\n${session.dialogs.map((d) => `[dialog] ${d}`).join('\n')}\n`);
    saved.push(out);
  }
  return saved.map((f) => path.relative(ROOT, f));
}

function listFiles(dir) {
  const out = [];
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

// ---------------------------------------------------------------- glossary utilities

/** Title and short definition of a glossary entry, read from glossary/<id>.md. */
function glossaryEntry(id, dir = path.join(ROOT, 'glossary')) {
  const src = fs.readFileSync(path.join(dir, `${id}.md`), 'utf8').replace(/\r\n?/g, '\n');
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(src) || [];
  if (!front) throw new Error(`glossary/${id}.md has no front matter`);
  const title = (/^title:\s*(.+)$/m.exec(front) || [])[1].replace(/^["']|["']$/g, '');
  const summary = body.trim().split(/\n\s*\n/)[0].replace(/\s+/g, ' ');
  const level = (/^level:\s*(\w+)\s*$/m.exec(front) || [])[1];
  return { id, title, summary, level };
}

/** The first words of `markdown` as plain text, for matching rendered text. */
function plainStart(markdown, words = 6) {
  return markdown.replace(/[*_`$]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').split(/\s+/).slice(0, words).join(' ');
}

module.exports = {
  ROOT, E2E_DIR, ARTIFACTS, DEFAULT_SETTINGS,
  log, step, sleep, waitFor, main, expected, timeoutFromEnv, onCleanup, cleanup, stopTree, runChecked,
  checkInstalled, ensureSetup, chromiumPath, rootPackage, vsixPath, buildVsix, compileTests, hasSetting,
  makeRunDir, freePort, startCodeServer, languagePackVsix, writeSettings, launchBrowser,
  openWorkbench, openFile, dismiss, closeAllEditors, runCommand, pickQuickItem,
  wordPosition, hover, visibleHoverText, clickHoverLink, editMarkdownCell,
  openViewContainer, viewPane, treeRows, webviewFrame,
  screenshot, saveFailureLogs, clearArtifacts, glossaryEntry, plainStart,
};
