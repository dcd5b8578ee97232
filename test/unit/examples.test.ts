import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { blockKind, codeBlocks, judgeClaim, textOnlyExample } from '../../src/core/glossary/examples';
import { ROOT } from './fixtures';

const ENTRY = [
  '---',
  'title: X',
  'code:',
  '  - "```not a fence"',
  '---',
  'Short.',
  '',
  '## In depth',
  '',
  '```text',
  'worked numbers',
  '```',
  '',
  '## Example',
  '',
  '````python',
  'print("```")',
  '````',
  '',
  '```bash',
  'echo hi',
  '```',
].join('\n');

describe('glossary code blocks', () => {
  it('lists fenced blocks with their number, language, first code line and section', () => {
    const blocks = codeBlocks(ENTRY);
    assert.deepStrictEqual(blocks.map((b) => [b.n, b.lang, b.line, b.section]), [
      [1, 'text', 11, 'In depth'],
      [2, 'python', 17, 'Example'],
      [3, 'bash', 21, 'Example'],
    ]);
    assert.strictEqual(blocks[1].code, 'print("```")\n');
  });

  it('sorts languages into what runs and what does not', () => {
    assert.deepStrictEqual(['python', 'py', 'js', 'javascript', 'text', 'bash'].map(blockKind), ['python', 'python', 'js', 'js', 'text', 'other']);
  });

  it('calls an example text only when its section has no Python or JavaScript block', () => {
    assert.strictEqual(textOnlyExample(codeBlocks(ENTRY)), false);
    assert.strictEqual(textOnlyExample(codeBlocks(ENTRY.replace('````python', '````text'))), true);
  });
});

describe('printed-value comments', () => {
  const verdict = (c: string, o: string): string => judgeClaim(c, o).kind;

  it('accepts the printed text, whitespace aside', () => {
    assert.strictEqual(verdict('tensor([2., 4.])', 'tensor([2., 4.])\n'), 'match');
    assert.strictEqual(verdict('[[1 2] [3 4]]', '[[1 2]\n [3 4]]\n'), 'match');
    assert.strictEqual(verdict('True', 'True\n'), 'match');
  });

  it('rejects a wrong value', () => {
    assert.strictEqual(verdict('tensor([2., 5.])', 'tensor([2., 4.])'), 'mismatch');
    assert.strictEqual(verdict('0.80', '0.75'), 'mismatch');
    assert.strictEqual(verdict('torch.Size([1, 256, 6, 6])  conv features', 'torch.Size([1, 9216])'), 'mismatch');
    assert.strictEqual(verdict('False', 'True'), 'mismatch');
  });

  it('rejects a value written in another notation than the one printed', () => {
    assert.strictEqual(verdict('[80000.    40.]', '[8.e+04 4.e+01]'), 'mismatch');
  });

  it('accepts a rounded value but not a wrong rounding', () => {
    assert.strictEqual(verdict('0.333', '0.3333333333333333'), 'match');
    assert.strictEqual(verdict('0.334', '0.3333333333333333'), 'mismatch');
    assert.strictEqual(verdict('0.3333333333333333', '0.333'), 'mismatch');
  });

  it('allows 10 % on values marked approximate', () => {
    assert.strictEqual(verdict('≈ 0.5', '0.53'), 'match');
    assert.strictEqual(verdict('~0.5', '0.7'), 'mismatch');
    assert.strictEqual(verdict('close to 2*mu = 1.0 and 2*sigma^2 = 2.0', 'tensor([0.9724]) tensor([1.9289])'), 'match');
    assert.strictEqual(verdict('close to 2*mu = 1.0 and 2*sigma^2 = 2.0', 'tensor([0.9724]) tensor([1.5])'), 'mismatch');
  });

  it('judges the value of `expression = value` and ignores a trailing remark', () => {
    assert.strictEqual(verdict('2 / (2 + 1) = 0.667', '0.6666666666666666'), 'match');
    assert.strictEqual(verdict('4*3 + 3 = 16', '15'), 'mismatch');
    assert.strictEqual(verdict('0.75  (three of four right)', '0.75'), 'match');
    assert.strictEqual(verdict('[0.18 0.03]: PC1 dominates', '(200, 2) [0.182 0.031]'), 'match');
    assert.strictEqual(verdict('[0.526... 10.] : n / (K * n_c) = 1000/(2*950), 1000/(2*50)', '[ 0.52631579 10. ]'), 'match');
    assert.strictEqual(verdict('P = 0.667, R = 0.5 -> 0.571', '0.5714285714285714'), 'match');
    assert.strictEqual(verdict('P = 0.667, R = 0.5 -> 0.572', '0.5714285714285714'), 'mismatch');
  });

  it('leaves prose comments alone', () => {
    assert.strictEqual(verdict('the loss falls', '0.31'), 'prose');
    assert.strictEqual(verdict('~0 mean, ~1 std', 'True 0.9999964'), 'prose');
    assert.strictEqual(verdict('about half of the 64 dimensions', '31'), 'prose');
  });

  it('compares only what comes before an ellipsis', () => {
    assert.strictEqual(verdict("[array(['blue', 'green', 'red'], ...)]", "[array(['blue', 'green', 'red'], dtype='<U5')]"), 'match');
    assert.strictEqual(verdict("[array(['red', ...)]", "[array(['blue', 'green', 'red'], dtype='<U5')]"), 'mismatch');
  });
});

describe('examples runner (Python)', function () {
  this.timeout(60_000);
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);

  it('runs each block in its own process, reports failures, wrong printed values and unrunnable blocks, and says what it skipped', function () {
    if (!python) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mllens-examples-'));
    const front = (id: string, extra = ''): string => `---\ntitle: ${id}\ncategory: training\n${extra}---\nShort.\n\n## Example\n\n`;
    fs.writeFileSync(path.join(dir, 'good.md'), front('good') + '```python\nx = [1, 2]\nprint(sum(x))  # 3\n```\n');
    fs.writeFileSync(path.join(dir, 'isolated.md'), front('isolated') + '```python\nprint("x" in globals())  # False\n```\n');
    fs.writeFileSync(path.join(dir, 'wrong.md'), front('wrong') + '```python\nprint(round(2 / 3, 2))  # 0.66\n```\n');
    fs.writeFileSync(path.join(dir, 'crash.md'), front('crash') + '```python\nraise ValueError("boom")\n```\n');
    fs.writeFileSync(path.join(dir, 'shell.md'), front('shell') + '```bash\necho hi\n```\n');
    fs.writeFileSync(path.join(dir, 'marked.md'), front('marked', 'examples:\n  - block: 1\n    runnable: false\n    reason: needs a GPU\n') + '```python\nimport cuda_only\n```\n');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out/tools/glossary-examples.js'), dir, '--python', execFileSync(python as string, ['-c', 'import sys; print(sys.executable)']).toString().trim(), '--no-cache', '--jobs', '2'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stderr, /wrong\.md:10: the comment "# 0\.66" does not match the output: printed "0\.67"/);
    assert.match(r.stderr, /crash\.md:10: block 1 \(python\) failed \(exit 1\):\n[\s\S]*ValueError: boom/);
    assert.match(r.stderr, /shell\.md:10: block 1 is `bash`, which cannot run here/);
    assert.doesNotMatch(r.stderr, /good\.md|isolated\.md/);
    assert.match(r.stdout, /marked\.md:14: block 1 \(python\) is not run: needs a GPU/);
    assert.match(r.stdout, /6 code blocks: 2 ran correctly \(33\.3 %\), 3 failed, 1 marked not runnable/);
  });
});
