import * as assert from 'assert';
import { fixtureIndex } from './fixtures';

/** The term found when hovering `needle` (first occurrence, middle character) inside `line`. */
function termAt(line: string, needle = line, ignore?: ReadonlySet<string>): string | undefined {
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in "${line}"`);
  return fixtureIndex().matcher.matchAt(line, at + Math.floor(needle.length / 2), { ignore })?.term;
}

function scanTerms(text: string): string[] {
  return fixtureIndex().matcher.scan(text).map((m) => m.term);
}

describe('term matcher', () => {
  describe('required matches', () => {
    for (const s of ['pre-training', 'pretraining', 'pre training', 'pre_training', 'PreTraining', 'pretrain', 'PRETRAINED', 'Pre-Trained', 'pretrained_model']) {
      it(`"${s}" finds pre-training`, () => assert.strictEqual(termAt(`x = ${s}()`, s), 'pre-training'));
    }
    it('hovering the "model" half of pretrained_model still explains pre-training', () => {
      assert.strictEqual(termAt('pretrained_model = load()', 'model'), 'pre-training');
    });
    for (const s of ['learningRate', 'learning_rate', 'LEARNING_RATES', 'lr', 'learning rate', 'base_lr']) {
      it(`"${s}" finds learning rate`, () => assert.strictEqual(termAt(`opt(${s}=0.1)`, s), 'learning-rate'));
    }
    it('torch.optim.AdamW(...) finds AdamW, and Adam finds Adam', () => {
      assert.strictEqual(termAt('opt = torch.optim.AdamW(model.parameters())', 'AdamW'), 'adamw');
      assert.strictEqual(termAt('opt = torch.optim.Adam(model.parameters())', 'Adam'), 'adam-optimizer');
      assert.strictEqual(termAt('We use the Adam optimiser here', 'Adam'), 'adam-optimizer');
    });
    it('nn.Dropout finds dropout', () => {
      assert.strictEqual(termAt('self.drop = nn.Dropout(p=0.1)', 'Dropout'), 'dropout');
      assert.strictEqual(termAt('hidden_dropout_prob = 0.1', 'dropout'), 'dropout');
    });
    it('longest match wins for multi-token terms', () => {
      assert.strictEqual(termAt('the masked language modeling objective', 'language'), 'masked-language-modeling');
      assert.strictEqual(termAt('maskedLanguageModel = build()', 'Language'), 'masked-language-modeling');
      assert.strictEqual(termAt('a causal language model', 'language'), 'language-model');
      assert.deepStrictEqual(scanTerms('masked language modelling and a language model'), ['masked-language-modeling', 'language-model']);
    });
    it('code identifiers match by their exact last segment', () => {
      assert.strictEqual(termAt('loss_fn = nn.CrossEntropyLoss()', 'CrossEntropyLoss'), 'cross-entropy-loss');
      assert.strictEqual(termAt('from sklearn.metrics import f1_score', 'f1_score'), 'f1-score');
      assert.strictEqual(termAt('clf = KNeighborsClassifier(3)', 'KNeighbors'), 'k-nearest-neighbors');
    });
    it('generic code identifiers need their qualifier', () => {
      assert.strictEqual(termAt('fc = nn.Linear(10, 2)', 'Linear'), 'fully-connected-layer');
      assert.strictEqual(termAt('x = layers.Dense(4)', 'Dense'), 'fully-connected-layer');
      assert.strictEqual(termAt('style = Linear(10)', 'Linear'), undefined);
    });
  });

  describe('precision', () => {
    const quiet = ['import os', 'for i in range(10):', 'self.args = args', 'return model, data', 'train(model, loss, bias)', 'while True: pass',
      'color = "blue"', 'curl -X POST', 'flr = 3; lrx = 2', 'organize the dataset'];
    for (const line of quiet) {
      it(`"${line}" matches nothing`, () => assert.deepStrictEqual(scanTerms(line), []));
    }
    it('whole-word aliases do not fire inside camelCase words', () => {
      assert.strictEqual(termAt('initLr = 3', 'Lr'), undefined);
      assert.strictEqual(termAt('lr = 3', 'lr'), 'learning-rate');
    });
    it('case-sensitive aliases need their exact casing', () => {
      assert.strictEqual(termAt('train the GAN', 'GAN'), 'generative-adversarial-network');
      assert.strictEqual(termAt('two GANs', 'GANs'), 'generative-adversarial-network');
      assert.strictEqual(termAt('gan = 1', 'gan'), undefined);
      assert.strictEqual(termAt('lm = 1', 'lm'), undefined);
    });
    it('an ignored term is not returned', () => {
      assert.strictEqual(termAt('nn.Dropout(0.1)', 'Dropout', new Set(['dropout'])), undefined);
    });
    it('returns nothing between words or outside the text', () => {
      const m = fixtureIndex().matcher;
      assert.strictEqual(m.matchAt('lr = 1', 3), undefined);
      assert.strictEqual(m.matchAt('lr', 99), undefined);
    });
  });

  describe('spans and bounds', () => {
    it('returns the span of the match', () => {
      const line = 'opt = AdamW(params)';
      const m = fixtureIndex().matcher.matchAt(line, 8)!;
      assert.strictEqual(line.slice(m.start, m.end), 'AdamW');
    });
    it('reads only a bounded window on a 1 MB line', () => {
      const line = 'x'.repeat(500_000) + ' learning_rate ' + 'y = 1; '.repeat(80_000);
      const at = line.indexOf('learning_rate') + 3;
      // A stand-in for the line that records which characters the matcher reads.
      let lo = Infinity;
      let hi = -Infinity;
      const read = (from: number, to: number): void => {
        lo = Math.min(lo, from);
        hi = Math.max(hi, to);
      };
      const recorded = {
        length: line.length,
        charCodeAt: (i: number) => (read(i, i + 1), line.charCodeAt(i)),
        slice: (a: number, b = line.length) => (read(a, b), line.slice(a, b)),
      } as unknown as string;
      const m = fixtureIndex().matcher.matchAt(recorded, at, { window: 256 })!;
      assert.strictEqual(m.term, 'learning-rate');
      assert.strictEqual(line.slice(m.start, m.end), 'learning_rate');
      assert.ok(lo >= at - 512 && hi <= at + 512, `read characters ${lo}..${hi} around ${at}`);
      assert.strictEqual(fixtureIndex().matcher.matchAt(line, 10), undefined);
    });
    it('scan returns non-overlapping matches in order', () => {
      const ms = fixtureIndex().matcher.scan('opt = torch.optim.AdamW(lr=1e-3); drop = nn.Dropout(0.1)');
      assert.deepStrictEqual(ms.map((m) => m.term), ['adamw', 'learning-rate', 'dropout']);
      for (let i = 1; i < ms.length; i++) assert.ok(ms[i].start >= ms[i - 1].end);
    });
  });
});
