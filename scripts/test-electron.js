#!/usr/bin/env node
'use strict';
// `npm run test:electron`: runs test/suite/ (the extension-host mocha suite) in a desktop VS Code
// that @vscode/test-electron downloads into .vscode-test/. This needs access to the VS Code
// download servers; without it, the script says so and exits with code 2. `npm run test:vscode`
// runs the same suite offline, in code-server.
//
// Environment: ML_LENS_VSCODE_VERSION (default "stable"; a cached build is reused offline),
// ML_LENS_TEST_GREP (run only matching tests).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SAMPLES = path.join(ROOT, 'samples');
const TESTS = path.join(ROOT, 'out', 'test', 'suite', 'index.js');
const CACHE = path.join(ROOT, '.vscode-test');
const version = process.env.ML_LENS_VSCODE_VERSION || 'stable';

function say(message) {
  process.stdout.write(`[test:electron] ${message}\n`);
}

function cannot(message) {
  process.stderr.write(`[test:electron] CANNOT RUN: ${message}\n`);
  process.exit(2);
}

function npm(script) {
  say(`npm run ${script}`);
  const r = spawnSync('npm', ['run', '-s', script], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    say(`npm run ${script} failed`);
    process.exit(r.status || 1);
  }
}

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

async function main() {
  let testElectron;
  try {
    testElectron = require('@vscode/test-electron');
  } catch {
    cannot('@vscode/test-electron is not installed: run `npm install`.');
  }

  // 1. VS Code itself (first, so that a machine without internet learns it at once).
  say(`getting VS Code ${version} (cached in ${path.relative(ROOT, CACHE)}/)`);
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode({ version, cachePath: CACHE, timeout: 30000 });
  } catch (e) {
    cannot(`could not download VS Code ${version}: ${e && e.message ? e.message : e}\n` +
      '  This machine cannot reach the VS Code download servers (update.code.visualstudio.com), and no\n' +
      `  matching build is cached in ${path.relative(ROOT, CACHE)}/. Run the same suite offline with:\n\n` +
      '      npm run test:vscode     (code-server, installed from npm by test/e2e/setup.js)\n');
  }

  // 2. A display: desktop VS Code is an Electron app.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    if (!process.env.ML_LENS_UNDER_XVFB && hasCommand('xvfb-run')) {
      say('no display: re-running under xvfb-run');
      const r = spawnSync('xvfb-run', ['-a', process.execPath, __filename, ...process.argv.slice(2)],
        { stdio: 'inherit', env: { ...process.env, ML_LENS_UNDER_XVFB: '1' } });
      process.exit(r.status ?? 1);
    }
    cannot('no display (DISPLAY is unset) and no xvfb-run: install it (apt-get install -y xvfb) or run from a desktop session.');
  }

  // 3. Build the extension and the tests.
  npm('build');
  npm('compile-tests');
  if (!fs.existsSync(TESTS)) cannot(`${path.relative(ROOT, TESTS)} was not produced by npm run compile-tests`);

  // 4. Run.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-electron-'));
  const launchArgs = [
    fs.existsSync(SAMPLES) ? SAMPLES : ROOT,
    '--disable-extensions',
    '--disable-workspace-trust',
    '--skip-welcome',
    '--skip-release-notes',
    `--user-data-dir=${userDataDir}`,
  ];
  if (process.getuid && process.getuid() === 0) launchArgs.push('--no-sandbox');
  try {
    const code = await testElectron.runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS,
      launchArgs,
      extensionTestsEnv: process.env.ML_LENS_TEST_GREP ? { ML_LENS_TEST_GREP: process.env.ML_LENS_TEST_GREP } : undefined,
    });
    process.exitCode = code;
  } catch (e) {
    say(`the extension-host tests failed: ${e && e.message ? e.message : e}`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`[test:electron] ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
