import * as assert from 'assert';
import { escapeHtml } from '../../src/core/html';
import {
  buildGlossaryTree,
  firstSentence,
  levelFilter,
  OTHER_CATEGORY,
  overallProgress,
  plainOneLine,
  progressLabel,
  relatedNeighbourhood,
  termTagline,
  type GlossarySource,
} from '../../src/core/glossaryTreeModel';
import { groupOccurrences, nextPlace } from '../../src/core/fileTermsModel';
import { TermHistory, termPageData } from '../../src/core/termPageModel';
import { dayKey, readTimestamps, termOfTheDay } from '../../src/core/progressState';
import type { RelatedLink, TermSummary } from '../../src/core/types';
import { fixtureIndex } from './fixtures';

function term(id: string, title: string, category: string, related: RelatedLink[] = [], extra: Partial<TermSummary> = {}): TermSummary {
  return { id, title, category, summary: `${title} is a thing.`, aliases: [], code: [], tags: [], related, ...extra };
}

const SOURCE: GlossarySource = {
  categories: [
    { id: 'fundamentals', title: 'AI fundamentals' },
    { id: 'training', title: 'Training and optimization' },
    { id: 'empty', title: 'A category without terms' },
    { id: 'nlp', title: 'NLP and language models' },
  ],
  terms: [
    term('sgd', 'Stochastic gradient descent', 'training', [{ id: 'learning-rate', rel: 'prerequisite' }]),
    term('adamw', 'AdamW', 'training', [{ id: 'adam', rel: 'contrast' }, { id: 'gone', rel: 'see-also' }]),
    term('adam', 'Adam optimizer', 'training', [{ id: 'adamw', rel: 'contrast' }]),
    term('learning-rate', 'learning rate', 'training', [{ id: 'sgd', rel: 'see-also' }]),
    term('epoch-10', 'Epoch 10', 'training'),
    term('epoch-2', 'Epoch 2', 'training'),
    term('tokenizer', 'Tokenizer', 'nlp', [{ id: 'adamw', rel: 'example' }]),
    term('ai', 'Artificial intelligence', 'fundamentals'),
    term('mystery', 'Mystery', 'not-a-category'),
  ],
};

const ids = (groups: ReturnType<typeof buildGlossaryTree>): Record<string, string[]> =>
  Object.fromEntries(groups.map((g) => [g.id, g.terms.map((t) => t.id)]));

