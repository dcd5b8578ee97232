import * as assert from 'assert';
import * as path from 'path';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import { atLevel, matchNote, nearSpelling, normalizedSearchKey, parseLevelQuery, searchKey, searchTerms } from '../../src/core/termSearch';
import type { TermSummary } from '../../src/core/types';
import type * as glossarySearch from '../../src/vscode/glossarySearch';
import type { LearningProgress } from '../../src/vscode/progress';
import type { Services } from '../../src/vscode/services';
import { fakeVscode, requireWithVscode } from './fakeQuickPick';
import { fixtureIndex } from './fixtures';

const top = (query: string): string | undefined => searchTerms(fixtureIndex().terms, query)[0]?.term.id;

function t(id: string, title: string, extra: Partial<TermSummary> = {}): TermSummary {
  return { id, title, category: 'x', summary: `${title}.`, aliases: [], code: [], tags: [], related: [], ...extra };
}

/** A few real entries whose names compete for short queries. */
const TERMS: TermSummary[] = [
  t('lasso-regression', 'Lasso regression', { aliases: ['lasso', 'L1-regularized linear regression'], code: ['sklearn.linear_model.Lasso'], tags: ['regression', 'regularisation'] }),
  t('linear-regression', 'Linear regression', { code: ['sklearn.linear_model.LinearRegression'], tags: ['regression'] }),
  t('logistic-regression', 'Logistic regression', { tags: ['classification'] }),
  t('lora', 'LoRA', { aliases: ['low-rank adaptation'], tags: ['fine-tuning'] }),
  t('learning-rate', 'Learning rate', { aliases: ['lr'], tags: ['hyperparameter', 'optimization'] }),
  t('learning-rate-schedule', 'Learning rate schedule', { aliases: ['lr decay', 'lr scheduler'] }),
  t('ridge-regression', 'Ridge regression', { aliases: ['Tikhonov regularization'], tags: ['regression', 'regularisation'] }),
  t('regularization', 'Regularization', { aliases: ['regularizer', 'L2 regularization'], tags: ['generalization', 'overfitting'] }),
  t('optimizer', 'Optimizer', { aliases: ['optimization algorithm', 'optim'], code: ['torch.optim.Optimizer'], tags: ['optimization'] }),
  t('adam-optimizer', 'Adam optimizer', { aliases: ['Adam'], code: ['torch.optim.Adam'], tags: ['optimizer'] }),
  t('bert', 'BERT', { aliases: ['Bidirectional Encoder Representations from Transformers'], code: ['BertModel', 'BertTokenizer'], tags: ['nlp', 'transformer'] }),
  t('masked-language-modeling', 'Masked language modeling', { aliases: ['MLM'], code: ['BertForMaskedLM'], tags: ['nlp', 'pre-training'] }),
  t('membership-inference-attack', 'Membership inference attack', { aliases: ['membership inference', 'MIA'], code: ['MembershipInferenceBlackBox'], tags: ['privacy', 'security'] }),
  t('model-based-rl', 'Model-based reinforcement learning', { tags: ['reinforcement-learning'] }),
  t('ppo', 'Proximal Policy Optimization', { aliases: ['PPO'], tags: ['reinforcement-learning'] }),
  t('dropout', 'Dropout', { code: ['torch.nn.Dropout'], tags: ['regularization'] }),
];

const ids = (query: string): string[] => searchTerms(TERMS, query).map((h) => h.term.id);

