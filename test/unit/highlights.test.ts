import * as assert from 'assert';
import { ConceptFollower } from '../../src/core/conceptFollow';
import { highlightRanges, parseHighlightMode, termCounts } from '../../src/core/highlightModel';
import { dirtyLines, LineScan, lineStarts, skeleton, type LineEdit } from '../../src/core/lineScan';
import { scanText } from '../../src/core/scan';
import { fixtureIndex } from './fixtures';

const index = fixtureIndex();
const SOURCE = [
  'import torch',
  'opt = torch.optim.AdamW(model.parameters(), lr=3e-4)',
  'x = dropout(x)',
  'plain = 1',
  '# the learning rate is too high',
  'loss = 2',
].join('\n');

function analyze(text: string): ReturnType<typeof index.analyze> {
  return index.analyze(text, 'python');
}

/** Occurrences as [line, column, text, term] tuples, for comparing scans. */
function tuples(scan: LineScan): Array<[number, number, string, string]> {
  return [...scan.occurrences()].map((o) => [o.line, o.column, o.text, o.term]);
}

/** Applies a single-range edit given in line/column terms; returns the new text and the edit as an editor reports it. */
function edit(text: string, start: [number, number], end: [number, number], insert: string): { text: string; edit: LineEdit } {
  const starts = lineStarts(text);
  const a = starts[start[0]] + start[1];
  const b = starts[end[0]] + end[1];
  return { text: text.slice(0, a) + insert + text.slice(b), edit: { startLine: start[0], endLine: end[0], text: insert } };
}

describe('line scan', () => {
  it('splits lines at \\n, \\r\\n and a lone \\r', () => {
    assert.deepStrictEqual(lineStarts('a\nb\r\nc\rd'), [0, 2, 5, 7]);
    assert.deepStrictEqual(lineStarts(''), [0]);
  });

  it('keeps the same occurrences as a whole-text scan, by line', () => {
    const scan = LineScan.of(index, SOURCE, analyze(SOURCE));
    const flat = scanText(index, SOURCE, undefined, analyze(SOURCE)).map((o) => [o.line, o.column, o.text, o.term]);
    assert.deepStrictEqual(tuples(scan), flat);
    assert.ok(flat.some((o) => o[3] === 'dropout') && flat.some((o) => o[3] === 'adamw'), JSON.stringify(flat));
    assert.strictEqual(scan.lines.length, 6);
  });

  it('an edit inside one line rescans that line and matches a full rescan', () => {
    const scan = LineScan.of(index, SOURCE, analyze(SOURCE));
    const e = edit(SOURCE, [3, 0], [3, 5], 'dropout');
    const next = scan.update(index, dirtyLines([e.edit]), e.text, analyze(e.text));
    assert.ok(next, 'an ordinary edit is applied in place');
    assert.deepStrictEqual(tuples(next), tuples(LineScan.of(index, e.text, analyze(e.text))));
    assert.ok(tuples(next).some(([line, , text]) => line === 3 && text === 'dropout'));
  });

  it('line insertions and deletions shift the lines below', () => {
    const scan = LineScan.of(index, SOURCE, analyze(SOURCE));
    const ins = edit(SOURCE, [2, 0], [2, 0], 'y = 1\nz = 2\n');
    const a = scan.update(index, dirtyLines([ins.edit]), ins.text, analyze(ins.text));
    assert.ok(a);
    assert.deepStrictEqual(tuples(a), tuples(LineScan.of(index, ins.text, analyze(ins.text))));
    assert.ok(tuples(a).some(([line, , , term]) => line === 4 && term === 'dropout'), 'dropout moved down two lines');
    const del = edit(ins.text, [1, 10], [4, 2], '');
    const b = a.update(index, dirtyLines([del.edit]), del.text, analyze(del.text));
    assert.ok(b);
    assert.deepStrictEqual(tuples(b), tuples(LineScan.of(index, del.text, analyze(del.text))));
  });

  it('several edits at once (multiple cursors) merge into one rescanned range', () => {
    const scan = LineScan.of(index, SOURCE, analyze(SOURCE));
    // Reported against the text before the edit, last first, as VS Code does.
    const edits: LineEdit[] = [{ startLine: 5, endLine: 5, text: 'dropout_' }, { startLine: 3, endLine: 3, text: 'dropout_' }];
    const lines = SOURCE.split('\n');
    lines[5] = 'dropout_' + lines[5];
    lines[3] = 'dropout_' + lines[3];
    const text = lines.join('\n');
    const next = scan.update(index, dirtyLines(edits), text, analyze(text));
    assert.ok(next);
    assert.deepStrictEqual(tuples(next), tuples(LineScan.of(index, text, analyze(text))));
  });

  for (const [family, words, source] of [
    ['python', ['dropout', ' ', 'lr', '\n', 'learning rate', 'x', 'AdamW', '=', 'fine-tuning', '\n', '"', '\'', '"""', '#', '\\'], SOURCE],
    ['c', ['dropout', ' ', 'lr', '\n', 'learningRate', 'x', 'AdamW', '=', '/*', '*/', '//', '`', '"', '\\'], "import * as tf from '@tensorflow/tfjs';\nconst lr = 0.1; // learning rate\n/* dropout */\nconst s = `AdamW`;\n"],
    ['markdown', ['dropout', ' ', 'learning rate', '\n', '`', '```', '~~~', 'AdamW', '\n'], '# Notes\n\nThe learning rate and `dropout`.\n\n```python\nimport torch\nopt = AdamW(lr=1)\n```\nfine-tuning\n'],
  ] as const) {
    it(`random runs of edits, composed, always give what a full rescan gives (${family})`, () => {
      randomEdits(family, words, source);
    });
  }
});

