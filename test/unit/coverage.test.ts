import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SHIPPED_RULES } from '../../src/core/glossary/parse';
import { compileGlossary, type CompileResult } from '../../src/core/glossary/compile';
import { formatProblem } from '../../src/core/glossary/problems';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import { parseNotebook } from '../../src/core/notebook';
import { scanText } from '../../src/core/scan';
import { readFolder, ROOT } from './fixtures';

/** Identifiers a learner wants explained, and the entry each must resolve to. */
const EXPECTED: Array<[string, string]> = [
  ['learning_rate', 'learning-rate'], ['weight_decay', 'weight-decay'], ['warmup_steps', 'learning-rate-warmup'],
  ['grad_clip', 'gradient-clipping'], ['AdamW', 'adamw'], ['CrossEntropyLoss', 'cross-entropy-loss'],
  ['Dropout', 'dropout'], ['batch_size', 'batch-size'], ['num_epochs', 'epoch'], ['tokenizer', 'tokenization'],
  ['attention_mask', 'attention-mask'], ['fine_tune', 'fine-tuning'], ['pretrained', 'pre-training'],
  ['from_pretrained', 'pre-training'], ['label_smoothing', 'label-smoothing'], ['logits', 'logits'],
  ['clip_grad_norm_', 'gradient-clipping'], ['EarlyStopping', 'early-stopping'], ['BatchNormalization', 'batch-normalization'],
  ['f1_score', 'f1-score'], ['precision_score', 'precision'], ['recall_score', 'recall'], ['relu', 'relu'],
  ['sigmoid', 'sigmoid'], ['get_cosine_schedule_with_warmup', 'cosine-decay'], ['softmax', 'softmax'],
];

/** Plain code that must never produce a hover. */
const QUIET = ['import os', 'import argparse', 'for i in range(3):', 'self', 'args', 'return', 'print(i)', 'parser.add_argument', 'if __name__ == "__main__":'];

describe('the shipped glossary', function () {
  this.timeout(30_000);
  let result: CompileResult;
  let index: GlossaryIndex;

  before(() => {
    result = compileGlossary(readFolder(path.join(ROOT, 'glossary')), { rules: SHIPPED_RULES, minPerCategory: 25 });
    index = new GlossaryIndex(result.index);
  });

  it('validates without problems', () => {
    assert.deepStrictEqual(result.problems.map(formatProblem), []);
  });

  it('keeps raw LaTeX out of the short definitions that hovers show', () => {
    assert.deepStrictEqual(result.index.terms.filter((t) => /\$|\\[a-z]+\{/.test(t.summary)).map((t) => t.id), []);
  });

  it('gives every entry a level and every reference a link', () => {
    assert.deepStrictEqual(result.index.terms.filter((t) => !t.level).map((t) => t.id), []);
    const unlinked = Object.values(result.bodies).filter((b) => !b.references.length || b.references.some((r) => !r.url)).map((b) => b.id);
    assert.deepStrictEqual(unlinked, []);
  });

  it('says in the README how many entries it has', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`glossary\\*\\* of ${result.index.terms.length} ML terms`));
  });

  it('has at least 520 entries, including the terms a learner meets first', () => {
    assert.ok(result.index.terms.length >= 520, `${result.index.terms.length} entries`);
    for (const id of ['pre-training', 'fine-tuning', 'transfer-learning', 'accuracy', 'active-learning', 'adam-optimizer', 'adversarial-attack',
      'adversarial-example', 'agentic-ai', 'learning-rate', 'batch-size', 'epoch', 'dropout', 'overfitting', 'loss-function', 'gradient-descent',
      'backpropagation', 'embedding', 'transformer', 'attention', 'self-supervised-learning', 'masked-language-modeling', 'language-model',
      'tokenization', 'weight-decay']) {
      assert.ok(index.get(id), `missing ${id}`);
    }
  });

  const files = ['samples/train_finetune.py', 'samples/train_tfjs.js', 'samples/notes.md', 'test/fixtures/coverage/hf_finetune.py', 'test/fixtures/coverage/keras_train.py'];
  /** Every file's lines, notebook cells included. */
  const corpus = (): string[] => {
    const lines = files.flatMap((f) => fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n'));
    for (const c of parseNotebook(fs.readFileSync(path.join(ROOT, 'samples/pretrain_finetune.ipynb'), 'utf8'))) lines.push(...c.source.split('\n'));
    return lines;
  };

  it('resolves the identifiers of real training scripts and notebooks to the right entries', () => {
    const lines = corpus();
    const wrong: string[] = [];
    for (const [ident, id] of EXPECTED) {
      const re = new RegExp(`(?<![A-Za-z0-9_])${ident}(?![A-Za-z0-9_])`);
      const line = lines.find((l) => re.test(l));
      if (!line) {
        wrong.push(`${ident} does not occur in the corpus`);
        continue;
      }
      const start = line.search(re);
      const got = new Set<string>();
      for (let k = start; k < start + ident.length; k++) got.add(index.matcher.matchAt(line, k)?.term ?? 'nothing');
      if (got.size !== 1 || !got.has(id)) wrong.push(`${ident} → ${[...got].join(', ')} (want ${id})`);
    }
    assert.deepStrictEqual(wrong, []);
  });

  it('finds nothing in plain code', () => {
    for (const line of QUIET) assert.deepStrictEqual(scanText(index, line), [], line);
  });

  it('each hover-relevant identifier resolves under the cursor too', () => {
    for (const [text, id] of EXPECTED) {
      const line = `value = ${text}(x)`;
      assert.strictEqual(index.matcher.matchAt(line, 8 + Math.floor(text.length / 2))?.term, id, text);
    }
  });

  it('everyday words alone do not match', () => {
    for (const w of ['model', 'data', 'train', 'loss', 'bias', 'weights', 'layer', 'input', 'output', 'score', 'value', 'step', 'state', 'self', 'args']) {
      assert.deepStrictEqual(scanText(index, `${w} = ${w}`), [], w);
    }
  });
});
