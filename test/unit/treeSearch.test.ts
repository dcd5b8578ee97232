import * as assert from 'assert';
import { matchNote, searchKey, searchTerms } from '../../src/core/termSearch';
import type { TermSummary } from '../../src/core/types';
import { fixtureIndex } from './fixtures';

const top = (query: string): string | undefined => searchTerms(fixtureIndex().terms, query)[0]?.term.id;

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
  });
});
