import * as tf from '@tensorflow/tfjs-core';
import { bagMatrix, fillContext, maskedEpoch, normalInit, type MaskedSample } from './features';
import { labelledSubset, type LabDataset, type Review } from './language';
import { Rng, stageSeed } from './rng';
import {
  LabCancelledError,
  type ClassifierEpoch,
  type ClassifierKind,
  type ClassifierResult,
  type Evaluation,
  type FineTuneMode,
  type PretrainEpoch,
  type PretrainResult,
  type RunHooks,
} from './types';

/** Masked words per review per pre-training epoch. */
export const MASKS_PER_REVIEW = 2;
/** Pre-training batch size: large, because per-op overhead dominates at this model size. */
export const PRETRAIN_BATCH = 256;
/** Classifier batch size. */
export const CLASSIFIER_BATCH = 16;
/** Masked words of held-out reviews scored after every pre-training epoch. */
export const VALIDATION_SAMPLES = 1024;
/**
 * When fine-tuning everything, the pre-trained encoder learns this much slower than the new head
 * (discriminative learning rates): a full-size step would drag the labelled synonyms away from the
 * held-out ones they were learnt next to. A scratch model has nothing to protect and uses 1.
 */
export const FINETUNE_ENCODER_LR_SCALE = 0.1;
/** Standard deviation of the initial weights. */
export const INIT_SCALE = 0.1;

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The random embeddings every model starts from, so "before" and "scratch" share one starting point. */
export function initialEmbeddings(seed: number, vocabSize: number, dim: number): Float32Array {
  return normalInit(new Rng(stageSeed(seed, 'init-encoder')), vocabSize * dim, INIT_SCALE);
}

/**
 * Adam with the bias correction folded into the step size, as in the original paper:
 * p -= lr·√(1-β₂ᵗ)/(1-β₁ᵗ) · m / (√v + ε). The Float32Array reference implements the same formula.
 */
class Adam {
  private t = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly b1: tf.Scalar;
  private readonly b1c: tf.Scalar;
  private readonly b2: tf.Scalar;
  private readonly b2c: tf.Scalar;
  private readonly eps: tf.Scalar;

  constructor(
    private readonly params: tf.Variable[],
    private readonly lr: number,
    private readonly scales: readonly number[] = params.map(() => 1),
  ) {
    this.m = params.map((p) => tf.tidy(() => tf.variable(tf.zeros(p.shape))));
    this.v = params.map((p) => tf.tidy(() => tf.variable(tf.zeros(p.shape))));
    this.b1 = tf.scalar(BETA1);
    this.b1c = tf.scalar(1 - BETA1);
    this.b2 = tf.scalar(BETA2);
    this.b2c = tf.scalar(1 - BETA2);
    this.eps = tf.scalar(EPSILON);
  }

  /** Applies one update; call inside tf.tidy. */
  step(grads: tf.Tensor[]): void {
    this.t++;
    const base = (this.lr * Math.sqrt(1 - BETA2 ** this.t)) / (1 - BETA1 ** this.t);
    const rates = new Map<number, tf.Scalar>();
    grads.forEach((g, i) => {
      let rate = rates.get(this.scales[i]);
      if (!rate) rates.set(this.scales[i], (rate = tf.scalar(base * this.scales[i])));
      const m = tf.add(tf.mul(this.m[i], this.b1), tf.mul(g, this.b1c));
      const v = tf.add(tf.mul(this.v[i], this.b2), tf.mul(tf.square(g), this.b2c));
      this.m[i].assign(m);
      this.v[i].assign(v);
      this.params[i].assign(tf.sub(this.params[i], tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.eps)), rate)));
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v, this.b1, this.b1c, this.b2, this.b2c, this.eps]);
  }
}

/** Everything a run allocates, disposed in one place whatever happens. */
class TensorScope {
  private readonly held: tf.Tensor[] = [];
  private optimizer?: Adam;

  keep<T extends tf.Tensor>(t: T): T {
    this.held.push(t);
    return t;
  }

  variable(values: Float32Array, shape: number[]): tf.Variable {
    const init = tf.tensor(values, shape);
    const v = tf.variable(init);
    init.dispose();
    return this.keep(v);
  }

  adam(params: tf.Variable[], lr: number, scales?: number[]): Adam {
    this.optimizer = new Adam(params, lr, scales);
    return this.optimizer;
  }

  dispose(): void {
    this.optimizer?.dispose();
    tf.dispose(this.held);
  }
}

