import * as assert from 'assert';
import {
  clampNote,
  clampParam,
  claimLines,
  convergenceClaim,
  DEFAULT_PARAMS,
  DEFAULT_SIZES,
  embeddingMap,
  finalClaim,
  firstEpochReaching,
  formatComparison,
  labelClaim,
  measureConvergence,
  PARAM_LIMITS,
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

  it('formats the comparison table with measured epochs for both models', () => {
    const e = { accuracy: 0.9, seen: 0.95, mixed: 0.9, heldout: 0.85 };
    const c: Comparison = {
      labels: 16,
      epochs: 30,
      mode: 'freeze',
      pretrained: e,
      scratch: { ...e, accuracy: 0.6 },
      gainPoints: 30,
      convergence: measureConvergence([0.7, 0.85, ...Array(28).fill(0.9)], [0.5, 0.55, 0.58, 0.6, ...Array(26).fill(0.6)]),
    };
    const text = formatComparison(c);
    assert.match(text, /pre-trained, frozen encoder\s+90\.0%.*\s1\s+3\s+90\.0% @3$/m);
    assert.match(text, /from scratch\s+60\.0%.*\s4\s+4\s+60\.0% @4$/m);
    assert.match(text, /epochs to 60\.0%/);
    assert.doesNotMatch(text, /\b30\b/, 'the run length is not a measurement');
  });
});

/** Test accuracy per epoch, seed 7 with 24 labels at default settings (tfjs wasm), rounded to 0.1%. */
const SEED7_PRE = [84.6, 92.8, 93.7, 94.1, 95.2, 95.7, 96.2, 96.2, 96.6, 96.4, 96.3, 96.4, 96.4, 96.3, 96.3, 96.2, 96.2, 96.2, 96.3, 96.5, 96.5, 96.6, 96.6, 96.6, 96.5, 96.6, 96.6, 96.5, 96.4, 96.5].map((x) => x / 100);
const SEED7_SCRATCH = [60, 63.4, 65, 64, 62.6, 61.9, 61.4, 61.1, 61.1, 61.1, 61.1, 61, 61.1, 61.1, 61.2, 61.1, 61.1, 61.2, 61.2, 61.2, 61.1, 61.1, 61.1, 61.1, 61.1, 61.1, 61.1, 61.1, 61.1, 61.1].map((x) => x / 100);

describe('lab: convergence, measured', () => {
  it('finds the first epoch that reaches a level', () => {
    assert.strictEqual(firstEpochReaching([0.5, 0.6, 0.7], 0.6), 2);
    assert.strictEqual(firstEpochReaching([0.5, 0.6, 0.7], 0.71), undefined);
    assert.strictEqual(firstEpochReaching([0.3], 0.1 + 0.2), 1, 'float slack');
  });

  it("measures scratch's epochs from its curve, not from the run length (seed 7, 24 labels)", () => {
    const m = measureConvergence(SEED7_PRE, SEED7_SCRATCH)!;
    assert.strictEqual(m.targetFrom, 'scratch');
    assert.ok(Math.abs(m.target - 0.611) < 1e-12);
    assert.strictEqual(m.scratch.toTarget, 2, 'scratch is at 63.4% after epoch 2, above its final 61.1%');
    assert.strictEqual(m.pretrained.toTarget, 1);
    assert.deepStrictEqual([m.pretrained.toPlateau, m.scratch.toPlateau], [6, 3]);
    assert.deepStrictEqual([m.scratch.best, m.scratch.bestEpoch], [0.65, 3]);
    assert.strictEqual(m.verdict, 'slightly');
    const claim = convergenceClaim(m);
    assert.strictEqual(claim.status, 'weak');
    assert.match(claim.text, /^Only just: pre-trained reaches 61\.1% after 1 epoch, scratch after 2 epochs/);
    assert.match(claim.text, /Scratch levels off sooner \(within 1 point of its best by epoch 3, against 6\), but its best is 65\.0% against 96\.6%/);
    assert.doesNotMatch(claim.text, /30|all/);
    assert.match(claim.method!, /first epoch at which each model's test accuracy reaches the lower of the two final accuracies \(here scratch's, 61\.1%\)/);
  });

  it('says yes only when pre-trained needs fewer than half the epochs', () => {
    const scratch = [0.5, 0.52, 0.55, 0.58, 0.6, 0.6];
    const at = (k: number): number[] => scratch.map((_, i) => (i + 1 >= k ? 0.9 : 0.5));
    assert.strictEqual(measureConvergence(at(2), scratch)!.verdict, 'faster', '2 against 5');
    assert.strictEqual(measureConvergence(at(3), scratch)!.verdict, 'slightly', '3 against 5');
    assert.strictEqual(measureConvergence(at(5), scratch)!.verdict, 'not', '5 against 5');
    assert.strictEqual(measureConvergence(at(6), scratch)!.verdict, 'not', '6 against 5');
    assert.match(convergenceClaim(measureConvergence(at(2), scratch)).text, /^Yes: pre-trained reaches 60\.0% after 2 epochs, scratch only after 5 epochs\.$/);
    assert.match(convergenceClaim(measureConvergence(at(5), scratch)).text, /^Not this time: both models reach 60\.0% after 5 epochs\./);
    const slower = convergenceClaim(measureConvergence(at(6), scratch));
    assert.strictEqual(slower.status, 'fails');
    assert.match(slower.text, /^Not this time: pre-trained needs 6 epochs to reach 60\.0%, scratch 5 epochs\./);
  });

  it("takes the pre-trained model's final as the target when it ends lower", () => {
    const m = measureConvergence([0.6, 0.7, 0.7], [0.5, 0.75, 0.8])!;
    assert.strictEqual(m.targetFrom, 'pretrained');
    assert.strictEqual(m.target, 0.7);
    assert.deepStrictEqual([m.pretrained.toTarget, m.scratch.toTarget], [2, 2]);
    assert.strictEqual(m.verdict, 'not');
    assert.match(convergenceClaim(m).method!, /here the pre-trained model's, 70\.0%/);
  });

  it('does not measure curves with unscored epochs', () => {
    assert.strictEqual(measureConvergence([NaN, 0.9], [0.5, 0.6]), undefined);
    assert.strictEqual(measureConvergence([0.9, 0.9], [0.5]), undefined);
    assert.strictEqual(measureConvergence([], []), undefined);
    assert.strictEqual(convergenceClaim(undefined).status, 'pending');
  });
});

