import * as assert from 'assert';
import { Gap, normTokens, tokenize } from '../../src/core/tokenizer';
import { normalizeToken } from '../../src/core/normalize';

const texts = (s: string): string[] => tokenize(s).map((t) => t.text);

describe('tokenizer', () => {
  it('splits camelCase, PascalCase and ACRONYMWords', () => {
    assert.deepStrictEqual(texts('learningRate'), ['learning', 'Rate']);
    assert.deepStrictEqual(texts('PreTraining'), ['Pre', 'Training']);
    assert.deepStrictEqual(texts('LRScheduler'), ['LR', 'Scheduler']);
    assert.deepStrictEqual(texts('getHTTPResponseCode'), ['get', 'HTTP', 'Response', 'Code']);
    assert.deepStrictEqual(texts('trainGANsFast'), ['train', 'GANs', 'Fast']);
  });

  it('splits snake_case, SCREAMING_CASE, kebab-case, dotted paths and digits', () => {
    assert.deepStrictEqual(texts('learning_rate'), ['learning', 'rate']);
    assert.deepStrictEqual(texts('LEARNING_RATES'), ['LEARNING', 'RATES']);
    assert.deepStrictEqual(texts('pre-training'), ['pre', 'training']);
    assert.deepStrictEqual(texts('torch.optim.AdamW'), ['torch', 'optim', 'Adam', 'W']);
    assert.deepStrictEqual(texts('conv2d'), ['conv', '2', 'd']);
    assert.deepStrictEqual(texts('f1_score'), ['f', '1', 'score']);
  });

  it('records how each token is joined to the previous one', () => {
    const t = tokenize('nn.Dropout(p) learningRate x_y');
    assert.deepStrictEqual(t.map((x) => x.gap), [Gap.Break, Gap.Dot, Gap.Break, Gap.Break, Gap.Glued, Gap.Joined, Gap.Joined]);
  });

  it('joins the words around an apostrophe or an @ as one phrase, but not quoted strings', () => {
    const gaps = (s: string): Gap[] => tokenize(s).map((x) => x.gap);
    assert.deepStrictEqual(gaps("Cohen's kappa"), [Gap.Break, Gap.Joined, Gap.Joined]);
    assert.deepStrictEqual(gaps('Cohen\u2019s kappa'), [Gap.Break, Gap.Joined, Gap.Joined]);
    assert.deepStrictEqual(gaps("Bayes' theorem"), [Gap.Break, Gap.Joined]);
    assert.deepStrictEqual(gaps('recall@k'), [Gap.Break, Gap.Joined]);
    assert.deepStrictEqual(normTokens("Cohen's kappa"), ['cohen', 's', 'kappa']);
    assert.deepStrictEqual(gaps("x = 'adam' 'sgd'"), [Gap.Break, Gap.Break, Gap.Break]);
    assert.deepStrictEqual(gaps("opts['lr']"), [Gap.Break, Gap.Break]);
    assert.deepStrictEqual(gaps("'loss' rate"), [Gap.Break, Gap.Break], 'only a plural possessive ends in a quote and a space');
  });

  it('keeps offsets into the original text', () => {
    const s = '  model = AdamW(lr)';
    for (const t of tokenize(s)) assert.strictEqual(s.slice(t.start, t.end), t.text);
  });

  it('tokenises only the requested range', () => {
    assert.deepStrictEqual(tokenize('alpha beta gamma', 6, 10).map((t) => t.text), ['beta']);
  });

  it('normalises case, plurals and British spelling', () => {
    assert.strictEqual(normalizeToken('RATES'), 'rate');
    assert.strictEqual(normalizeToken('epochs'), 'epoch');
    assert.strictEqual(normalizeToken('probabilities'), 'probability');
    assert.strictEqual(normalizeToken('losses'), 'loss');
    assert.strictEqual(normalizeToken('biases'), 'bias');
    assert.strictEqual(normalizeToken('classes'), 'class');
    assert.strictEqual(normalizeToken('loss'), 'loss');
    assert.strictEqual(normalizeToken('normalisation'), normalizeToken('normalization'));
    assert.strictEqual(normalizeToken('optimiser'), normalizeToken('optimizer'));
    assert.strictEqual(normalizeToken('modelling'), normalizeToken('modeling'));
    assert.strictEqual(normalizeToken('neighbours'), normalizeToken('neighbors'));
    assert.deepStrictEqual(normTokens('Masked Language Modelling'), normTokens('masked language modeling'));
  });

  it('normalises words that are also names of Object.prototype members as plain words', () => {
    assert.strictEqual(normalizeToken('constructor'), 'constructor');
    assert.strictEqual(normalizeToken('toString'), 'tostring');
    assert.strictEqual(normalizeToken('hasOwnProperty'), 'hasownproperty');
  });

  it('skips absurdly long runs such as hashes', () => {
    assert.deepStrictEqual(texts('a' + 'b'.repeat(100) + ' ok'), ['ok']);
  });
});
