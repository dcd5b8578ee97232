// Builds every bundle of ML Lens. `node esbuild.js [--production] [--watch] [--only a,b]`.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const { noNodeBuiltins } = require('./scripts/build/noNodeBuiltins');

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
    mainFields: ['browser', 'module', 'main'], plugins: [noNodeBuiltins()],
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
    platform: 'browser', format: 'iife', target: 'es2022', plugins: [noNodeBuiltins()],
  },
  'term-webview': {
    entryPoints: ['src/webview/termPage/main.ts'], outfile: 'dist/webview/termPage.js',
    platform: 'browser', format: 'iife', target: 'es2022', plugins: [noNodeBuiltins()],
  },
  'review-webview': {
    entryPoints: ['src/webview/review/main.ts'], outfile: 'dist/webview/review.js',
    platform: 'browser', format: 'iife', target: 'es2022', plugins: [noNodeBuiltins()],
  },
  'notebook-terms': {
    // A notebook renderer is an ES module loaded in the notebook's webview.
    entryPoints: ['src/webview/notebookTerms/main.ts'], outfile: 'dist/notebook/markdownTerms.js',
    platform: 'browser', format: 'esm', target: 'es2022', plugins: [noNodeBuiltins()],
    banner: { js: 'const ML_LENS_MODULE_URL = import.meta.url;' },
  },
  // One bundle for both extension hosts: src/vscode/compilerLoader.ts evaluates it with
  // `module`/`exports` only (no require, no process), in Node and in a web worker alike.
  compiler: {
    entryPoints: ['src/core/glossary/compile.ts'], outfile: 'dist/compiler.js',
    platform: 'browser', format: 'cjs', target: 'es2022', mainFields: ['browser', 'module', 'main'],
    sourcemap: false, plugins: [noNodeBuiltins()],
  },
  tools: {
    entryPoints: ['scripts/glossary.ts', 'scripts/glossary-examples.ts'], outdir: 'out/tools',
    platform: 'node', format: 'cjs', target: 'node18', sourcemap: true,
  },
};

/**
 * The notebook renderer may read only files beside it (its webview's resource root is the
 * renderer's folder), so it gets its own copy of the index, cut to what matching and tooltips use.
 */
function notebookGlossary() {
  const from = path.join(__dirname, 'dist', 'glossary', 'index.json');
  if (!fs.existsSync(from)) {
    console.warn('[esbuild] dist/glossary/index.json is missing: run npm run glossary:build for notebook glossary terms');
    return;
  }
  const index = JSON.parse(fs.readFileSync(from, 'utf8'));
  const terms = index.terms.map((t) => ({ id: t.id, title: t.title, category: t.category, summary: t.summary, ...(t.l10n ? { l10n: t.l10n } : {}), aliases: [], code: [], tags: [], related: [] }));
  fs.mkdirSync('dist/notebook', { recursive: true });
  fs.writeFileSync('dist/notebook/glossary.json', JSON.stringify({ version: index.version, categories: [], terms, keys: index.keys }));
}

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
  if (names.includes('notebook-terms')) notebookGlossary();
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