/** The glossary search's Quick Pick, driven in plain Node with a fake `vscode` module. */
let loaded: { vscode: ReturnType<typeof fakeVscode>; mod: typeof glossarySearch } | undefined;
function searchPick(terms: readonly TermSummary[] = TERMS) {
  if (!loaded) {
    const vscode = fakeVscode();
    loaded = { vscode, mod: requireWithVscode<typeof glossarySearch>(path.join(__dirname, '../../src/vscode/glossarySearch'), vscode.module) };
  }
  const { vscode, mod } = loaded;
  const index = new GlossaryIndex({ version: 1, categories: [{ id: 'x', title: 'X' }], terms: [...terms], keys: [] } as unknown as ConstructorParameters<typeof GlossaryIndex>[0]);
  const services = { glossary: { index } } as unknown as Services;
  const progress = { isLearned: () => false, seenIds: () => [] } as unknown as LearningProgress;
  const picked = mod.pickTerm(services, progress);
  const qp = vscode.quickPicks[vscode.quickPicks.length - 1];
  return { qp, picked, env: vscode.env };
}

describe('glossary search', () => {
  it('matches titles, exact or by prefix, case-insensitively', () => {
    assert.strictEqual(top('Dropout'), 'dropout');
    assert.strictEqual(top('drop'), 'dropout');
    assert.strictEqual(top('ADAMW'), 'adamw');
    assert.strictEqual(top('pre-training'), 'pre-training');
    assert.strictEqual(top('pretraining'), 'pre-training');
  });

  it('matches aliases and says so', () => {
    const hit = searchTerms(fixtureIndex().terms, 'lr')[0];
    assert.strictEqual(hit.term.id, 'learning-rate');
    assert.strictEqual(matchNote(hit), 'alias: lr');
    assert.strictEqual(top('dense layer'), 'fully-connected-layer');
    assert.strictEqual(top('kNN'), 'k-nearest-neighbors');
  });

  it('matches code identifiers, whole or by their last segment', () => {
    const terms: TermSummary[] = [
      { id: 'dropout', title: 'Dropout', category: 'x', summary: '', aliases: [], code: ['torch.nn.Dropout', 'nn.Dropout2d'], tags: [], related: [] },
      { id: 'linear', title: 'Fully connected layer', category: 'x', summary: '', aliases: [], code: ['nn.Linear'], tags: [], related: [] },
    ];
    const hit = searchTerms(terms, 'nn.Linear')[0];
    assert.strictEqual(hit.term.id, 'linear');
    assert.strictEqual(matchNote(hit), 'code: nn.Linear');
    assert.strictEqual(searchTerms(terms, 'Linear')[0].term.id, 'linear');
    assert.strictEqual(searchTerms(terms, 'torch.nn.Dropout')[0].term.id, 'dropout');
  });

  it('matches word starts and initials ("grad desc", "sgd")', () => {
    assert.strictEqual(top('stoch grad'), 'stochastic-gradient-descent');
    assert.strictEqual(top('sgd'), 'stochastic-gradient-descent');
  });

  it('ranks title matches above alias matches of the same quality', () => {
    const hits = searchTerms(fixtureIndex().terms, 'adam');
    assert.deepStrictEqual(hits.slice(0, 2).map((h) => h.term.id).sort(), ['adam-optimizer', 'adamw']);
    assert.strictEqual(hits[0].kind, 'alias'); // "Adam" is an exact alias of Adam optimizer
  });

  it('returns nothing for an empty or unmatched query', () => {
    assert.deepStrictEqual(searchTerms(fixtureIndex().terms, '  '), []);
    assert.deepStrictEqual(searchTerms(fixtureIndex().terms, 'qqqqzzzz'), []);
  });

  it('normalises search keys', () => {
    assert.strictEqual(searchKey('Fréchet  Inception-Distance'), 'frechetinceptiondistance');
    assert.strictEqual(searchKey('nn.Dropout'), 'nndropout');
    assert.strictEqual(normalizedSearchKey('Regularisation'), 'regularization');
    assert.strictEqual(normalizedSearchKey('optimisers'), 'optimizer');
    assert.strictEqual(normalizedSearchKey('colour jitter'), 'colorjitter');
  });

  it('ranks an exact alias, code or title match above every initials and prefix match', () => {
    const hits = searchTerms(TERMS, 'lr');
    assert.strictEqual(hits[0].term.id, 'learning-rate');
    assert.strictEqual(matchNote(hits[0]), 'alias: lr');
    assert.strictEqual(hits[0].quality, 'exact');
    // "Lasso regression", "Linear regression", "Logistic regression", "LoRA": initials only, weak.
    const lasso = hits.findIndex((h) => h.term.id === 'lasso-regression');
    assert.ok(lasso > 0, 'Lasso regression is still offered');
    assert.strictEqual(hits[lasso].quality, 'initials');
    assert.strictEqual(hits[lasso].strong, false);
    const firstWeak = hits.findIndex((h) => !h.strong);
    assert.ok(hits.slice(firstWeak).every((h) => !h.strong), 'a strong hit comes after a weak one');
    assert.deepStrictEqual(hits.slice(0, firstWeak).map((h) => h.term.id), ['learning-rate', 'learning-rate-schedule']);
    // Exact code identifiers and titles too.
    assert.strictEqual(searchTerms(TERMS, 'Lasso')[0].term.id, 'lasso-regression');
    assert.strictEqual(searchTerms(TERMS, 'optim')[0].term.id, 'optimizer');
    assert.strictEqual(searchTerms(TERMS, 'adam')[0].term.id, 'adam-optimizer');
  });

  it('keeps that order in the Quick Pick (VS Code would re-sort matching labels alphabetically)', async () => {
    const { qp, picked } = searchPick();
    qp.type('lr');
    const labels = qp.shownLabels();
    assert.strictEqual(labels[0], 'Learning rate', labels.join(' | '));
    assert.ok(labels.indexOf('Learning rate schedule') < labels.indexOf('Lasso regression'), labels.join(' | '));
    qp.acceptFirst();
    assert.strictEqual(await picked, 'learning-rate');
  });

  it('finds British spellings: optimiser, regularisation', () => {
    assert.strictEqual(ids('optimiser')[0], 'optimizer');
    assert.strictEqual(ids('Optimisers')[0], 'optimizer');
    const reg = ids('regularisation');
    assert.strictEqual(reg[0], 'regularization');
    for (const id of ['lasso-regression', 'ridge-regression', 'dropout']) assert.ok(reg.includes(id), `${id} missing: ${reg.join(', ')}`);
    // American spelling of a British tag.
    assert.ok(ids('regularization').includes('lasso-regression'));
    // Partial words still match as typed.
    assert.strictEqual(ids('regularis')[0], 'regularization');
  });

  it('keeps weak matches out: BERT lists BERT and BERT code, not scattered letters', () => {
    assert.deepStrictEqual(ids('BERT'), ['bert', 'masked-language-modeling']);
    assert.deepStrictEqual(ids('xyz'), []);
    assert.strictEqual(nearSpelling('bert', 'membershipinferenceattack'), false);
    // Near spellings are the last resort, closest first.
    assert.deepStrictEqual(ids('dropot'), ['dropout']);
    assert.strictEqual(ids('optimzer')[0], 'optimizer');
  });

  it('says so in the Quick Pick when nothing matches', async () => {
    const { qp, picked } = searchPick();
    qp.type('xyz');
    const rows = qp.shown();
    assert.strictEqual(rows.length, 1);
    assert.strictEqual(rows[0].label, "No glossary term matches 'xyz'");
    assert.strictEqual(rows[0].id, undefined);
    qp.acceptFirst(); // accepting the message does nothing
    assert.strictEqual(qp.visible, true);
    qp.type('dropout');
    assert.deepStrictEqual(qp.shownLabels(), ['Dropout']);
    qp.hide();
    assert.strictEqual(await picked, undefined);
  });

  it('separates weaker matches from strong ones in the Quick Pick', () => {
    const { qp } = searchPick();
    qp.type('lr');
    const labels = qp.shownLabels();
    const sep = labels.indexOf('── other matches');
    assert.ok(sep > 0, labels.join(' | '));
    assert.deepStrictEqual(labels.slice(0, sep), ['Learning rate', 'Learning rate schedule']);
    assert.ok(labels.slice(sep).includes('Lasso regression'));
    qp.hide();
  });
});

