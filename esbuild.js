// Builds every bundle of ML Lens. `node esbuild.js [--production] [--watch] [--only a,b]`.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1].split(',')) : undefined;

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {Record<string, import('esbuild').BuildOptions>} */
const targets = {
  extension: {
    entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js',
    platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'],
  },
  web: {
    entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js',
    platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
  },
  cli: {
    entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js',
    platform: 'node', format: 'cjs', target: 'node18', banner: { js: '#!/usr/bin/env node' },
  },
  'lab-cli': {
    entryPoints: ['src/lab/cli.ts'], outfile: 'dist/lab-cli.js',
    platform: 'node', format: 'cjs', target: 'node18',
  },
  'lab-webview': {
    entryPoints: ['src/webview/lab/main.ts'], outfile: 'dist/webview/lab.js',
    platform: 'browser', format: 'iife', target: 'es2022',
  },
  'term-webview': {
    entryPoints: ['src/webview/termPage/main.ts'], outfile: 'dist/webview/termPage.js',
    platform: 'browser', format: 'iife', target: 'es2022',
  },
  'review-webview': {
    entryPoints: ['src/webview/review/main.ts'], outfile: 'dist/webview/review.js',
    platform: 'browser', format: 'iife', target: 'es2022',
  },
  compiler: {
    entryPoints: ['src/core/glossary/compile.ts'], outfile: 'dist/compiler.js',
    platform: 'node', format: 'cjs', target: 'node18',
  },
  tools: {
    entryPoints: ['scripts/glossary.ts', 'scripts/glossary-examples.ts'], outdir: 'out/tools',
    platform: 'node', format: 'cjs', target: 'node18', sourcemap: true,
  },
};

async function main() {
  const names = Object.keys(targets).filter((n) => !only || only.has(n))
    .filter((n) => targets[n].entryPoints.every((e) => fs.existsSync(path.join(__dirname, e))));
  if (names.includes('lab-webview')) {
    // The lab's wasm backend loads these at run time; the packaged extension has no node_modules.
    fs.mkdirSync('dist/webview', { recursive: true });
    for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
      fs.copyFileSync(require.resolve(`@tensorflow/tfjs-backend-wasm/dist/${f}`), path.join('dist/webview', f));
    }
  }
  if (names.includes('term-webview')) {
    // Term pages carry formulas typeset at build time; they need KaTeX's stylesheet and fonts (woff2 only).
    const from = path.dirname(require.resolve('katex/dist/katex.min.css'));
    fs.mkdirSync('dist/webview/katex/fonts', { recursive: true });
    fs.copyFileSync(path.join(from, 'katex.min.css'), 'dist/webview/katex/katex.min.css');
    for (const f of fs.readdirSync(path.join(from, 'fonts')).filter((n) => n.endsWith('.woff2'))) {
      fs.copyFileSync(path.join(from, 'fonts', f), path.join('dist/webview/katex/fonts', f));
    }
  }
  const contexts = await Promise.all(names.map((n) => esbuild.context({ ...common, ...targets[n] })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log(`[esbuild] watching ${names.join(', ')}`);
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
