import * as assert from 'assert';
import fc from 'fast-check';
import { tokenize } from '../../src/core/tokenizer';
import { normalizeToken } from '../../src/core/normalize';
import { parseNotebook } from '../../src/core/notebook';
import { scanSlices, scanText } from '../../src/core/scan';
import { analyzeDocument, callSiteAt, type LanguageFamily } from '../../src/core/documentContext';
import { createMarkdownRenderer } from '../../src/core/markdown';
import { fixtureIndex } from './fixtures';

/** Text made of pieces that exercise the tokenizer and matcher: terms, identifiers, line ends, odd characters. */
const PIECES = [
  'learning_rate', 'lr', 'AdamW', 'nn.Dropout', 'pre-training', ' ', '  ', '\n', '\r\n', '\r', '\t', '_', '.', '-', '(', ')', '=', ',',
  '"', "'", '`', '#', '//', '/*', '*/', '"""', 'MnistTransferCNN', 'tok_emb', 'ln_f', 'TensorFlow', 'loss', 'labels', 'bias=False',
  'constructor', '__proto__', 'é', '😀', '\u0000', '\uFEFF', 'x'.repeat(45), 'http://a/b', '```', 'import torch\n',
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const family = fc.constantFrom<LanguageFamily>('python', 'c', 'hash', 'markdown', 'prose', 'data');
const RUNS = { numRuns: 1500 };

/** The line and column (UTF-16 units) of every offset, splitting lines as VS Code does. */
function positions(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let line = 0;
  let col = 0;
  for (let i = 0; i < s.length; i++) {
    out.push([line, col]);
    const c = s[i];
    if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) {
      line++;
      col = 0;
    } else col++;
  }
  out.push([line, col]);
  return out;
}

/** Every attribute (name and value) of every tag in `html`, reading quoted values as values. */
function attributes(html: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const TAG = /<[a-zA-Z][\w-]*((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const ATTR = /\s([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
  for (const tag of html.matchAll(TAG)) {
    for (const a of tag[1].matchAll(ATTR)) out.push([a[1], (a[2] ?? '').replace(/^["']|["']$/g, '')]);
  }
  return out;
}

describe('properties (fast-check)', function () {
  this.timeout(60_000);

  it('tokens lie inside the text, in order, and say what they cover', () => {
    fc.assert(
      fc.property(text, (s) => {
        let last = 0;
        for (const t of tokenize(s)) {
          assert.ok(t.start >= 0 && t.end <= s.length && t.start < t.end);
          if (t.cont) continue;
          assert.ok(t.start >= last, 'tokens out of order');
          assert.strictEqual(t.text, s.slice(t.start, t.end));
          last = t.end;
        }
      }),
      RUNS,
    );
  });

  it('normalising a word always gives a string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (w) => typeof normalizeToken(w) === 'string'), RUNS);
  });

  it('scans give ordered, non-overlapping matches whose positions point at their text', () => {
    const index = fixtureIndex();
    fc.assert(
      fc.property(text, family, (s, fam) => {
        const ctx = analyzeDocument(s, fam);
        const pos = positions(s);
        const lineStart = new Map<number, number>();
        pos.forEach(([l, c], i) => c === 0 && !lineStart.has(l) && lineStart.set(l, i));
        let last = -1;
        for (const o of scanText(index, s, undefined, ctx)) {
          const at = (lineStart.get(o.line) ?? -1) + o.column;
          assert.ok(at > last, 'matches overlap or are out of order');
          assert.strictEqual(s.slice(at, at + o.text.length), o.text);
          last = at;
        }
      }),
      RUNS,
    );
  });

  it('scanning in slices finds what one scan finds', () => {
    const index = fixtureIndex();
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 50 }), (s, slice) => {
        const whole = scanText(index, s);
        const parts = [...scanSlices(index, s, undefined, undefined, slice)].flat();
        assert.deepStrictEqual(parts, whole);
      }),
      RUNS,
    );
  });

  it('a hover never throws and returns a match covering the cursor or its identifier', () => {
    const index = fixtureIndex();
    fc.assert(
      fc.property(text, family, fc.nat(), (s, fam, n) => {
        const offset = s.length ? n % (s.length + 1) : 0;
        const ctx = analyzeDocument(s, fam);
        const m = index.matcher.matchAt(s, offset, { env: { ctx, base: 0 } });
        if (m) assert.ok(m.start >= 0 && m.end <= s.length && m.start < m.end);
        const c = callSiteAt(s, offset, offset);
        if (c) assert.ok(c.callee.length > 0);
      }),
      RUNS,
    );
  });

  it('notebook parsing returns cells or throws an Error with a message, never anything else', () => {
    const cell = fc.record({
      cell_type: fc.constantFrom('code', 'markdown', 'raw', 3, null),
      source: fc.oneof(fc.string(), fc.array(fc.string()), fc.array(fc.anything()), fc.anything()),
    });
    const notebook = fc.oneof(fc.record({ cells: fc.array(cell, { maxLength: 5 }) }).map((o) => JSON.stringify(o)), fc.json(), fc.string());
    fc.assert(
      fc.property(notebook, (json) => {
        try {
          for (const c of parseNotebook(json)) assert.strictEqual(typeof c.source, 'string');
        } catch (e) {
          assert.ok(e instanceof Error && e.message.length > 0);
        }
      }),
      RUNS,
    );
  });

  it('rendered Markdown never carries script, event handlers or unsafe links', () => {
    const md = createMarkdownRenderer();
    const hostile = fc.array(
      fc.constantFrom(
        '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[a](javascript:alert(1))', '[a](data:text/html,x)', '[a](vbscript:x)',
        '![i](javascript:x)', '<a href="javascript:x">a</a>', '$x$', '$$y$$', '```html\n<script>x</script>\n```', '`<b>`', '**b**', '\n\n', ' ',
        '[t](term:dropout)', '[h](https://example.com "t")', '<svg onload=x>', '&lt;', '| a | b |\n|---|---|\n| 1 | 2 |', 'JaVaScRiPt:',
      ),
      { maxLength: 12 },
    ).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ maxLength: 200 })), (src) => {
        const html = md.render(src);
        assert.doesNotMatch(html, /<script/i);
        for (const [name, value] of attributes(html)) {
          assert.ok(!/^on/i.test(name), `event handler attribute ${name} in ${html}`);
          if (/^(href|src)$/i.test(name)) assert.doesNotMatch(value.trim(), /^(javascript|data|vbscript):/i, html);
        }
      }),
      RUNS,
    );
  });
});
