#!/usr/bin/env node
'use strict';
// Installs what the real-VS-Code tests need, idempotently; a re-run with everything present
// takes about a second and touches no network.
//
//   1. Debian packages: Chromium (driven by Playwright), ripgrep, and the headers that
//      code-server's native modules build against.
//   2. The download cache of @vscode/ripgrep, seeded with Debian's rg, so that code-server's
//      install does not try to download rg from the internet.
//   3. test/e2e/node_modules: code-server 4.100.3 (= VS Code 1.100.3, the newest for Node 20)
//      and playwright-core (no browser download: it drives Debian's Chromium).
//
// Usage: node test/e2e/setup.js [--force]   (--force reinstalls node_modules)
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const E2E_DIR = __dirname;
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev',
  'build-essential', 'python3', 'pkg-config'];
/** Wanted but not required: a CJK font, so that screenshots of the zh-cn runs show Chinese, not boxes. */
const APT_OPTIONAL = ['fonts-wqy-microhei'];
const RIPGREP_CACHE = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const STAMP = path.join(E2E_DIR, 'node_modules', '.ml-lens-e2e-stamp');
const REQUIRED_FILES = [
  'node_modules/code-server/out/node/entry.js',
  'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'node_modules/playwright-core/package.json',
];

const started = Date.now();
const force = process.argv.includes('--force');

function say(message) {
  process.stdout.write(`[e2e setup] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[e2e setup] ERROR: ${message}\n`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) return { ok: false, why: r.error.message };
  return { ok: r.status === 0, why: `exit code ${r.status}` };
}

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

// ---------------------------------------------------------------- 1. Debian packages

function missingDebianPackages(packages) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...packages], { encoding: 'utf8' });
  const installed = new Set((r.stdout || '').split('\n').filter((l) => / installed$/.test(l)).map((l) => l.split(' ')[0]));
  return packages.filter((p) => !installed.has(p));
}

function setupDebianPackages() {
  if (!which('dpkg-query') || !which('apt-get')) {
    say('not a Debian-like system: skipping apt. You need Chromium (or set ML_LENS_CHROMIUM), ripgrep, and the build tools for code-server (see https://github.com/coder/code-server/blob/main/docs/npm.md).');
    return;
  }
  const missing = missingDebianPackages(APT_PACKAGES);
  const optional = missingDebianPackages(APT_OPTIONAL);
  if (missing.length === 0 && optional.length === 0) {
    say('Debian packages: present');
    return;
  }
  const isRoot = process.getuid && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  if (!isRoot && !which('sudo')) {
    if (missing.length) fail(`missing Debian packages ${missing.join(' ')}; install them as root: apt-get install -y ${missing.join(' ')}`);
    say(`optional Debian packages not installed (no root): ${optional.join(' ')}`);
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const exec = (args) => (sudo.length ? run(sudo[0], [...sudo.slice(1), ...args], { env }) : run(args[0], args.slice(1), { env }));
  // Try from the current package lists first; refresh them only if that fails.
  const install = (packages) => {
    let r = exec(['apt-get', 'install', '-y', '-q', ...packages]);
    if (!r.ok) {
      say('apt-get install failed; running apt-get update and trying again');
      const u = exec(['apt-get', 'update', '-q']);
      if (!u.ok) say(`apt-get update failed (${u.why}); is Debian's archive reachable?`);
      r = exec(['apt-get', 'install', '-y', '-q', ...packages]);
    }
    return r;
  };
  if (missing.length) {
    say(`installing Debian packages: ${missing.join(' ')}`);
    const r = install(missing);
    if (!r.ok) fail(`could not install ${missing.join(' ')} (${r.why}). Install them by hand: apt-get update && apt-get install -y ${missing.join(' ')}`);
  }
  if (optional.length) {
    say(`installing optional Debian packages: ${optional.join(' ')}`);
    const r = install(optional);
    if (!r.ok) say(`could not install ${optional.join(' ')} (${r.why}); the zh-cn screenshots will show boxes, the tests are unaffected`);
  }
}

// ---------------------------------------------------------------- 2. ripgrep cache seed

function seedRipgrepCache() {
  const tarball = path.join(RIPGREP_CACHE, RIPGREP_TARBALL);
  if (fs.existsSync(tarball)) {
    say('ripgrep cache seed: present');
    return;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    say(`ripgrep cache seed: not needed on ${process.platform}-${process.arch} (code-server downloads its own rg)`);
    return;
  }
  const rg = which('rg');
  if (!rg) fail('ripgrep (rg) is not installed: apt-get install -y ripgrep');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-rg-'));
  try {
    fs.copyFileSync(rg, path.join(tmp, 'rg'));
    fs.chmodSync(path.join(tmp, 'rg'), 0o755);
    fs.mkdirSync(RIPGREP_CACHE, { recursive: true });
    const r = run('tar', ['czf', tarball, '-C', tmp, 'rg']);
    if (!r.ok) fail(`could not write ${tarball} (${r.why})`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  say(`ripgrep cache seeded with ${rg}: ${tarball}`);
}

// ---------------------------------------------------------------- 3. node_modules

function wantedStamp() {
  const hash = crypto.createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) {
    const p = path.join(E2E_DIR, f);
    if (fs.existsSync(p)) hash.update(fs.readFileSync(p));
  }
  hash.update(`node ${process.versions.node.split('.')[0]} ${process.platform}-${process.arch}`);
  return hash.digest('hex');
}

function nodeModulesReady() {
  if (!REQUIRED_FILES.every((f) => fs.existsSync(path.join(E2E_DIR, f)))) return false;
  try {
    return fs.readFileSync(STAMP, 'utf8').trim() === wantedStamp();
  } catch {
    return false;
  }
}

function installNodeModules() {
  if (!force && nodeModulesReady()) {
    say('code-server and playwright-core: present');
    return;
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) fail(`code-server 4.100.3 needs Node 20; this is Node ${process.versions.node}`);
  say('installing code-server and playwright-core into test/e2e/node_modules (about 1-2 minutes)');
  const hasLock = fs.existsSync(path.join(E2E_DIR, 'package-lock.json'));
  const env = {
    ...process.env,
    // code-server's postinstall refuses to run as root without this; node-pty's runs npx.
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    // Never download a browser: Playwright drives Debian's Chromium.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = run(npm, [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: E2E_DIR, env });
  if (!r.ok) fail(`npm ${hasLock ? 'ci' : 'install'} in test/e2e failed (${r.why}); see the output above`);
  const missing = REQUIRED_FILES.filter((f) => !fs.existsSync(path.join(E2E_DIR, f)));
  if (missing.length) fail(`after the install these are missing: ${missing.join(', ')} (did code-server's postinstall run?)`);
  fs.writeFileSync(STAMP, `${wantedStamp()}\n`);
}

// ---------------------------------------------------------------- main

setupDebianPackages();
seedRipgrepCache();
installNodeModules();
const chromium = process.env.ML_LENS_CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!chromium) fail('no Chromium found: apt-get install -y chromium (or set ML_LENS_CHROMIUM)');
say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (Chromium: ${chromium})`);
