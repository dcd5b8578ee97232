import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { builtinModules } from 'module';
import { ROOT } from './fixtures';

/** Every module specifier a TypeScript file imports or requires. */
function imports(source: string): string[] {
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  const out: string[] = [];
  for (const m of source.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
}

describe('core boundary (src/core and src/shared)', () => {
  const files = [...walk(path.join(ROOT, 'src/core')), ...walk(path.join(ROOT, 'src/shared'))];
  const allowed = [path.join(ROOT, 'src/core'), path.join(ROOT, 'src/shared')];
  const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

  it('finds the core sources', () => assert.ok(files.length >= 8, `only ${files.length} files`));

  it('the import scanner sees imports, requires and dynamic imports', () => {
    assert.deepStrictEqual(imports(`import * as fs from 'fs';\nconst x = require("path");\nawait import('vscode');\nimport 'os';`), ['fs', 'path', 'vscode', 'os']);
  });

  for (const f of files) {
    it(`${path.relative(ROOT, f)} imports neither vscode nor Node-only modules`, () => {
      for (const spec of imports(fs.readFileSync(f, 'utf8'))) {
        assert.notStrictEqual(spec, 'vscode', `${f} imports vscode`);
        assert.ok(!node.has(spec), `${f} imports the Node module "${spec}"`);
        if (!spec.startsWith('.')) assert.ok(!spec.includes('tfjs-node'), `${f} imports ${spec}`);
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(f), spec);
          assert.ok(allowed.some((dir) => target.startsWith(dir + path.sep)), `${f} reaches outside src/core and src/shared via ${spec}`);
        }
      }
    });
  }

  const coreFiles = walk(path.join(ROOT, 'src/core'));
  it('the core never imports the webview protocol (src/shared)', () => {
    const shared = path.join(ROOT, 'src/shared');
    const offenders = coreFiles.filter((f) =>
      imports(fs.readFileSync(f, 'utf8')).some((spec) => spec.startsWith('.') && path.resolve(path.dirname(f), spec).startsWith(shared + path.sep)),
    );
    assert.deepStrictEqual(offenders.map((f) => path.relative(ROOT, f)), []);
  });
});
