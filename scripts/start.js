#!/usr/bin/env node
'use strict';
// `npm start`: builds ML Lens and opens it in a real VS Code with samples/ as the workspace.
//
// - With a desktop VS Code (`code` on PATH): launches it with --extensionDevelopmentPath.
// - Otherwise: starts code-server (installed by test/e2e/setup.js, run here if needed) on a
//   loopback port with the extension installed, prints the URL to open in a browser, and keeps
//   running until Ctrl+C, then stops everything it started.
//
// Options: --code-server (use code-server even where `code` exists), --port N (default: a free one).
// The extension folder is linked, not copied: after `npm run watch` rebuilds dist/, run
// "Developer: Reload Window" in the browser to load the new build.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SAMPLES = path.join(ROOT, 'samples');
const args = process.argv.slice(2);
const forceCodeServer = args.includes('--code-server');
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 0;

function say(message) {
  process.stdout.write(`[start] ${message}\n`);
}

function build() {
  say('building the extension (npm run build)');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    say('the build failed; see the output above');
    process.exit(r.status || 1);
  }
}

/** A desktop VS Code CLI on PATH, or null (the remote CLI of a VS Code terminal counts too). */
function desktopCode() {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { encoding: 'utf8' });
  const found = r.status === 0 && r.stdout.trim().split(/\r?\n/)[0];
  if (!found) return null;
  // code-server's own `code` script (test/e2e/node_modules) is not a desktop VS Code.
  if (found.includes(`${path.sep}code-server${path.sep}`)) return null;
  return found;
}

function startDesktop(code) {
  say(`opening ${path.relative(ROOT, SAMPLES)}/ in VS Code (${code}) with the extension loaded from ${ROOT}`);
  const child = spawn(code, ['--new-window', `--extensionDevelopmentPath=${ROOT}`, SAMPLES], { stdio: 'inherit', detached: true });
  child.on('error', (e) => {
    say(`could not start ${code}: ${e.message}`);
    process.exit(1);
  });
  child.unref();
}

async function startCodeServer() {
  const h = require('../test/e2e/lib/harness');
  await h.main(async () => {
    h.ensureSetup();
    const runDir = h.makeRunDir('start');
    // Install by linking the repository into a fresh extensions folder.
    const pkg = h.rootPackage();
    const extensionsDir = path.join(runDir, 'extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.symlinkSync(ROOT, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
    const server = await h.startCodeServer({ runDir, folder: SAMPLES, port: portArg || undefined });
    const url = server.url(SAMPLES);
    process.stdout.write(`\n  ML Lens is running in VS Code ${codeServerVersion()} (code-server).\n` +
      `  Open this URL in a browser:\n\n    ${url}\n\n` +
      `  Rebuild with \`npm run build\` (or keep \`npm run watch\` running), then run "Developer: Reload Window".\n` +
      `  Server log: ${path.relative(ROOT, server.logFile)}\n  Press Ctrl+C to stop.\n\n`);
    h.step('serving (Ctrl+C to stop)');
    // Keep running until Ctrl+C (handled by h.main) or until the server itself stops.
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        if (!server.running()) {
          clearInterval(timer);
          h.log(`code-server stopped by itself; last lines of its log:\n${server.logTail(20)}`);
          resolve(1);
        }
      }, 1000);
    });
  }, { name: 'start', timeoutMs: 0 });
}

function codeServerVersion() {
  try {
    const p = require.resolve('code-server/lib/vscode/package.json', { paths: [path.join(ROOT, 'test', 'e2e')] });
    return JSON.parse(fs.readFileSync(p, 'utf8')).version;
  } catch {
    return '';
  }
}

build();
const code = forceCodeServer ? null : desktopCode();
if (code) startDesktop(code);
else void startCodeServer();
