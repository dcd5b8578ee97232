import * as tf from '@tensorflow/tfjs-core';
import { ADAM, adamRate, CLASSIFIER_BATCH, FINETUNE_ENCODER_LR_SCALE, INIT_SCALE, MASKS_PER_REVIEW, PRETRAIN_BATCH, VALIDATION_SAMPLES } from './config';
import { bagMatrix, fillContext, maskedEpoch, normalInit, validationSamples } from './features';
import { labelledSubset, type LabDataset } from './language';
import { crossEntropyAndAccuracy, evaluate } from './metrics';
import { Rng, stageSeed } from './rng';
import {
  LabCancelledError,
  type ClassifierEpoch,
  type ClassifierOptions,
  type ClassifierResult,
  type Evaluation,
  type FineTuneMode,
  type PretrainEpoch,
  type PretrainOptions,
  type PretrainResult,
  type RunHooks,
} from './types';

/** Trains the lab's models. The tfjs engine and the Float32Array reference implement the same maths. */
export interface LabEngine {
  readonly name: string;
  pretrain(data: LabDataset, opts: PretrainOptions, hooks?: RunHooks<PretrainEpoch>): Promise<PretrainResult>;
  trainClassifier(data: LabDataset, opts: ClassifierOptions, hooks?: RunHooks<ClassifierEpoch>): Promise<ClassifierResult>;
}

/** A clock that works in browsers and in Node. */
export const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The random embeddings every model starts from, so "before" and "scratch" share one starting point. */
export function initialEmbeddings(seed: number, vocabSize: number, dim: number): Float32Array {
  return normalInit(new Rng(stageSeed(seed, 'init-encoder')), vocabSize * dim, INIT_SCALE);
}

/** Initial output projection of the masked-word head (D × V). */
export function initialOutput(seed: number, vocabSize: number, dim: number): Float32Array {
  return normalInit(new Rng(stageSeed(seed, 'init-output')), dim * vocabSize, INIT_SCALE);
}

/** Initial classification head (D × 2). */
export function initialHead(seed: number, dim: number): Float32Array {
  return normalInit(new Rng(stageSeed(seed, 'init-head')), dim * 2, INIT_SCALE);
}

/** Stops a run between batches when asked, after giving the event loop a turn. */
export async function checkpoint<E>(hooks: RunHooks<E>): Promise<void> {
  if (hooks.yieldControl) await hooks.yieldControl();
  if (hooks.signal?.cancelled) throw new LabCancelledError();
}

/** p -= rate · m / (√v + ε), with m and v Adam's moving averages; the reference uses the same formula. */
class Adam {
  private t = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly consts: tf.Scalar[];

  constructor(
    private readonly params: tf.Variable[],
    private readonly lr: number,
    private readonly scales: readonly number[] = params.map(() => 1),
  ) {
    this.m = params.map((p) => tf.tidy(() => tf.variable(tf.zeros(p.shape))));
    this.v = params.map((p) => tf.tidy(() => tf.variable(tf.zeros(p.shape))));
    this.consts = [ADAM.beta1, 1 - ADAM.beta1, ADAM.beta2, 1 - ADAM.beta2, ADAM.epsilon].map((c) => tf.scalar(c));
  }

  /** Applies one update; call inside tf.tidy. */
  step(grads: tf.Tensor[]): void {
    const [b1, b1c, b2, b2c, eps] = this.consts;
    const base = adamRate(this.lr, ++this.t);
    const rates = new Map<number, tf.Scalar>();
    grads.forEach((g, i) => {
      let rate = rates.get(this.scales[i]);
      if (!rate) rates.set(this.scales[i], (rate = tf.scalar(base * this.scales[i])));
      const m = tf.add(tf.mul(this.m[i], b1), tf.mul(g, b1c));
      const v = tf.add(tf.mul(this.v[i], b2), tf.mul(tf.square(g), b2c));
      this.m[i].assign(m);
      this.v[i].assign(v);
      this.params[i].assign(tf.sub(this.params[i], tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps)), rate)));
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v, ...this.consts]);
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
    return this.keep(tf.tidy(() => tf.variable(tf.tensor(values, shape))));
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

/**
 * Self-supervised pre-training: hide one word of a review and predict it from the mean embedding of
 * the others (continuous bag of words) with a softmax over the whole vocabulary. Gradients are
 * written out by hand: five matrix products per step and no autodiff tape.
 */