describe('glossary tree model', () => {
  it('groups terms by category in the index order, leaving out empty categories and putting unknown ones last', () => {
    const groups = buildGlossaryTree(SOURCE, new Set());
    assert.deepStrictEqual(groups.map((g) => g.id), ['fundamentals', 'training', 'nlp', OTHER_CATEGORY]);
    assert.deepStrictEqual(groups.map((g) => g.title), ['AI fundamentals', 'Training and optimization', 'NLP and language models', 'Other']);
  });

  it('sorts terms by title, ignoring case and reading numbers by value', () => {
    const groups = buildGlossaryTree(SOURCE, new Set());
    assert.deepStrictEqual(ids(groups).training, ['adam', 'adamw', 'epoch-2', 'epoch-10', 'learning-rate', 'sgd']);
  });

  it('counts total and learned terms per category and overall', () => {
    const learned = new Set(['adam', 'sgd', 'tokenizer', 'not-a-term']);
    const training = buildGlossaryTree(SOURCE, learned).find((g) => g.id === 'training')!;
    assert.strictEqual(training.total, 6);
    assert.strictEqual(training.learned, 2);
    assert.strictEqual(progressLabel(training.learned, training.total), '2/6 learned');
    assert.deepStrictEqual(overallProgress(SOURCE, learned), { learned: 3, total: 9 });
  });

  it('"only unlearned" hides learned terms and emptied categories, but counts stay whole', () => {
    const learned = new Set(['ai', 'adam', 'sgd']);
    const groups = buildGlossaryTree(SOURCE, learned, { unlearnedOnly: true });
    assert.deepStrictEqual(ids(groups), {
      training: ['adamw', 'epoch-2', 'epoch-10', 'learning-rate'],
      nlp: ['tokenizer'],
      [OTHER_CATEGORY]: ['mystery'],
    });
    const training = groups.find((g) => g.id === 'training')!;
    assert.deepStrictEqual([training.learned, training.total], [2, 6]);
  });

  it('shows pinned terms whatever the filters say, and `only` restricts to a set', () => {
    const learned = new Set(['adam']);
    const pinned = buildGlossaryTree(SOURCE, learned, { unlearnedOnly: true, pinned: new Set(['adam']) });
    assert.ok(ids(pinned).training.includes('adam'));
    const only = buildGlossaryTree(SOURCE, learned, { only: new Set(['adam', 'tokenizer']) });
    assert.deepStrictEqual(ids(only), { training: ['adam'], nlp: ['tokenizer'] });
  });

  it('filters by level, keeping terms that have no level', () => {
    const levelled: GlossarySource = {
      categories: SOURCE.categories,
      terms: [term('a', 'A', 'training', [], { level: 'beginner' }), term('b', 'B', 'training', [], { level: 'advanced' }), term('c', 'C', 'training')],
    };
    assert.deepStrictEqual(ids(buildGlossaryTree(levelled, new Set(), { levels: new Set(['advanced']) })), { training: ['b', 'c'] });
    assert.deepStrictEqual(ids(buildGlossaryTree(levelled, new Set(), { levels: new Set(['beginner', 'advanced']) })), { training: ['a', 'b', 'c'] });
    const pinned = buildGlossaryTree(levelled, new Set(), { levels: new Set(['advanced']), pinned: new Set(['a']) });
    assert.ok(ids(pinned).training.includes('a'));
  });

  it('reads a level filter from a saved or given list: known levels only, none or all meaning every level', () => {
    assert.deepStrictEqual(levelFilter(['advanced', 'nonsense', 3]), new Set(['advanced']));
    assert.strictEqual(levelFilter([]), undefined);
    assert.strictEqual(levelFilter(['beginner', 'intermediate', 'advanced']), undefined);
  });

  it('finds a term\'s neighbourhood: its links (with relations) and the terms linking to it, dropping unknown ids', () => {
    const n = relatedNeighbourhood(SOURCE, 'adamw');
    assert.deepStrictEqual([...n.entries()], [['adamw', 'self'], ['adam', 'contrast'], ['tokenizer', 'referenced-by']]);
    assert.strictEqual(relatedNeighbourhood(SOURCE, 'nope').size, 0);
  });

  it('reduces Markdown to one plain line and a tagline without the opening that repeats the title', () => {
    assert.strictEqual(plainOneLine('A **bold** `code` [link](https://x) and $x^2$ math.'), 'A bold code link and x^2 math.');
    assert.strictEqual(plainOneLine('word '.repeat(40), 30).length <= 30, true);
    assert.ok(plainOneLine('word '.repeat(40), 30).endsWith('…'));
    assert.strictEqual(firstSentence('First one. Second one.'), 'First one.');
    assert.strictEqual(termTagline({ title: 'Dropout', summary: 'Dropout is a regularisation technique that zeroes activations.' }), 'regularisation technique that zeroes activations.');
    assert.strictEqual(termTagline({ title: 'ONNX', summary: 'ONNX (Open Neural Network Exchange) is an open file format for models.' }), 'open file format for models.');
    assert.strictEqual(termTagline({ title: 'Gradient accumulation', summary: 'Gradient accumulation sums the gradients of several batches.' }), 'sums the gradients of several batches.');
    assert.strictEqual(termTagline({ title: 'Discriminator', summary: 'In a GAN, the discriminator is a classifier.' }), 'In a GAN, the discriminator is a classifier.');
    assert.strictEqual(termTagline({ title: 'Epoch', summary: 'Epoch X.' }), 'Epoch X.');
  });

  it('works on the compiled fixture glossary', () => {
    const index = fixtureIndex();
    const groups = buildGlossaryTree(index, new Set());
    assert.strictEqual(groups.reduce((n, g) => n + g.total, 0), index.terms.length);
    for (const g of groups) {
      const titles = g.terms.map((t) => t.title);
      assert.deepStrictEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })));
    }
  });
});

