import * as assert from 'assert';
import {
  DEFAULT_PARAMS,
  DEFAULT_SIZES,
  embeddingMap,
  formatComparison,
  generateDataset,
  initialEmbeddings,
  labelledSubset,
  neighbourReport,
  predictMasked,
  Rng,
  sanitizeParams,
  stageSeed,
  summarizeSweep,
  SYNONYM_GROUPS,
  type Comparison,
  type SweepResult,
} from '../../src/core/lab';

describe('lab: synthetic language', () => {
  const data = generateDataset(7);

  it('is a pure function of the seed', () => {
    const again = generateDataset(7);
    assert.deepStrictEqual(again.corpus, data.corpus);
    assert.deepStrictEqual(again.test, data.test);
    assert.deepStrictEqual(
      again.groups.map((g) => g.heldOut),
      data.groups.map((g) => g.heldOut),
    );
    const other = generateDataset(8);
    assert.notDeepStrictEqual(other.corpus.slice(0, 20), data.corpus.slice(0, 20));
  });

  it('has a vocabulary of 100 to 300 words and the promised sizes', () => {
    assert.ok(data.vocab.length >= 100 && data.vocab.length <= 300, `${data.vocab.length} words`);
    assert.strictEqual(new Set(data.vocab).size, data.vocab.length);
    assert.strictEqual(data.corpus.length, DEFAULT_SIZES.corpus);
    assert.strictEqual(data.test.length, DEFAULT_SIZES.test);
    assert.strictEqual(data.labelledPool.length, DEFAULT_SIZES.labelledPool);
  });

  it('splits every synonym group into labelled and held-out words', () => {
    assert.strictEqual(data.groups.length, SYNONYM_GROUPS.length);
    for (const g of data.groups) {
      assert.strictEqual(g.seen.length, DEFAULT_SIZES.seenPerGroup);
      assert.strictEqual(g.seen.length + g.heldOut.length, g.ids.length);
    }
  });

  it('keeps held-out synonyms out of labelled reviews, and puts them in the corpus and the test set', () => {
    const heldOut = new Set(data.groups.flatMap((g) => g.heldOut));
    for (const r of data.labelledPool) for (const t of r.tokens) assert.ok(!heldOut.has(t), `labelled review uses held-out "${data.vocab[t]}"`);
    const inCorpus = new Set(data.corpus.flat());
    const inTest = new Set(data.test.flatMap((r) => r.tokens));
    for (const id of heldOut) {
      assert.ok(inCorpus.has(id), `"${data.vocab[id]}" never appears in the corpus`);
      assert.ok(inTest.has(id), `"${data.vocab[id]}" never appears in the test set`);
    }
    assert.ok(data.test.filter((r) => r.coverage === 'heldout').length > 200);
  });

  it('never mixes polarities inside a review, and labels match the sentiment words', () => {
    for (const r of [...data.labelledPool, ...data.test]) {
      const polarities = new Set(r.tokens.filter((t) => data.groupOf[t] >= 0).map((t) => data.groups[data.groupOf[t]].polarity));
      assert.deepStrictEqual([...polarities], [r.label === 1 ? 'positive' : 'negative']);
    }
  });

  it('gives balanced label budgets, nested across budgets', () => {
    for (const n of [4, 16, 128]) {
      const s = labelledSubset(data, n);
      assert.strictEqual(s.length, n);
      assert.strictEqual(s.filter((r) => r.label === 1).length, n / 2);
    }
    assert.deepStrictEqual(labelledSubset(data, 16), labelledSubset(data, 32).slice(0, 16));
    const draw1 = labelledSubset(data, 16, 1);
    assert.strictEqual(draw1.filter((r) => r.label === 1).length, 8);
    assert.notDeepStrictEqual(draw1, labelledSubset(data, 16));
  });
});