async function checkpoint<E>(hooks: RunHooks<E>): Promise<void> {
  if (hooks.yieldControl) await hooks.yieldControl();
  if (hooks.signal?.cancelled) throw new LabCancelledError();
}

/** Fixed masked words of the test reviews (read as plain text), for validating pre-training. */
function validationSamples(data: LabDataset): MaskedSample[] {
  const rng = new Rng(stageSeed(data.seed, 'validation'));
  const out: MaskedSample[] = [];
  for (let i = 0; i < VALIDATION_SAMPLES; i++) {
    const review = i % data.test.length;
    const position = rng.int(data.test[review].tokens.length);
    out.push({ review, position, target: data.test[review].tokens[position] });
  }
  return out;
}

function crossEntropyAndAccuracy(logits: Float32Array, targets: Int32Array, classes: number): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (let r = 0; r < targets.length; r++) {
    const o = r * classes;
    let max = -Infinity;
    let arg = 0;
    for (let c = 0; c < classes; c++) {
      if (logits[o + c] > max) {
        max = logits[o + c];
        arg = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[o + c] - max);
    loss += Math.log(sum) + max - logits[o + targets[r]];
    if (arg === targets[r]) correct++;
  }
  return { loss: loss / targets.length, accuracy: correct / targets.length };
}

/** Options of a pre-training run. */
export interface PretrainOptions {
  embeddingSize: number;
  epochs: number;
  lr: number;
}

/**
 * Self-supervised pre-training: hide one word of a review and predict it from the mean embedding of
 * the others (continuous bag of words) with a softmax over the whole vocabulary. Gradients are
 * written out by hand: five matrix products per step, no autodiff tape.
 */
export async function pretrain(data: LabDataset, opts: PretrainOptions, hooks: RunHooks<PretrainEpoch> = {}): Promise<PretrainResult> {
  const start = now();
  const V = data.vocab.length;
  const D = opts.embeddingSize;
  const rng = new Rng(stageSeed(data.seed, 'pretrain'));
  const initial = initialEmbeddings(data.seed, V, D);
  const scope = new TensorScope();
  try {
    const E = scope.variable(initial, [V, D]);
    const W = scope.variable(normalInit(new Rng(stageSeed(data.seed, 'init-output')), D * V, INIT_SCALE), [D, V]);
    const b = scope.variable(new Float32Array(V), [V]);
    const adam = scope.adam([E, W, b], opts.lr);

    const valSamples = validationSamples(data);
    const valReviews = data.test.map((r) => r.tokens);
    const valX = new Float32Array(valSamples.length * V);
    const valY = new Int32Array(valSamples.length);
    fillContext(valReviews, valSamples, V, valX, undefined, valY);
    const valXt = scope.keep(tf.tensor2d(valX, [valSamples.length, V]));

    const B = PRETRAIN_BATCH;
    const x = new Float32Array(B * V);
    const xT = new Float32Array(B * V);
    const targets = new Int32Array(B);
    const ones = scope.keep(tf.ones([1, B]));
    const batchesPerEpoch = Math.ceil((data.corpus.length * MASKS_PER_REVIEW) / B);
    const curve: PretrainEpoch[] = [];
    const batchLosses: number[] = [];

    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const samples = maskedEpoch(data.corpus, MASKS_PER_REVIEW, rng);
      let lossSum = 0;
      for (let batch = 0; batch * B < samples.length; batch++) {
        const chunk = samples.slice(batch * B, (batch + 1) * B);
        const n = chunk.length;
        fillContext(data.corpus, chunk, V, x, xT, targets);
        const picked = tf.tidy(() => {
          const X = tf.tensor2d(n === B ? x : x.subarray(0, n * V), [n, V]);
          const XT = tf.tensor2d(n === B ? xT : xT.subarray(0, n * V), [V, n]);
          const Y = tf.oneHot(tf.tensor1d(targets.subarray(0, n), 'int32'), V);
          const H = tf.matMul(X, E);
          const P = tf.softmax(tf.add(tf.matMul(H, W), b));
          const dZ = tf.div(tf.sub(P, Y), tf.scalar(n));
          const dW = tf.matMul(tf.transpose(H), dZ);
          const db = tf.reshape(tf.matMul(n === B ? ones : tf.ones([1, n]), dZ), [V]);
          const dH = tf.matMul(dZ, tf.transpose(W));
          const dE = tf.matMul(XT, dH);
          adam.step([dE, dW, db]);
          return tf.sum(tf.mul(P, Y), 1);
        });
        const p = picked.dataSync();
        picked.dispose();
        let loss = 0;
        for (let i = 0; i < n; i++) loss -= Math.log(Math.max(p[i], 1e-12));
        loss /= n;
        lossSum += loss;
        batchLosses.push(loss);
        hooks.onProgress?.({ epoch, epochs: opts.epochs, batch: batch + 1, batches: batchesPerEpoch, elapsedMs: now() - start, loss });
        await checkpoint(hooks);
      }
      const logits = tf.tidy(() => tf.add(tf.matMul(tf.matMul(valXt, E), W), b));
      const val = crossEntropyAndAccuracy(logits.dataSync() as Float32Array, valY, V);
      logits.dispose();
      const point: PretrainEpoch = { epoch, trainLoss: lossSum / batchesPerEpoch, valLoss: val.loss, valAccuracy: val.accuracy };
      curve.push(point);
      hooks.onEpoch?.(point);
    }
    return {
      vocabSize: V,
      embeddingSize: D,
      embeddings: E.dataSync().slice() as Float32Array,
      initialEmbeddings: initial,
      output: W.dataSync().slice() as Float32Array,
      outputBias: b.dataSync().slice() as Float32Array,
      curve,
      batchLosses,
      batchesPerEpoch,
      elapsedMs: now() - start,
    };
  } finally {
    scope.dispose();
  }
}