describe('lab: claims', () => {
  const e = { accuracy: 0.9, seen: 0.95, mixed: 0.9, heldout: 0.85 };
  const base: Comparison = { labels: 16, epochs: 30, mode: 'freeze', pretrained: e, scratch: { ...e, accuracy: 0.6, heldout: 0.5 }, gainPoints: 30 };

  it('states the final-performance claim only when pre-trained ends ahead', () => {
    assert.match(finalClaim(base).text, /^Yes: 90\.0% against 60\.0% with 16 labels \(\+30\.0 points\)/);
    const worse = finalClaim({ ...base, scratch: { ...e, accuracy: 0.92 }, gainPoints: -2 });
    assert.strictEqual(worse.status, 'fails');
    assert.match(worse.text, /^Not this time: 90\.0% against 92\.0% with 16 labels \(−2\.0 points\)/);
    assert.strictEqual(finalClaim({ ...base, gainPoints: 0.4 }).status, 'weak');
  });

  it('states the label claim only when pre-trained needs fewer labels', () => {
    const best = { labels: 32, accuracy: 0.8 };
    assert.match(labelClaim({ scratchBest: best, pretrainedLabelsToMatch: 4, labelSaving: 8 }).text, /^Yes: .* with 4 labels, 8× fewer\.$/);
    const same = labelClaim({ scratchBest: best, pretrainedLabelsToMatch: 32, labelSaving: 1 });
    assert.strictEqual(same.status, 'fails');
    assert.match(same.text, /^Not this time: pre-trained needs 32 labels/);
    assert.strictEqual(labelClaim({ scratchBest: best }).status, 'fails');
    assert.strictEqual(labelClaim(undefined).status, 'pending');
  });

  it('prints the same sentences in the headless report', () => {
    const c = { ...base, convergence: measureConvergence(SEED7_PRE, SEED7_SCRATCH) };
    const lines = claimLines({ comparison: c, sweep: undefined });
    assert.strictEqual(lines.length, 3);
    assert.strictEqual(lines[1], `Faster convergence — ${convergenceClaim(c.convergence).text}`);
    assert.match(lines[0], /^Less labelled data — Not measured/);
  });
});

describe('lab: parameter clamping', () => {
  it('says what it changed', () => {
    assert.deepStrictEqual(clampParam('labels', 0), { value: 2, change: 'min' });
    assert.deepStrictEqual(clampParam('labels', 100000), { value: 256, change: 'max' });
    assert.deepStrictEqual(clampParam('labels', 16), { value: 16 });
    assert.deepStrictEqual(clampParam('labels', 3.6), { value: 4, change: 'rounded' });
    assert.deepStrictEqual(clampParam('lr', 0.05), { value: 0.05 });
    assert.strictEqual(clampNote(clampParam('labels', 0), PARAM_LIMITS.labels), 'Allowed 2 to 256: using 2.');
    assert.strictEqual(clampNote(clampParam('labels', 100000), PARAM_LIMITS.labels), 'Allowed 2 to 256: using 256.');
    assert.strictEqual(clampNote(clampParam('seed', 3.6), PARAM_LIMITS.seed), 'Whole numbers only: using 4.');
    assert.strictEqual(clampNote(clampParam('labels', 16), PARAM_LIMITS.labels), undefined);
  });
});