describe('lab: parameters and seeds', () => {
  it('clamps, rounds and completes untrusted parameters', () => {
    assert.deepStrictEqual(sanitizeParams(undefined), DEFAULT_PARAMS);
    const p = sanitizeParams({ seed: 3.6, labels: 100000, lr: -1, epochs: 'x', mode: 'bogus', embeddingSize: NaN });
    assert.strictEqual(p.seed, 4);
    assert.strictEqual(p.labels, 256);
    assert.strictEqual(p.lr, 0.0001);
    assert.strictEqual(p.epochs, DEFAULT_PARAMS.epochs);
    assert.strictEqual(p.mode, DEFAULT_PARAMS.mode);
    assert.strictEqual(p.embeddingSize, DEFAULT_PARAMS.embeddingSize);
    assert.strictEqual(sanitizeParams({ mode: 'finetune' }).mode, 'finetune');
  });

  it('derives independent, reproducible streams', () => {
    const a = new Rng(stageSeed(1, 'x'));
    const b = new Rng(stageSeed(1, 'x'));
    const c = new Rng(stageSeed(1, 'y'));
    const xs = [a.next(), a.next(), a.next()];
    assert.deepStrictEqual([b.next(), b.next(), b.next()], xs);
    assert.notDeepStrictEqual([c.next(), c.next(), c.next()], xs);
    assert.ok(xs.every((x) => x >= 0 && x < 1));
  });
});

describe('lab: embedding analysis', () => {
  const data = generateDataset(1);
  const D = 8;
  const V = data.vocab.length;

  it('finds a planted sentiment direction and orients it positive-right', () => {
    // Synthetic embeddings: each group at its own point, polarity along dimension 5.
    const E = new Float32Array(V * D);
    data.groups.forEach((g, gi) => {
      for (const id of g.ids) {
        E[id * D + (gi % 4)] = 3;
        E[id * D + 5] = g.polarity === 'positive' ? 1 : -1;
      }
    });
    const map = embeddingMap(data, E, D);
    const axis = map.sentimentAxis;
    assert.ok(map.components[axis].polarity > 0.95, `polarity correlation ${map.components[axis].polarity}`);
    for (const p of map.points) {
      if (p.group < 0) continue;
      const positive = data.groups[p.group].polarity === 'positive';
      assert.strictEqual(p.coords[axis] > 0, positive, `${p.word} on the wrong side`);
    }
    const explained = map.components.reduce((s, c) => s + c.explained, 0);
    assert.ok(explained <= 1 + 1e-9 && explained > 0.99);
    const report = neighbourReport(data, E, D);
    assert.strictEqual(report.sameGroup, report.total);
  });

  it('scores random embeddings as mostly unrelated', () => {
    const report = neighbourReport(data, initialEmbeddings(1, V, 16), 16);
    assert.strictEqual(report.total, 32);
    assert.ok(report.sameGroup < 12, `${report.sameGroup} of 32 by chance`);
  });

  it('predicts masked words as a probability distribution', () => {
    const model = { embeddings: initialEmbeddings(1, V, D), output: new Float32Array(D * V), outputBias: new Float32Array(V), embeddingSize: D };
    model.outputBias[5] = 10;
    const preds = predictMasked(model, data.vocab, [1, 2, 3], 3);
    assert.strictEqual(preds.length, 3);
    assert.strictEqual(preds[0].word, data.vocab[5]);
    assert.ok(preds[0].probability > 0.9 && preds[0].probability <= 1);
  });
});

describe('lab: reports', () => {
  it('reads the label-data claim off a sweep', () => {
    const sweep: SweepResult = {
      mode: 'freeze',
      epochs: 30,
      draws: 2,
      elapsedMs: 1,
      points: [
        { labels: 4, pretrained: [0.8, 0.9], scratch: [0.5, 0.5] },
        { labels: 8, pretrained: [0.9, 0.9], scratch: [0.6, 0.6] },
        { labels: 128, pretrained: [0.95, 0.95], scratch: [0.85, 0.85] },
      ],
    };
    const s = summarizeSweep(sweep);
    assert.deepStrictEqual(s.scratchBest, { labels: 128, accuracy: 0.85 });
    assert.strictEqual(s.pretrainedLabelsToMatch, 4);
    assert.strictEqual(s.labelSaving, 32);
  });

  it('formats the comparison table', () => {
    const e = { accuracy: 0.9, seen: 0.95, mixed: 0.9, heldout: 0.85 };
    const c: Comparison = { labels: 16, epochs: 30, mode: 'freeze', pretrained: e, scratch: { ...e, accuracy: 0.6 }, gainPoints: 30, epochsToMatchScratch: 2, convergence: { pretrained: 3, scratch: 10 } };
    const text = formatComparison(c);
    assert.match(text, /pre-trained, frozen encoder\s+90\.0%/);
    assert.match(text, /from scratch\s+60\.0%/);
  });
});