function randomEdits(family: 'python' | 'c' | 'markdown', words: readonly string[], source: string): void {
  {
    let seed = 7;
    const r = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const analyze = (text: string): ReturnType<typeof index.analyze> => index.analyze(text, family);
    let text = source;
    let scan = LineScan.of(index, text, analyze(text));
    let incremental = 0;
    for (let i = 0; i < 300; i++) {
      // One to three edits reach the scan together, each given against the text after the previous one.
      const edits: LineEdit[] = [];
      let next = text;
      for (let k = 1 + r(3); k > 0; k--) {
        const starts = lineStarts(next);
        const l1 = r(starts.length);
        const l2 = Math.min(starts.length - 1, l1 + r(3));
        const len = (l: number): number => (l + 1 < starts.length ? starts[l + 1] - 1 : next.length) - starts[l];
        const c1 = r(len(l1) + 1);
        const c2 = l2 === l1 ? c1 + r(len(l1) - c1 + 1) : r(len(l2) + 1);
        const e = edit(next, [l1, c1], [l2, c2], words[r(words.length)] + (r(2) ? words[r(words.length)] : ''));
        edits.push(e.edit);
        next = e.text;
      }
      const ctx = analyze(next);
      const updated = scan.update(index, dirtyLines(edits), next, ctx);
      const full = LineScan.of(index, next, ctx);
      if (updated) {
        incremental++;
        assert.deepStrictEqual(tuples(updated), tuples(full), `run ${i}: ${JSON.stringify(edits)}`);
      }
      text = next;
      scan = updated ?? full;
    }
    assert.ok(incremental > 50, `only ${incremental} of 300 runs were applied in place`);
    assert.ok(incremental < 300, 'no run needed a full rescan: the random edits never opened a region');
  }
}

describe('line scan regions', () => {
  it('edits inside a docstring or a comment stay in place; opening a docstring does not', () => {
    const text = 'import torch\n"""Dropout notes.\n\nThe learning rate here.\n"""\nx = dropout(y)  # dropout\n';
    const scan = LineScan.of(index, text, index.analyze(text, 'python'));
    const cases: Array<[[number, number], string]> = [[[3, 4], ' fine-tuning'], [[5, 25], ' and AdamW'], [[5, 0], 'z = 1 * 2; '], [[2, 0], 'new line\n\n']];
    for (const [at, insert] of cases) {
      const e = edit(text, at, at, insert);
      const next = scan.update(index, dirtyLines([e.edit]), e.text, index.analyze(e.text, 'python'));
      assert.ok(next, `inserting ${JSON.stringify(insert)} was not applied in place`);
      assert.deepStrictEqual(tuples(next), tuples(LineScan.of(index, e.text, index.analyze(e.text, 'python'))));
    }
    const open = edit(text, [5, 0], [5, 0], '"""');
    assert.strictEqual(scan.update(index, dirtyLines([open.edit]), open.text, index.analyze(open.text, 'python')), undefined);
  });

  it("a skeleton keeps what the lexer acts on and folds the rest", () => {
    const py = '#"\'\\';
    assert.strictEqual(skeleton('x = 1\ny = 2', py), '');
    assert.strictEqual(skeleton('s = "a" # c\nt', py), '"a"a#');
    assert.strictEqual(skeleton('"""doc', py), '"""');
    assert.notStrictEqual(skeleton('"\\\n"', py), skeleton('"\\x"', py), 'an escaped line break is not an escaped letter');
    assert.notStrictEqual(skeleton('# a\n"', py), skeleton('# a "', py), 'a line break ends a comment');
  });

  it('asks for a full rescan when the imports change or a multi-line region may open', () => {
    const plain = 'x = dropout(y)\nloss = 1\n';
    const scan = LineScan.of(index, plain, analyze(plain));
    const imp = edit(plain, [0, 0], [0, 0], 'import torch\n');
    assert.strictEqual(scan.update(index, dirtyLines([imp.edit]), imp.text, analyze(imp.text)), undefined);
    const doc = edit(plain, [1, 0], [1, 0], '"""');
    assert.strictEqual(scan.update(index, dirtyLines([doc.edit]), doc.text, analyze(doc.text)), undefined);
    const wrong = edit(plain, [0, 0], [0, 1], 'z');
    assert.strictEqual(scan.update(index, dirtyLines([{ ...wrong.edit, text: 'z\n' }]), wrong.text, analyze(wrong.text)), undefined, 'edits that do not match the text');
  });
});

