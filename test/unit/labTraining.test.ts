import * as assert from 'assert';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, liveTensors } from '../../src/core/lab/backend';
import {
  claimLines,
  DEFAULT_PARAMS,
  formatComparison,
  generateDataset,
  LabCancelledError,
  referenceEngine,
  runExperiment,
  runSweep,
  tfjsEngine,
  type ConvergenceVerdict,
  type ExperimentResult,
  type LabParams,
} from '../../src/core/lab';

const WASM = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;

/** The numbers a run reports (no timings), for exact comparison. */
function numbers(r: ExperimentResult): unknown {
  return {
    pretrain: r.pretrain.curve,
    batchLosses: r.pretrain.batchLosses,
    embeddings: Array.from(r.pretrain.embeddings),
    neighbours: r.embeddings.after.neighbours,
    finetune: r.finetune.curve,
    scratch: r.scratch.curve,
    comparison: r.comparison,
    sweep: r.sweep?.points,
  };
}

describe('lab: training (tfjs)', function () {
  this.timeout(60_000);

  before(async () => {
    const info = await initBackend({ wasmPaths: WASM });
    assert.strictEqual(info.name, 'wasm', `expected the wasm backend, got ${info.name} (${info.fallbackReason})`);
    assert.strictEqual(tf.getBackend(), 'wasm');
  });

  it('reproduces the same numbers with the same seed, and different ones with another', async () => {
    const a = await runExperiment(tfjsEngine, DEFAULT_PARAMS, { sweepDraws: 1 });
    const b = await runExperiment(tfjsEngine, DEFAULT_PARAMS, { sweepDraws: 1 });
    assert.deepStrictEqual(numbers(b), numbers(a));
    const c = await runExperiment(tfjsEngine, { ...DEFAULT_PARAMS, seed: 2 }, { sweepDraws: 0 });
    assert.notDeepStrictEqual(c.pretrain.batchLosses, a.pretrain.batchLosses);
  });

  describe('the claims, at default settings and 16 labels', () => {
    /**
     * The convergence verdict each seed measures. Pre-trained reaches scratch's final accuracy after
     * 1 epoch in all four; scratch first reaches it after 24, 12, 29 and 2 epochs. Seed 4's scratch
     * curve is at 57.4% after epoch 2, above its final 56.9%, so there pre-training is sooner but
     * not in under half the epochs, and the page says "Only just".
     */
    const SPEED: Record<number, ConvergenceVerdict> = { 1: 'faster', 2: 'faster', 3: 'faster', 4: 'slightly' };
    for (const seed of [1, 2, 3, 4]) {
      const speed = SPEED[seed] === 'faster' ? "reaches scratch's final accuracy in under half the epochs scratch needs" : "reaches scratch's final accuracy sooner, but not in under half the epochs";
      it(`seed ${seed}: pre-training beats scratch by 15+ points and ${speed}`, async () => {
        const params: LabParams = { ...DEFAULT_PARAMS, seed };
        const r = await runExperiment(tfjsEngine, params, { sweepDraws: 0 });
        const c = r.comparison;
        assert.strictEqual(c.labels, 16);
        assert.ok(c.gainPoints >= 15, `gain ${c.gainPoints.toFixed(1)} points (${c.pretrained.accuracy} vs ${c.scratch.accuracy})`);
        // Both epoch counts come from the curves: scratch's is the first epoch its own test accuracy reaches its final value.
        const m = c.convergence;
        assert.ok(m, 'both runs score the test set every epoch');
        assert.strictEqual(m.targetFrom, 'scratch');
        const scratchCurve = r.scratch.curve.map((p) => p.test!.accuracy);
        const scratchNeeds = 1 + scratchCurve.findIndex((a) => a >= r.scratch.final.accuracy);
        const preNeeds = 1 + r.finetune.curve.findIndex((p) => p.test!.accuracy >= r.scratch.final.accuracy);
        assert.deepStrictEqual([m.pretrained.toTarget, m.scratch.toTarget], [preNeeds, scratchNeeds]);
        const detail = `pre-trained ${m.pretrained.toTarget} epochs, scratch ${m.scratch.toTarget} of ${params.epochs}`;
        assert.ok(m.pretrained.toTarget < m.scratch.toTarget, `pre-trained should reach ${(100 * m.target).toFixed(1)}% sooner: ${detail}`);
        assert.strictEqual(m.pretrained.toTarget * 2 < m.scratch.toTarget, SPEED[seed] === 'faster', `under half the epochs? ${detail}`);
        assert.strictEqual(m.verdict, SPEED[seed], detail);
        // The mechanism: the gain comes from the synonyms the labels never showed.
        assert.ok(c.pretrained.heldout - c.scratch.heldout > 0.2, `held-out: ${c.pretrained.heldout} vs ${c.scratch.heldout}`);
        assert.ok(r.embeddings.after.neighbours.sameGroup > r.embeddings.before.neighbours.sameGroup + 10);
      });
    }

    it('seed 7, 24 labels: reports the measured scratch epochs and says "Only just"', async () => {
      const r = await runExperiment(tfjsEngine, { ...DEFAULT_PARAMS, seed: 7, labels: 24 }, { sweepDraws: 0 });
      const m = r.comparison.convergence!;
      assert.deepStrictEqual([m.pretrained.toTarget, m.scratch.toTarget], [1, 2]);
      assert.deepStrictEqual([m.pretrained.toPlateau, m.scratch.toPlateau], [6, 3]);
      const [, speed] = claimLines(r);
      assert.match(speed, /^Faster convergence — Only just: pre-trained reaches 61\.1% after 1 epoch, scratch after 2 epochs/);
      assert.match(speed, /Scratch levels off sooner/);
      assert.match(formatComparison(r.comparison), /from scratch .*\s2\s+3\s+65\.0% @3$/m);
    });

    it('holds in fine-tune-all mode too', async () => {
      const r = await runExperiment(tfjsEngine, { ...DEFAULT_PARAMS, mode: 'finetune' }, { sweepDraws: 0 });
      assert.ok(r.comparison.gainPoints >= 15, `gain ${r.comparison.gainPoints.toFixed(1)}`);
    });
  });

  it('needs fewer labels with pre-training at every budget of the sweep', async () => {
    const data = generateDataset(DEFAULT_PARAMS.seed);
    const pre = await tfjsEngine.pretrain(data, { embeddingSize: DEFAULT_PARAMS.embeddingSize, epochs: DEFAULT_PARAMS.pretrainEpochs, lr: DEFAULT_PARAMS.pretrainLr });
    const sweep = await runSweep(tfjsEngine, data, pre, DEFAULT_PARAMS, 1);
    assert.deepStrictEqual(sweep.points.map((p) => p.labels), [4, 8, 16, 32, 64, 128]);
    const scratchBest = Math.max(...sweep.points.map((p) => p.scratch[0]));
    assert.ok(sweep.points[0].pretrained[0] > scratchBest, `4 labels pre-trained ${sweep.points[0].pretrained[0]} vs scratch best ${scratchBest}`);
    const scratch = sweep.points.map((p) => p.scratch[0]);
    assert.ok(scratch[scratch.length - 1] > scratch[0] + 0.05, `scratch should improve with labels: ${scratch}`);
  });

  it('matches the Float32Array reference implementation of the same maths', async () => {
    const params: LabParams = { ...DEFAULT_PARAMS, pretrainEpochs: 2, epochs: 10 };
    const a = await runExperiment(tfjsEngine, params, { sweepDraws: 0 });
    const b = await runExperiment(referenceEngine, params, { sweepDraws: 0 });
    a.pretrain.batchLosses.forEach((l, i) => assert.ok(Math.abs(l - b.pretrain.batchLosses[i]) < 1e-3, `batch ${i}: ${l} vs ${b.pretrain.batchLosses[i]}`));
    let maxDiff = 0;
    a.pretrain.embeddings.forEach((x, i) => (maxDiff = Math.max(maxDiff, Math.abs(x - b.pretrain.embeddings[i]))));
    assert.ok(maxDiff < 1e-3, `embeddings differ by ${maxDiff}`);
    for (const k of ['finetune', 'scratch'] as const) {
      a[k].curve.forEach((p, i) => {
        assert.ok(Math.abs(p.trainLoss - b[k].curve[i].trainLoss) < 1e-3, `${k} epoch ${p.epoch} loss`);
        assert.ok(Math.abs(p.test!.accuracy - b[k].curve[i].test!.accuracy) <= 0.003, `${k} epoch ${p.epoch} accuracy`);
      });
    }
  });

  describe('memory', () => {
    it('leaves no tensors behind after running the whole notebook ten times', async () => {
      const before = liveTensors();
      for (let i = 0; i < 10; i++) {
        await runExperiment(tfjsEngine, { ...DEFAULT_PARAMS, mode: i % 2 ? 'finetune' : 'freeze' }, { sweepDraws: 1 });
        assert.strictEqual(liveTensors(), before, `run ${i + 1} leaked ${liveTensors() - before} tensors`);
      }
    });

    it('leaves no tensors behind when a step fails', async () => {
      const before = liveTensors();
      const data = generateDataset(1);
      await assert.rejects(tfjsEngine.trainClassifier(data, { kind: 'pretrained', embeddings: new Float32Array(3), embeddingSize: 16, mode: 'freeze', labels: 16, epochs: 2, lr: 0.1 }));
      assert.strictEqual(liveTensors(), before);
    });
  });

  describe('cancellation', () => {
    it('stops pre-training at the next batch, cleanly', async () => {
      const before = liveTensors();
      const signal = { cancelled: false };
      let batches = 0;
      const data = generateDataset(1);
      await assert.rejects(
        tfjsEngine.pretrain(data, { embeddingSize: 16, epochs: 8, lr: 0.2 }, { signal, onProgress: () => ++batches === 5 && (signal.cancelled = true) }),
        LabCancelledError,
      );
      assert.strictEqual(batches, 5);
      assert.strictEqual(liveTensors(), before);
    });

    it('stops a classifier and a whole experiment, cleanly', async () => {
      const before = liveTensors();
      const data = generateDataset(1);
      const signal = { cancelled: false };
      let epochs = 0;
      await assert.rejects(
        tfjsEngine.trainClassifier(data, { kind: 'scratch', embeddingSize: 16, mode: 'freeze', labels: 64, epochs: 30, lr: 0.1 }, { signal, onEpoch: () => ++epochs === 3 && (signal.cancelled = true) }),
        LabCancelledError,
      );
      assert.strictEqual(epochs, 3);
      assert.strictEqual(liveTensors(), before);

      const stop = { cancelled: false };
      let steps: string[] = [];
      await assert.rejects(
        runExperiment(tfjsEngine, DEFAULT_PARAMS, {
          signal: stop,
          onStep: (s) => {
            steps.push(s);
            if (s === 'scratch') stop.cancelled = true;
          },
        }),
        LabCancelledError,
      );
      assert.deepStrictEqual(steps, ['data', 'pretrain', 'embeddings', 'finetune', 'scratch']);
      assert.strictEqual(liveTensors(), before);
      steps = [];
    });

    it('yields to the event loop between batches', async () => {
      const data = generateDataset(1);
      let yields = 0;
      let timerFired = false;
      setTimeout(() => (timerFired = true), 0);
      await tfjsEngine.pretrain(data, { embeddingSize: 8, epochs: 1, lr: 0.2 }, { yieldControl: () => new Promise((r) => setImmediate(() => (yields++, r()))) });
      assert.ok(yields >= 20, `${yields} yields`);
      assert.ok(timerFired, 'a timer queued before training should run during it');
    });
  });
});