async function pretrain(data: LabDataset, opts: PretrainOptions, hooks: RunHooks<PretrainEpoch> = {}): Promise<PretrainResult> {
  const start = now();
  const V = data.vocab.length;
  const D = opts.embeddingSize;
  const rng = new Rng(stageSeed(data.seed, 'pretrain'));
  const initial = initialEmbeddings(data.seed, V, D);
  const scope = new TensorScope();
  try {
    const E = scope.variable(initial, [V, D]);
    const W = scope.variable(initialOutput(data.seed, V, D), [D, V]);
    const b = scope.variable(new Float32Array(V), [V]);
    const adam = scope.adam([E, W, b], opts.lr);

    const valSamples = validationSamples(data.test, data.seed, VALIDATION_SAMPLES);
    const valX = new Float32Array(valSamples.length * V);
    const valY = new Int32Array(valSamples.length);
    fillContext(data.test.map((r) => r.tokens), valSamples, V, valX, undefined, valY);
    const valXt = scope.keep(tf.tensor2d(valX, [valSamples.length, V]));

    const B = PRETRAIN_BATCH;
    const x = new Float32Array(B * V);
    const xT = new Float32Array(B * V);
    const targets = new Int32Array(B);
    const batchesPerEpoch = Math.ceil((data.corpus.length * MASKS_PER_REVIEW) / B);
    const curve: PretrainEpoch[] = [];
    const batchLosses: number[] = [];

    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const samples = maskedEpoch(data.corpus, MASKS_PER_REVIEW, rng);
      let lossSum = 0;
      for (let batch = 0; batch < batchesPerEpoch; batch++) {
        const chunk = samples.slice(batch * B, (batch + 1) * B);
        const n = chunk.length;
        fillContext(data.corpus, chunk, V, x, xT, targets);
        const picked = tf.tidy(() => {
          const X = tf.tensor2d(x.subarray(0, n * V), [n, V]);
          const XT = tf.tensor2d(xT.subarray(0, n * V), [V, n]);
          const Y = tf.oneHot(tf.tensor1d(targets.subarray(0, n), 'int32'), V);
          const H = tf.matMul(X, E);
          const P = tf.softmax(tf.add(tf.matMul(H, W), b));
          const dZ = tf.div(tf.sub(P, Y), tf.scalar(n));
          // Explicit transposes: the wasm backend's transposed matMul is several times slower.
          const dW = tf.matMul(tf.transpose(H), dZ);
          const db = tf.reshape(tf.matMul(tf.ones([1, n]), dZ), [V]);
          const dE = tf.matMul(XT, tf.matMul(dZ, tf.transpose(W)));
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
      const val = crossEntropyAndAccuracy(logits.dataSync(), valY, V);
      logits.dispose();
      const point: PretrainEpoch = { epoch, trainLoss: lossSum / batchesPerEpoch, valLoss: val.loss, valAccuracy: val.accuracy };
      curve.push(point);
      hooks.onEpoch?.(point);
    }
    return {
      vocabSize: V,
      embeddingSize: D,
      embeddings: Float32Array.from(E.dataSync()),
      initialEmbeddings: initial,
      output: Float32Array.from(W.dataSync()),
      outputBias: Float32Array.from(b.dataSync()),
      curve,
      batchLosses,
      batchesPerEpoch,
      elapsedMs: now() - start,
    };
  } finally {
    scope.dispose();
  }
}

const testBags = new WeakMap<LabDataset, Float32Array>();

/** The test set as a bag-of-words matrix, built once per data set. */
export function testBag(data: LabDataset): Float32Array {
  let bag = testBags.get(data);
  if (!bag) {
    bag = bagMatrix(data.test.map((r) => r.tokens), data.vocab.length);
    testBags.set(data, bag);
  }
  return bag;
}

/** The labelled reviews of a classifier run, with their bag-of-words rows. */
export function classifierInputs(data: LabDataset, opts: ClassifierOptions): { bag: Float32Array; labels: Int32Array } {
  const labelled = labelledSubset(data, opts.labels, opts.draw ?? 0);
  return { bag: bagMatrix(labelled.map((r) => r.tokens), data.vocab.length), labels: new Int32Array(labelled.map((r) => r.label)) };
}

/** Checks the options that both engines rely on; returns whether the encoder trains. */
export function classifierSetup(data: LabDataset, opts: ClassifierOptions): { trainEncoder: boolean; mode: FineTuneMode; encoderScale: number; encoder: Float32Array } {
  const V = data.vocab.length;
  const D = opts.embeddingSize;
  const trainEncoder = opts.kind === 'scratch' || opts.mode === 'finetune';
  if (opts.kind === 'pretrained' && (!opts.embeddings || opts.embeddings.length !== V * D)) {
    throw new Error('Pre-trained embeddings are missing or do not match the embedding size');
  }
  return {
    trainEncoder,
    mode: trainEncoder ? 'finetune' : 'freeze',
    encoderScale: opts.kind === 'pretrained' ? (opts.encoderLrScale ?? FINETUNE_ENCODER_LR_SCALE) : 1,
    encoder: opts.kind === 'pretrained' ? opts.embeddings! : initialEmbeddings(data.seed, V, D),
  };
}

/**
 * Trains the sentiment classifier: the encoder (mean of word embeddings) plus a linear head with a
 * two-way softmax. 'pretrained' starts from pre-trained embeddings and either freezes them or
 * fine-tunes them; 'scratch' starts from the same random embeddings that pre-training started from
 * and trains everything. Both see the same labelled reviews in the same order.
 */
async function trainClassifier(data: LabDataset, opts: ClassifierOptions, hooks: RunHooks<ClassifierEpoch> = {}): Promise<ClassifierResult> {
  const start = now();
  const V = data.vocab.length;
  const D = opts.embeddingSize;
  const { trainEncoder, mode, encoderScale, encoder } = classifierSetup(data, opts);
  const { bag, labels } = classifierInputs(data, opts);
  const n = labels.length;
  const rng = new Rng(stageSeed(data.seed, `classifier${opts.draw ?? 0}`));
  const scope = new TensorScope();
  try {
    const E = scope.variable(encoder, [V, D]);
    const Wc = scope.variable(initialHead(data.seed, D), [D, 2]);
    const bc = scope.variable(new Float32Array(2), [2]);
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

/** The lab's models on TensorFlow.js (whichever backend is active). */
export const tfjsEngine: LabEngine = { name: 'tfjs', pretrain, trainClassifier };