describe('search in the display language', () => {
  const localized = TERMS.map((x) =>
    x.id === 'learning-rate' ? { ...x, l10n: { 'zh-cn': { title: '学习率', summary: '学习率缩放每一步更新。' } } } :
    x.id === 'learning-rate-schedule' ? { ...x, l10n: { 'zh-cn': { title: '学习率调度' } } } : x);

  it('labels Quick Pick rows with the zh-cn title, keeps the English one in the description, and finds Chinese and English queries', async () => {
    const { qp, picked, env } = searchPick(localized);
    env.language = 'zh-cn';
    try {
      qp.type('学习率');
      assert.deepStrictEqual(qp.shownLabels(), ['学习率', '学习率调度']);
      const row = qp.shown()[0];
      assert.match(row.description ?? '', /^Learning rate · /);
      assert.strictEqual(row.detail, '学习率缩放每一步更新。');
      qp.type('调度');
      assert.deepStrictEqual(qp.shownLabels(), ['学习率调度']);
      qp.type('learning rate');
      assert.deepStrictEqual(qp.shownLabels().slice(0, 2), ['学习率', '学习率调度']);
      qp.type('dropout');
      assert.deepStrictEqual(qp.shownLabels(), ['Dropout']);
      qp.type('学习率');
      qp.acceptFirst();
      assert.strictEqual(await picked, 'learning-rate');
    } finally {
      env.language = 'en';
    }
  });

  it('shows English rows and ignores Chinese titles in an English window', () => {
    const { qp } = searchPick(localized);
    qp.type('学习率');
    assert.strictEqual(qp.shown()[0].id, undefined, 'the no-match row');
    qp.type('learning rate');
    assert.deepStrictEqual(qp.shownLabels().slice(0, 2), ['Learning rate', 'Learning rate schedule']);
    qp.hide();
  });
});

