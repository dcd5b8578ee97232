import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { runCli, type Io } from '../../src/cli/main';
import { parseNotebook } from '../../src/core/notebook';
import { scanText } from '../../src/core/scan';
import { fixtureGlossary, fixtureIndex, ROOT } from './fixtures';
import { readCompiledBody, writeCompiledGlossary } from '../../src/cli/compiledGlossary';

const NB = path.join(ROOT, 'test/fixtures/notebooks');

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = runCli(args, io, glossaryDir);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let glossaryDir = '';

describe('notebook scanning', () => {
  it('reads code and Markdown cells with their numbers', () => {
    const cells = parseNotebook(fs.readFileSync(path.join(NB, 'good.ipynb'), 'utf8'));
    assert.deepStrictEqual(cells.slice(0, 2).map((c) => [c.number, c.kind]), [[1, 'markdown'], [2, 'code']]);
    assert.ok(cells[1].source.includes('learning_rate = 1e-3'));
  });
  it('reports malformed notebooks clearly', () => {
    assert.throws(() => parseNotebook(fs.readFileSync(path.join(NB, 'truncated.ipynb'), 'utf8')), /not valid notebook JSON/);
    assert.throws(() => parseNotebook('{"metadata": {}}'), /no "cells" list/);
    assert.throws(() => parseNotebook('[1]'), /top level is not a JSON object/);
  });
  it('skips over-long lines but keeps the line numbers of the others', () => {
    const text = 'lr = 1\n' + 'x = AdamW; '.repeat(2000) + '\n\nopt = AdamW(p)\r\nnn.Dropout';
    assert.deepStrictEqual(scanText(fixtureIndex(), text).map((o) => [o.term, o.line, o.column, o.text]), [
      ['learning-rate', 0, 0, 'lr'],
      ['adamw', 3, 6, 'AdamW'],
      ['dropout', 4, 3, 'Dropout'],
    ]);
  });

  it('ends lines at \\n, \\r\\n and a lone \\r, as VS Code does', () => {
    assert.deepStrictEqual(scanText(fixtureIndex(), 'x = 1\rlr = 2\r\nopt = AdamW(p)\n\rnn.Dropout').map((o) => [o.term, o.line, o.column]), [
      ['learning-rate', 1, 0],
      ['adamw', 2, 6],
      ['dropout', 4, 3],
    ]);
  });
  it('reports a cell whose source is neither text nor lines', () => {
    assert.throws(() => parseNotebook('{"cells": [{"cell_type": "code", "source": {"a": 1}}]}'), /cell 1 has a "source" that is neither text nor a list of lines/);
    assert.throws(() => parseNotebook('{"cells": [{"cell_type": "code", "source": ["x", 3]}]}'), /cell 1 has a "source"/);
  });
  it('scans text line by line with 0-based positions', () => {
    const occ = scanText(fixtureIndex(), 'import torch\nopt = AdamW(lr=3e-4)\n');
    assert.deepStrictEqual(occ, [
      { term: 'adamw', line: 1, column: 6, text: 'AdamW' },
      { term: 'learning-rate', line: 1, column: 12, text: 'lr' },
    ]);
  });
});