/** Options of a classifier run. */
export interface ClassifierOptions {
  kind: ClassifierKind;
  /** Pre-trained embeddings (V × D); required when `kind` is 'pretrained'. */
  embeddings?: Float32Array;
  embeddingSize: number;
  /** Ignored for 'scratch', which always trains the whole model. */
  mode: FineTuneMode;
  labels: number;
  epochs: number;
  lr: number;
  /** Encoder learning rate relative to `lr` when fine-tuning a pre-trained encoder. */
  encoderLrScale?: number;
  /** Which labelled subset (0 = the pool's own order). */
  draw?: number;
  /** Score the test set after every epoch (for curves), or only at the end (for the sweep). */
  evaluateEveryEpoch?: boolean;
}

const testBags = new WeakMap<LabDataset, Float32Array>();

function testBag(data: LabDataset): Float32Array {
  let bag = testBags.get(data);
  if (!bag) {
    bag = bagMatrix(data.test.map((r) => r.tokens), data.vocab.length);
    testBags.set(data, bag);
  }
  return bag;
}

/** Accuracy overall and by coverage, from the two logits of every test review. */
export function evaluate(test: readonly Review[], logits: ArrayLike<number>): Evaluation {
  const hit = { seen: 0, mixed: 0, heldout: 0 };
  const count = { seen: 0, mixed: 0, heldout: 0 };
  let correct = 0;
  test.forEach((r, i) => {
    const predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
    count[r.coverage]++;
    if (predicted === r.label) {
      correct++;
      hit[r.coverage]++;
    }
  });
  const ratio = (k: keyof typeof hit): number => (count[k] ? hit[k] / count[k] : 0);
  return { accuracy: correct / test.length, seen: ratio('seen'), mixed: ratio('mixed'), heldout: ratio('heldout') };
}

/**
 * Trains the sentiment classifier: the encoder (mean of word embeddings) plus a linear head with a
 * two-way softmax. 'pretrained' starts from pre-trained embeddings and either freezes them or
 * fine-tunes them; 'scratch' starts from the same random embeddings that pre-training started from
 * and trains everything. Both see the same labelled reviews in the same order.
 */