describe('search by level', () => {
  it('reads @beginner, @intermediate and @advanced (or their first letters) out of a query', () => {
    assert.deepStrictEqual(parseLevelQuery('@beginner dropout'), { levels: new Set(['beginner']), text: 'dropout' });
    assert.deepStrictEqual(parseLevelQuery('attention @adv @int'), { levels: new Set(['advanced', 'intermediate']), text: 'attention' });
    assert.deepStrictEqual(parseLevelQuery('@ad lr'), { text: '@ad lr' }, 'too short to be a level');
    assert.deepStrictEqual(parseLevelQuery('user@example'), { text: 'user@example' });
    assert.deepStrictEqual(parseLevelQuery('@nonsense x'), { text: '@nonsense x' });
  });

  it('keeps only terms at the asked levels', () => {
    const a = t('a', 'A', { level: 'beginner' });
    const b = t('b', 'B');
    assert.strictEqual(atLevel(a, new Set(['beginner'])), true);
    assert.strictEqual(atLevel(a, new Set(['advanced'])), false);
    assert.strictEqual(atLevel(b, new Set(['advanced'])), false, 'a term without a level is not at any level');
    assert.strictEqual(atLevel(b, undefined), true);
  });

  it('narrows the Quick Pick to a level, and lists a level\'s terms when nothing else is typed', () => {
    const terms = [t('lr', 'Learning rate', { level: 'beginner' }), t('lrs', 'Learning rate schedule', { level: 'intermediate' }), t('elbo', 'Evidence lower bound', { level: 'advanced' })];
    const { qp } = searchPick(terms);
    qp.type('learning @intermediate');
    assert.deepStrictEqual(qp.shownLabels(), ['Learning rate schedule']);
    qp.type('@adv');
    assert.deepStrictEqual(qp.shownLabels(), ['Evidence lower bound']);
    qp.type('bound @beginner');
    assert.match(qp.shownLabels()[0], /No glossary term matches 'bound' at level beginner/);
  });
});
