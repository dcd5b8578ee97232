import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import * as esbuild from 'esbuild';
import { compileGlossary } from '../../src/core/glossary/compile';
import { evaluateCompilerBundle } from '../../src/core/glossary/compilerBundle';
import { ROOT, readFolder } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { noNodeBuiltins } = require(path.join(ROOT, 'scripts', 'build', 'noNodeBuiltins.js')) as { noNodeBuiltins(): esbuild.Plugin };

/** A context with a web worker's globals only: no require, module, process, Buffer or setImmediate. */
function workerContext(): vm.Context {
  const ctx = vm.createContext({
    TextDecoder, TextEncoder, URL, URLSearchParams, console, setTimeout, clearTimeout, setInterval, clearInterval,
    queueMicrotask, atob, btoa, performance, structuredClone,
  });
  vm.runInContext('globalThis.self = globalThis;', ctx);
  return ctx;
}

describe('the glossary compiler bundle (dist/compiler.js) in a web worker', () => {
  const bundle = path.join(ROOT, 'dist', 'compiler.js');
  const fixtures = readFolder(path.join(ROOT, 'test/fixtures/glossary'));

  it('evaluates without require, process or Buffer and compiles entries as the compiler does', () => {
    const ctx = workerContext();
    const missing = vm.runInContext('["require","module","exports","process","Buffer","setImmediate","global"].filter((n) => typeof globalThis[n] !== "undefined")', ctx) as string[];
    assert.deepStrictEqual([...missing], [], 'the test context must lack Node globals');
    // The loader's own function, created inside the worker-like context.
    const evaluate = vm.runInContext(`(${evaluateCompilerBundle.toString()})`, ctx) as typeof evaluateCompilerBundle;
    const compile = evaluate(fs.readFileSync(bundle, 'utf8'), 'dist/compiler.js');
    const inWorker = compile(fixtures, {});
    const inNode = compileGlossary(fixtures, {});
    assert.ok(inWorker.index.terms.some((t) => t.id === 'adam-optimizer'), `no adam-optimizer among ${inWorker.index.terms.map((t) => t.id).join(', ')}`);
    assert.strictEqual(JSON.stringify(inWorker.index), JSON.stringify(inNode.index));
    assert.strictEqual(JSON.stringify(inWorker.bodies), JSON.stringify(inNode.bodies));
  });

  it('reports a bad entry by file and line, and keeps the others', () => {
    const compile = vm.runInContext(`(${evaluateCompilerBundle.toString()})`, workerContext())(fs.readFileSync(bundle, 'utf8'), 'dist/compiler.js') as typeof compileGlossary;
    const broken = { file: 'mine/broken.md', source: '---\ntitle: [unclosed\n---\nBody.\n' };
    const result = compile([...fixtures, broken], {});
    const problem = result.problems.find((p) => p.file === 'mine/broken.md');
    assert.ok(problem, `no problem reported for mine/broken.md: ${JSON.stringify(result.problems)}`);
    assert.ok(typeof problem.line === 'number' && problem.line > 0, `the problem has no line: ${JSON.stringify(problem)}`);
    assert.ok(result.index.terms.some((t) => t.id === 'adam-optimizer'));
  });

  it('says so when a source does not export compileGlossary', () => {
    assert.throws(() => evaluateCompilerBundle('module.exports = {};', 'other.js'), /other\.js does not export compileGlossary/);
  });
});

describe('no Node built-ins in browser bundles (esbuild plugin)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-builtins-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const build = (entry: string) => esbuild.build({
    entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'iife', logLevel: 'silent', plugins: [noNodeBuiltins()],
  });

  for (const spec of ['fs', 'node:fs', 'fs/promises', 'node:path']) {
    it(`fails the build on an import of "${spec}", naming the importing file`, async () => {
      const helper = path.join(dir, `helper-${spec.replace(/\W/g, '_')}.ts`);
      const entry = path.join(dir, `entry-${spec.replace(/\W/g, '_')}.ts`);
      fs.writeFileSync(helper, `import * as m from '${spec}';\nexport const x = Object.keys(m).length;\n`);
      fs.writeFileSync(entry, `import { x } from './${path.basename(helper, '.ts')}';\nconsole.log(x);\n`);
      await assert.rejects(build(entry), (e: Error & { errors?: esbuild.Message[] }) => {
        const texts = (e.errors ?? []).map((m) => m.text);
        assert.ok(texts.some((t) => t.includes(`"${spec}" is a Node built-in module`) && t.includes(helper)), `unexpected errors: ${texts.join(' | ')}`);
        return true;
      });
    });
  }

  it('allows what a package maps to `false` in its browser field, and plain modules', async () => {
    const pkg = path.join(dir, 'node_modules', 'uses-fs-in-node');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'uses-fs-in-node', main: 'index.js', browser: { fs: false } }));
    fs.writeFileSync(path.join(pkg, 'index.js'), 'var fs = require("fs"); module.exports = typeof fs.readFileSync;\n');
    const entry = path.join(dir, 'ok.ts');
    fs.writeFileSync(entry, 'import kind from "uses-fs-in-node";\nconsole.log(kind, [1, 2].map(String));\n');
    const result = await build(entry);
    assert.strictEqual(result.errors.length, 0);
    assert.ok(!result.outputFiles[0].text.includes('require("fs")'), 'the bundle still requires fs');
  });
});

describe('workspace resources go through URIs (virtual workspaces, the web worker host)', () => {
  const dir = path.join(ROOT, 'src', 'vscode');
  const files = [...fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)), path.join(ROOT, 'src', 'extension.ts')];
  // resourcePaths.ts turns a path setting into a URI and a URI into a path for messages; nothing else may.
  const allowed = new Set([path.join(dir, 'resourcePaths.ts')]);

  it('finds the extension sources', () => assert.ok(files.length >= 10, `only ${files.length} files`));

  for (const f of files) {
    it(`${path.relative(ROOT, f)} uses no fsPath, Uri.file or require`, () => {
      const lines = fs.readFileSync(f, 'utf8').split('\n');
      const found = lines.map((l, i) => [i + 1, l] as const)
        .filter(([, l]) => /\brequire\s*\(/.test(l) || (!allowed.has(f) && /\.fsPath\b|Uri\.file\s*\(/.test(l)))
        .map(([n, l]) => `${path.relative(ROOT, f)}:${n}: ${l.trim()}`);
      assert.deepStrictEqual(found, []);
    });
  }
});