describe('highlight ranges', () => {
  const scan = LineScan.of(index, SOURCE, analyze(SOURCE));
  const all = highlightRanges(scan, 'all', () => true);

  it('all: every occurrence, in document order', () => {
    assert.deepStrictEqual(all.map((r) => [r.line, r.column, r.length, r.term]), tuples(scan).map(([l, c, t, term]) => [l, c, t.length, term]));
    assert.ok(all.length >= 3);
  });

  it('unlearned: drops the learned terms and keeps the rest', () => {
    const learned = new Set(['dropout']);
    const asked: string[] = [];
    const some = highlightRanges(scan, 'unlearned', (id) => (asked.push(id), learned.has(id)));
    assert.deepStrictEqual(some, all.filter((r) => r.term !== 'dropout'));
    assert.ok(all.some((r) => r.term === 'dropout'));
    assert.strictEqual(new Set(asked).size, asked.length, 'each term is looked up once');
  });

  it('off: nothing', () => assert.deepStrictEqual(highlightRanges(scan, 'off', () => false), []));

  it('counts distinct terms and the unlearned ones', () => {
    const distinct = new Set(all.map((r) => r.term)).size;
    assert.deepStrictEqual(termCounts(scan, () => false), { terms: distinct, unlearned: distinct });
    assert.deepStrictEqual(termCounts(scan, (id) => id === 'dropout'), { terms: distinct, unlearned: distinct - 1 });
  });

  it('reads the setting, falling back for unknown values', () => {
    assert.strictEqual(parseHighlightMode('all'), 'all');
    assert.strictEqual(parseHighlightMode('unlearned', 'off'), 'unlearned');
    assert.strictEqual(parseHighlightMode('bold', 'off'), 'off');
    assert.strictEqual(parseHighlightMode(undefined, 'unlearned'), 'unlearned');
  });
});

describe('Concept view: follow, pin and history', () => {
  it('follows the cursor and keeps the last term when the cursor leaves terms', () => {
    const f = new ConceptFollower();
    assert.strictEqual(f.follow(undefined), false);
    assert.strictEqual(f.current, undefined);
    assert.strictEqual(f.follow('dropout'), true);
    assert.strictEqual(f.follow('dropout'), false, 'the same term again changes nothing');
    assert.strictEqual(f.follow(undefined), false);
    assert.strictEqual(f.current, 'dropout');
    assert.strictEqual(f.follow('adamw'), true);
    assert.strictEqual(f.current, 'adamw');
  });

  it('a pin holds the term while the cursor moves; unpinning follows the cursor again', () => {
    const f = new ConceptFollower();
    assert.strictEqual(f.pin(), false, 'nothing to pin yet');
    f.follow('dropout');
    assert.strictEqual(f.pin(), true);
    assert.strictEqual(f.follow('adamw'), false);
    assert.strictEqual(f.current, 'dropout');
    assert.strictEqual(f.pinned, true);
    assert.strictEqual(f.unpin('adamw'), true);
    assert.strictEqual(f.current, 'adamw');
    assert.strictEqual(f.pinned, false);
  });

  it('links open while pinned, and back and forward walk the history', () => {
    const f = new ConceptFollower();
    f.follow('dropout');
    f.follow('adamw');
    f.pin();
    assert.strictEqual(f.open('learning-rate'), true);
    assert.strictEqual(f.current, 'learning-rate');
    assert.deepStrictEqual(f.nav(), { canBack: true, canForward: false, history: ['dropout', 'adamw', 'learning-rate'], index: 2 });
    assert.strictEqual(f.back(), 'adamw');
    assert.strictEqual(f.back(), 'dropout');
    assert.strictEqual(f.back(), 'dropout');
    assert.strictEqual(f.forward(), 'adamw');
    assert.deepStrictEqual(f.nav(), { canBack: true, canForward: true, history: ['dropout', 'adamw', 'learning-rate'], index: 1 });
    f.unpin();
    f.follow('fine-tuning');
    assert.deepStrictEqual(f.nav().history, ['dropout', 'adamw', 'fine-tuning'], 'following from the middle drops the forward entries');
  });

  it('forgets removed terms and unpins when nothing is left', () => {
    const f = new ConceptFollower(['dropout'], 0);
    f.pin();
    f.retain(() => false);
    assert.strictEqual(f.current, undefined);
    assert.strictEqual(f.pinned, false);
  });
});