describe('term page model', () => {
  it('collects related terms (links and backlinks), category neighbours and the lab flag', () => {
    const data = termPageData(SOURCE, SOURCE.terms[1], { id: 'adamw', markdown: '## In depth\n\nText', html: '<h2>In depth</h2>\n<p>Text</p>\n', summaryHtml: 'Adam with <em>decoupled</em> decay.', references: [{ title: 'Paper', year: 2019 }], notRun: [{ block: 1, reason: 'needs a GPU' }] });
    assert.deepStrictEqual(data.related.map((r) => [r.id, r.rel]), [['adam', 'contrast'], ['tokenizer', 'referenced-by']]);
    assert.strictEqual(data.category.title, 'Training and optimization');
    assert.deepStrictEqual([data.previous?.id, data.next?.id, data.position], ['adam', 'epoch-2', { index: 2, total: 6 }]);
    assert.strictEqual(data.lab, false);
    assert.strictEqual(data.references[0].title, 'Paper');
    assert.strictEqual(data.html, '<h2>In depth</h2>\n<p>Text</p>\n');
    assert.deepStrictEqual(data.notRun, [{ block: 1, reason: 'needs a GPU' }]);
    const noBody = termPageData(SOURCE, SOURCE.terms[0], undefined);
    assert.strictEqual(noBody.html, '');
    assert.strictEqual(noBody.summaryHtml, escapeHtml(noBody.summary));
    assert.deepStrictEqual(noBody.notRun, []);
    assert.deepStrictEqual(noBody.references, []);
  });

  it('keeps a back/forward history', () => {
    const h = new TermHistory();
    h.push('a');
    h.push('b');
    h.push('b');
    h.push('c');
    assert.deepStrictEqual(h.nav(), { canBack: true, canForward: false, history: ['a', 'b', 'c'], index: 2 });
    assert.strictEqual(h.back(), 'b');
    assert.strictEqual(h.back(), 'a');
    assert.strictEqual(h.back(), 'a');
    assert.strictEqual(h.forward(), 'b');
    h.push('d');
    assert.deepStrictEqual(h.nav().history, ['a', 'b', 'd']);
    h.retain((id) => id !== 'b');
    assert.deepStrictEqual([h.nav().history, h.current], [['a', 'd'], 'd']);
  });
});

describe('"Terms in this File" model', () => {
  const lookup = (id: string): TermSummary | undefined => SOURCE.terms.find((t) => t.id === id);
  const occ = [
    { term: 'adam', text: 'Adam', cell: 0, line: 5, column: 2 },
    { term: 'sgd', text: 'SGD', cell: 0, line: 1, column: 0 },
    { term: 'adam', text: 'adam', cell: 0, line: 2, column: 4 },
    { term: 'adam', text: 'Adam', cell: 1, line: 0, column: 0 },
    { term: 'unknown', text: 'x', cell: 0, line: 0, column: 0 },
  ];

  it('groups occurrences by term with counts and spellings, in the chosen order', () => {
    const byCount = groupOccurrences(occ, lookup);
    assert.deepStrictEqual(byCount.map((e) => [e.term.id, e.places.length]), [['adam', 3], ['sgd', 1]]);
    assert.deepStrictEqual(byCount[0].spellings, ['Adam', 'adam']);
    assert.deepStrictEqual(byCount[0].places.map((p) => [p.cell, p.line]), [[0, 2], [0, 5], [1, 0]]);
    assert.deepStrictEqual(groupOccurrences(occ, lookup, 'position').map((e) => e.term.id), ['sgd', 'adam']);
    assert.deepStrictEqual(groupOccurrences(occ, lookup, 'name').map((e) => e.term.id), ['adam', 'sgd']);
  });

  it('steps through occurrences from the cursor, wrapping around', () => {
    const places = groupOccurrences(occ, lookup)[0].places;
    assert.strictEqual(nextPlace(places, undefined), 0);
    assert.strictEqual(nextPlace(places, { cell: 0, line: 2, column: 4 }), 1);
    assert.strictEqual(nextPlace(places, { cell: 0, line: 3, column: 0 }), 1);
    assert.strictEqual(nextPlace(places, { cell: 1, line: 0, column: 0 }), 0);
    assert.strictEqual(nextPlace([], undefined), -1);
  });
});

describe('learning progress state', () => {
  it('reads stored maps defensively', () => {
    assert.deepStrictEqual(readTimestamps({ dropout: 5, 'bad id!': 1, relu: 'x', gelu: -1, adam: Number.NaN }), { dropout: 5 });
    assert.deepStrictEqual(readTimestamps(['dropout']), {});
    assert.deepStrictEqual(readTimestamps(null), {});
  });

  it('picks a stable term of the day among unlearned terms', () => {
    const day = new Date(2024, 4, 17, 9);
    const all = ['a', 'b', 'c', 'd', 'e'];
    const pick = termOfTheDay(all, new Set(), day)!;
    assert.strictEqual(termOfTheDay(all, new Set(), new Date(2024, 4, 17, 23)), pick);
    assert.strictEqual(dayKey(day), '2024-05-17');
    const next = termOfTheDay(all, new Set([pick]), day)!;
    assert.notStrictEqual(next, pick);
    assert.strictEqual(termOfTheDay(all, new Set(all), day), pick);
    assert.strictEqual(termOfTheDay([], new Set(), day), undefined);
  });
});