export async function trainClassifier(
  data: LabDataset,
  opts: ClassifierOptions,
  hooks: RunHooks<ClassifierEpoch> = {},
): Promise<ClassifierResult> {
  const start = now();
  const V = data.vocab.length;
  const D = opts.embeddingSize;
  const trainEncoder = opts.kind === 'scratch' || opts.mode === 'finetune';
  const mode: FineTuneMode = trainEncoder ? 'finetune' : 'freeze';
  if (opts.kind === 'pretrained' && (!opts.embeddings || opts.embeddings.length !== V * D)) {
    throw new Error('Pre-trained embeddings are missing or have the wrong size');
  }
  const labelled = labelledSubset(data, opts.labels, opts.draw ?? 0);
  const n = labelled.length;
  const bag = bagMatrix(labelled.map((r) => r.tokens), V);
  const labels = new Int32Array(labelled.map((r) => r.label));
  const rng = new Rng(stageSeed(data.seed, `classifier${opts.draw ?? 0}`));
  const scope = new TensorScope();
  try {
    const encoder = opts.kind === 'pretrained' ? opts.embeddings! : initialEmbeddings(data.seed, V, D);
    const E = scope.variable(encoder, [V, D]);
    const Wc = scope.variable(normalInit(new Rng(stageSeed(data.seed, 'init-head')), D * 2, INIT_SCALE), [D, 2]);
    const bc = scope.variable(new Float32Array(2), [2]);
    const encoderScale = opts.kind === 'pretrained' ? (opts.encoderLrScale ?? FINETUNE_ENCODER_LR_SCALE) : 1;
    const adam = trainEncoder ? scope.adam([Wc, bc, E], opts.lr, [1, 1, encoderScale]) : scope.adam([Wc, bc], opts.lr);
    const testX = scope.keep(tf.tensor2d(testBag(data), [data.test.length, V]));
    // A frozen encoder turns every review into a fixed feature vector: compute those once.
    const frozenTrain = trainEncoder ? undefined : scope.keep(tf.tidy(() => tf.matMul(tf.tensor2d(bag, [n, V]), E)));
    const frozenTest = trainEncoder ? undefined : scope.keep(tf.matMul(testX, E));

    const scoreTest = (): Evaluation => {
      const logits = tf.tidy(() => tf.add(tf.matMul(frozenTest ?? tf.matMul(testX, E), Wc), bc));
      const result = evaluate(data.test, logits.dataSync());
      logits.dispose();
      return result;
    };

    const B = Math.min(CLASSIFIER_BATCH, n);
    const batches = Math.ceil(n / B);
    const order = Array.from({ length: n }, (_, i) => i);
    const x = new Float32Array(B * V);
    const xT = new Float32Array(B * V);
    const y = new Float32Array(B * 2);
    const curve: ClassifierEpoch[] = [];

    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      rng.shuffle(order);
      let lossSum = 0;
      let correct = 0;
      for (let batch = 0; batch < batches; batch++) {
        const rows = order.slice(batch * B, (batch + 1) * B);
        const m = rows.length;
        y.fill(0);
        rows.forEach((r, i) => (y[i * 2 + labels[r]] = 1));
        if (trainEncoder) {
          rows.forEach((r, i) => {
            for (let v = 0; v < V; v++) {
              const w = bag[r * V + v];
              x[i * V + v] = w;
              xT[v * m + i] = w;
            }
          });
        }
        const probs = tf.tidy(() => {
          const Y = tf.tensor2d(y.subarray(0, m * 2), [m, 2]);
          const X = trainEncoder ? tf.tensor2d(x.subarray(0, m * V), [m, V]) : undefined;
          const H = X ? tf.matMul(X, E) : tf.gather(frozenTrain!, tf.tensor1d(rows, 'int32'));
          const P = tf.softmax(tf.add(tf.matMul(H, Wc), bc));
          const dZ = tf.div(tf.sub(P, Y), tf.scalar(m));
          const dW = tf.matMul(tf.transpose(H), dZ);
          const db = tf.reshape(tf.matMul(tf.ones([1, m]), dZ), [2]);
          if (X) {
            const dE = tf.matMul(tf.tensor2d(xT.subarray(0, m * V), [V, m]), tf.matMul(dZ, tf.transpose(Wc)));
            adam.step([dW, db, dE]);
          } else {
            adam.step([dW, db]);
          }
          return P;
        });
        const p = probs.dataSync();
        probs.dispose();
        let loss = 0;
        rows.forEach((r, i) => {
          loss -= Math.log(Math.max(p[i * 2 + labels[r]], 1e-12));
          if ((p[i * 2 + 1] > p[i * 2] ? 1 : 0) === labels[r]) correct++;
        });
        lossSum += loss;
        hooks.onProgress?.({ epoch, epochs: opts.epochs, batch: batch + 1, batches, elapsedMs: now() - start, loss: loss / m });
        await checkpoint(hooks);
      }
      const point: ClassifierEpoch = { epoch, trainLoss: lossSum / n, trainAccuracy: correct / n };
      if (opts.evaluateEveryEpoch !== false || epoch === opts.epochs) point.test = scoreTest();
      curve.push(point);
      hooks.onEpoch?.(point);
    }
    return { kind: opts.kind, mode, labels: n, epochs: opts.epochs, curve, final: curve[curve.length - 1].test!, elapsedMs: now() - start };
  } finally {
    scope.dispose();
  }
}