describe('ml-lens CLI', () => {
  before(() => {
    glossaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-cli-'));
    const r = fixtureGlossary();
    writeCompiledGlossary(glossaryDir, r.index, r.bodies);
  });
  after(() => fs.rmSync(glossaryDir, { recursive: true, force: true }));

  it('scan lists terms with file, cell, line, column, text and id', () => {
    const r = run(['scan', path.join(NB, 'good.ipynb'), '--json']);
    assert.strictEqual(r.code, 0, r.err);
    const hits = JSON.parse(r.out) as Array<{ cell: number; line: number; column: number; text: string; term: string }>;
    assert.ok(hits.some((h) => h.cell === 1 && h.term === 'masked-language-modeling' && h.text === 'masked language modeling'));
    const lr = hits.find((h) => h.text === 'learning_rate')!;
    assert.deepStrictEqual([lr.cell, lr.line, lr.column, lr.term], [2, 6, 1, 'learning-rate']);
  });

  it('scan prints readable lines for a folder', () => {
    const r = run(['scan', path.join(ROOT, 'samples')]);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /train_finetune\.py:\d+:\d+ {2}AdamW {2}→ adamw \(AdamW\)/);
    assert.match(r.out, /pretrain_finetune\.ipynb cell \d+:\d+:\d+ {2}\S+ {2}→ /);
    assert.match(r.err, /occurrence\(s\) of \d+ term\(s\) in 4 file\(s\)/);
  });

  it('reports bad inputs, keeps going and exits 1', () => {
    const r = run(['scan', '--json', path.join(NB, 'truncated.ipynb'), path.join(NB, 'no-cells.ipynb'), path.join(NB, 'binary.py'), '/no/such/file.py', path.join(NB, 'good.ipynb')]);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /truncated\.ipynb: skipped, not valid notebook JSON/);
    assert.match(r.err, /no-cells\.ipynb: skipped, not a notebook/);
    assert.match(r.err, /binary\.py: skipped, looks like a binary file/);
    assert.match(r.err, /\/no\/such\/file\.py: no such file or folder/);
    assert.ok((JSON.parse(r.out) as unknown[]).length > 5, 'the good notebook is still scanned');
  });

  it('keeps scanning a folder that holds a broken link', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-scan-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.py'), 'lr = 0.1\n');
      fs.symlinkSync(path.join(dir, 'missing.py'), path.join(dir, 'b.py'));
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'sub', 'c.py'), 'layer = nn.Dropout(0.1)\n');
      const r = run(['scan', '--json', dir]);
      assert.strictEqual(r.code, 1);
      assert.match(r.err, /b\.py: no such file or folder/);
      const terms = (JSON.parse(r.out) as Array<{ term: string }>).map((h) => h.term);
      assert.deepStrictEqual(terms, ['learning-rate', 'dropout']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finishes on a folder with a symbolic-link cycle and a FIFO, scanning each file once', function () {
    if (process.platform === 'win32') this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-cycle-'));
    try {
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
      fs.symlinkSync('..', path.join(dir, 'sub', 'up2'));
      fs.writeFileSync(path.join(dir, 'a.py'), 'lr = 1\n');
      execFileSync('mkfifo', [path.join(dir, 'pipe.py')]);
      const r = run(['scan', dir]);
      assert.strictEqual(r.code, 1);
      assert.strictEqual(r.out.split('\n').filter((l) => l.includes('a.py')).length, 1);
      assert.match(r.err, /pipe\.py: skipped, not a regular file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('decodes a UTF-8 byte-order mark and UTF-16 files, with columns in UTF-16 code units', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-enc-'));
    try {
      fs.writeFileSync(path.join(dir, 'bom.py'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x = lr\n')]));
      fs.writeFileSync(path.join(dir, 'le.py'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x = lr\n', 'utf16le')]));
      const be = Buffer.from('é = lr\n', 'utf16le');
      be.swap16();
      fs.writeFileSync(path.join(dir, 'be.py'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
      const r = run(['scan', '--json', dir]);
      assert.strictEqual(r.code, 0, r.err);
      const hits = JSON.parse(r.out) as Array<{ file: string; column: number }>;
      assert.deepStrictEqual(hits.map((h) => [path.basename(h.file), h.column]), [['be.py', 5], ['bom.py', 5], ['le.py', 5]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams a scan with hundreds of thousands of hits', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-many-'));
    try {
      fs.writeFileSync(path.join(dir, 'many.py'), 'lr\n'.repeat(150_000));
      let lines = 0;
      const code = runCli(['scan', '--json', dir], { out: () => lines++, err: () => undefined }, glossaryDir);
      assert.strictEqual(code, 0);
      assert.strictEqual(lines, 150_002);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('define caps what it echoes and searches', () => {
    const r = run(['define', 'x'.repeat(126_000)]);
    assert.strictEqual(r.code, 1);
    assert.ok(r.err.length < 300, `echoed ${r.err.length} characters`);
  });

  it('define prints an entry found by title, alias or code name', () => {
    for (const q of ['learning rate', 'lr', 'LEARNING_RATE']) {
      const r = run(['define', q]);
      assert.strictEqual(r.code, 0, q);
      assert.match(r.out, /^Learning rate {2}\[Training and optimization\]/);
    }
    assert.match(run(['define', 'torch.optim.AdamW']).out, /^AdamW/);
    assert.match(run(['define', 'dropout']).out, /## Common misconceptions/);
  });

  it('keeps one body file per entry, never reads a path that is not an id, and drops bodies of removed entries', () => {
    assert.ok(fs.existsSync(path.join(glossaryDir, 'bodies', 'dropout.json')));
    assert.strictEqual(readCompiledBody(glossaryDir, '../index'), undefined);
    assert.strictEqual(readCompiledBody(glossaryDir, 'no-such-entry'), undefined);
    assert.match(readCompiledBody(glossaryDir, 'dropout')?.markdown ?? '', /## Common misconceptions/);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-bodies-'));
    try {
      const r = fixtureGlossary();
      writeCompiledGlossary(copy, r.index, r.bodies);
      const { dropout: _gone, ...rest } = r.bodies;
      writeCompiledGlossary(copy, r.index, rest);
      assert.ok(!fs.existsSync(path.join(copy, 'bodies', 'dropout.json')), 'a removed entry keeps its body file');
      assert.strictEqual(fs.readdirSync(path.join(copy, 'bodies')).length, Object.keys(rest).length);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('define exits 1 on an unknown term and suggests close titles', () => {
    const r = run(['define', 'dropot']);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /no glossary entry for "dropot"\. Did you mean: Dropout\?/);
  });

  it('usage errors exit 2', () => {
    assert.strictEqual(run([]).code, 2);
    assert.strictEqual(run(['frobnicate']).code, 2);
    assert.strictEqual(run(['scan']).code, 2);
  });
});
