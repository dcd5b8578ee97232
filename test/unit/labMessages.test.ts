import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isExtensionToLabMessage, isLabToExtensionMessage, isTermId, parseLabBootConfig } from '../../src/shared/messages';

describe('lab: message validation', () => {
  it('accepts the lab messages', () => {
    assert.ok(isLabToExtensionMessage({ type: 'lab/ready' }));
    assert.ok(isLabToExtensionMessage({ type: 'lab/openTerm', id: 'pre-training' }));
    assert.ok(isLabToExtensionMessage({ type: 'lab/openTerm', id: 'masked-language-modeling' }));
    assert.ok(isLabToExtensionMessage({ type: 'lab/log', level: 'warn', message: 'wasm missing' }));
    assert.ok(isExtensionToLabMessage({ type: 'lab/runAll' }));
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'lab/ready',
      42,
      [],
      { type: 'lab/unknown' },
      { type: 'lab/openTerm' },
      { type: 'lab/openTerm', id: 7 },
      { type: 'lab/openTerm', id: '../../etc/passwd' },
      { type: 'lab/openTerm', id: 'Pre-Training' },
      { type: 'lab/openTerm', id: 'a--b' },
      { type: 'lab/openTerm', id: 'x'.repeat(81) },
      { type: 'lab/openTerm', id: 'javascript:alert(1)' },
      { type: 'lab/log', level: 'debug', message: 'x' },
      { type: 'lab/log', level: 'info', message: { toString: () => 'x' } },
      { type: 'lab/log', level: 'info', message: 'x'.repeat(5000) },
    ];
    for (const m of bad) assert.ok(!isLabToExtensionMessage(m), `accepted ${JSON.stringify(m)}`);
    assert.ok(!isExtensionToLabMessage({ type: 'lab/ready' }));
    assert.ok(!isExtensionToLabMessage(null));
  });

  it('validates term ids', () => {
    assert.ok(isTermId('few-shot-learning'));
    assert.ok(!isTermId('few shot'));
    assert.ok(!isTermId(''));
  });

  it('parses the boot config defensively', () => {
    assert.deepStrictEqual(parseLabBootConfig('{"wasmBase":"https://x/dist/webview/"}'), { wasmBase: 'https://x/dist/webview/' });
    assert.deepStrictEqual(parseLabBootConfig('{"wasmBase":"https://x/no-slash"}'), {});
    assert.deepStrictEqual(parseLabBootConfig('{"wasmBase":5}'), {});
    assert.deepStrictEqual(parseLabBootConfig('not json'), {});
    assert.deepStrictEqual(parseLabBootConfig(undefined), {});
  });
});

describe('lab: panel security', () => {
  const source = fs.readFileSync(path.join(__dirname, '../../../src/vscode/labPanel.ts'), 'utf8');

  it('builds its page with the shared CSP shell and limits local resource roots to dist/webview and media', () => {
    assert.match(source, /webviewPageHtml\(/);
    assert.doesNotMatch(source, /'unsafe-inline'|'unsafe-eval'/);
    const roots = /localResourceRoots:\s*\[([^\]]*)\]/.exec(source)?.[1] ?? '';
    assert.deepStrictEqual(roots.match(/'[^']+'/g), ["'dist'", "'webview'", "'media'"]);
  });

  it('validates every message before use', () => {
    assert.match(source, /if \(!isLabToExtensionMessage\(raw\)\)/);
  });
});

describe('lab: platform-neutral core', () => {
  const dir = path.join(__dirname, '../../../src/core/lab');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it('imports only tfjs-core and its backends, never the full tfjs, vscode or Node modules', () => {
    assert.ok(files.length >= 8);
    for (const f of files) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/from\s+'([^']+)'|import\s+'([^']+)'|require\(\s*'([^']+)'\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec.startsWith('./')) continue;
        assert.ok(['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm'].includes(spec), `${f} imports ${spec}`);
      }
    }
  });
});
