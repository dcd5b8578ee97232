import { ADAM, adamRate, CLASSIFIER_BATCH, MASKS_PER_REVIEW, PRETRAIN_BATCH, VALIDATION_SAMPLES } from './config';
import { maskedEpoch, validationSamples, type MaskedSample } from './features';
import type { LabDataset } from './language';
import { crossEntropyAndAccuracy, evaluate } from './metrics';
import { Rng, stageSeed } from './rng';
import { checkpoint, classifierInputs, classifierSetup, initialEmbeddings, initialHead, initialOutput, now, testBag, type LabEngine } from './train';
import type { ClassifierEpoch, ClassifierOptions, ClassifierResult, PretrainEpoch, PretrainOptions, PretrainResult, RunHooks } from './types';

/** Adam over plain arrays, with the same formula as the tfjs engine. */
class ArrayAdam {
  private t = 0;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];

  constructor(private readonly params: Float32Array[], private readonly lr: number, private readonly scales: readonly number[] = params.map(() => 1)) {
    this.m = params.map((p) => new Float32Array(p.length));
    this.v = params.map((p) => new Float32Array(p.length));
  }

  step(grads: Float32Array[]): void {
    const base = adamRate(this.lr, ++this.t);
    const { beta1, beta2, epsilon } = ADAM;
    grads.forEach((g, i) => {
      const p = this.params[i];
      const m = this.m[i];
      const v = this.v[i];
      const rate = base * this.scales[i];
      for (let k = 0; k < p.length; k++) {
        m[k] = beta1 * m[k] + (1 - beta1) * g[k];
        v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k];
        p[k] -= (rate * m[k]) / (Math.sqrt(v[k]) + epsilon);
      }
    });
  }
}

/** Mean of the context words' embeddings into `h` (n × D); the context is sparse, so no V-wide product. */
function contextMean(reviews: readonly (readonly number[])[], samples: readonly MaskedSample[], E: Float32Array, D: number, h: Float32Array): void {
  h.fill(0, 0, samples.length * D);
  samples.forEach((s, row) => {
    const tokens = reviews[s.review];
    const w = 1 / Math.max(1, tokens.length - 1);
    for (let p = 0; p < tokens.length; p++) {
      if (p === s.position) continue;
      const e = tokens[p] * D;
      for (let k = 0; k < D; k++) h[row * D + k] += w * E[e + k];
    }
  });
}

/** logits (n × C) = h (n × D) · W (D × C) + b, as dot products against W's columns (contiguous in `wT`). */
function affine(h: Float32Array, n: number, D: number, W: Float32Array, b: Float32Array, C: number, out: Float32Array, wT: Float32Array): void {
  for (let k = 0; k < D; k++) for (let c = 0; c < C; c++) wT[c * D + k] = W[k * C + c];
  for (let r = 0; r < n; r++) {
    const o = r * C;
    const ho = r * D;
    for (let c = 0; c < C; c++) {
      let s = b[c];
      const wo = c * D;
      for (let k = 0; k < D; k++) s += h[ho + k] * wT[wo + k];
      out[o + c] = s;
    }
  }
}

/** In place: logits → softmax probabilities, row by row. */
function softmaxRows(z: Float32Array, n: number, C: number): void {
  for (let r = 0; r < n; r++) {
    const o = r * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (z[o + c] > max) max = z[o + c];
    let sum = 0;
    for (let c = 0; c < C; c++) sum += z[o + c] = Math.exp(z[o + c] - max);
    for (let c = 0; c < C; c++) z[o + c] /= sum;
  }
}

/**
 * Backward pass of `affine` + softmax cross-entropy. On entry `p` holds the probabilities; on exit
 * dW, db and dH (n × D) hold the gradients of the mean loss. Returns the mean loss.
 */
function affineBackward(p: Float32Array, targets: ArrayLike<number>, n: number, h: Float32Array, D: number, W: Float32Array, C: number, dW: Float32Array, db: Float32Array, dH: Float32Array | undefined): number {
  let loss = 0;
  for (let r = 0; r < n; r++) {
    loss -= Math.log(Math.max(p[r * C + targets[r]], 1e-12));
    p[r * C + targets[r]] -= 1;
  }
  const inv = 1 / n;
  dW.fill(0);
  db.fill(0);
  for (let r = 0; r < n; r++) {
    const o = r * C;
    for (let c = 0; c < C; c++) db[c] += p[o + c] * inv;
    for (let k = 0; k < D; k++) {
      const hk = h[r * D + k] * inv;
      const wk = k * C;
      for (let c = 0; c < C; c++) dW[wk + c] += hk * p[o + c];
    }
    if (dH) {
      for (let k = 0; k < D; k++) {
        let s = 0;
        const wk = k * C;
        for (let c = 0; c < C; c++) s += p[o + c] * W[wk + c];
        dH[r * D + k] = s * inv;
      }
    }
  }
  return loss / n;
}

async function pretrain(data: LabDataset, opts: PretrainOptions, hooks: RunHooks<PretrainEpoch> = {}): Promise<PretrainResult> {
  const start = now();
  const V = data.vocab.length;
  const D = opts.embeddingSize;
  const rng = new Rng(stageSeed(data.seed, 'pretrain'));
  const initial = initialEmbeddings(data.seed, V, D);
  const E = initial.slice();
  const W = initialOutput(data.seed, V, D);
  const b = new Float32Array(V);
  const adam = new ArrayAdam([E, W, b], opts.lr);
  const B = PRETRAIN_BATCH;
  const h = new Float32Array(B * D);
  const p = new Float32Array(B * V);
  const dE = new Float32Array(V * D);
  const dW = new Float32Array(D * V);
  const db = new Float32Array(V);
  const dH = new Float32Array(B * D);
  const wT = new Float32Array(D * V);
  const targets = new Int32Array(B);
  const valSamples = validationSamples(data.test, data.seed, VALIDATION_SAMPLES);
  const valReviews = data.test.map((r) => r.tokens);
  const batchesPerEpoch = Math.ceil((data.corpus.length * MASKS_PER_REVIEW) / B);
  const curve: PretrainEpoch[] = [];
  const batchLosses: number[] = [];
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const samples = maskedEpoch(data.corpus, MASKS_PER_REVIEW, rng);
    let lossSum = 0;
    for (let batch = 0; batch < batchesPerEpoch; batch++) {
      const chunk = samples.slice(batch * B, (batch + 1) * B);
      const n = chunk.length;
      chunk.forEach((s, i) => (targets[i] = s.target));
      contextMean(data.corpus, chunk, E, D, h);
      affine(h, n, D, W, b, V, p, wT);
      softmaxRows(p, n, V);
      const loss = affineBackward(p, targets, n, h, D, W, V, dW, db, dH);
      dE.fill(0);
      chunk.forEach((s, row) => {
        const tokens = data.corpus[s.review];
        const w = 1 / Math.max(1, tokens.length - 1);
        for (let q = 0; q < tokens.length; q++) {
          if (q === s.position) continue;
          const e = tokens[q] * D;
          for (let k = 0; k < D; k++) dE[e + k] += w * dH[row * D + k];
        }
      });
      adam.step([dE, dW, db]);
      lossSum += loss;
      batchLosses.push(loss);
      hooks.onProgress?.({ epoch, epochs: opts.epochs, batch: batch + 1, batches: batchesPerEpoch, elapsedMs: now() - start, loss });
      await checkpoint(hooks);
    }
    const vh = new Float32Array(valSamples.length * D);
    const vz = new Float32Array(valSamples.length * V);
    contextMean(valReviews, valSamples, E, D, vh);
    affine(vh, valSamples.length, D, W, b, V, vz, wT);
    const val = crossEntropyAndAccuracy(vz, valSamples.map((s) => s.target), V);
    const point: PretrainEpoch = { epoch, trainLoss: lossSum / batchesPerEpoch, valLoss: val.loss, valAccuracy: val.accuracy };
    curve.push(point);
    hooks.onEpoch?.(point);
  }
  return { vocabSize: V, embeddingSize: D, embeddings: E, initialEmbeddings: initial, output: W, outputBias: b, curve, batchLosses, batchesPerEpoch, elapsedMs: now() - start };
}

/** Mean pooling of bag rows: out (n × D) = bag rows (n × V) · E, skipping the zeros of the bag. */
function pool(bag: Float32Array, rows: ArrayLike<number>, V: number, E: Float32Array, D: number, out: Float32Array): void {
  out.fill(0, 0, rows.length * D);
  for (let i = 0; i < rows.length; i++) {
    const o = rows[i] * V;
    for (let v = 0; v < V; v++) {
      const w = bag[o + v];
      if (w === 0) continue;
      for (let k = 0; k < D; k++) out[i * D + k] += w * E[v * D + k];
    }
  }
}

async function trainClassifier(data: LabDataset, opts: ClassifierOptions, hooks: RunHooks<ClassifierEpoch> = {}): Promise<ClassifierResult> {
  const start = now();
  const V = data.vocab.length;
  const D = opts.embeddingSize;
  const { trainEncoder, mode, encoderScale, encoder } = classifierSetup(data, opts);
  const { bag, labels } = classifierInputs(data, opts);
  const n = labels.length;
  const rng = new Rng(stageSeed(data.seed, `classifier${opts.draw ?? 0}`));
  const E = encoder.slice();
  const Wc = initialHead(data.seed, D);
  const bc = new Float32Array(2);
  const adam = trainEncoder ? new ArrayAdam([Wc, bc, E], opts.lr, [1, 1, encoderScale]) : new ArrayAdam([Wc, bc], opts.lr);
  const tBag = testBag(data);
  const testRows = Array.from({ length: data.test.length }, (_, i) => i);
  const allRows = Array.from({ length: n }, (_, i) => i);
  const frozen = trainEncoder ? undefined : new Float32Array(n * D);
  if (frozen) pool(bag, allRows, V, E, D, frozen);
  const B = Math.min(CLASSIFIER_BATCH, n);
  const batches = Math.ceil(n / B);
  const order = allRows.slice();
  const h = new Float32Array(B * D);
  const p = new Float32Array(B * 2);
  const dW = new Float32Array(D * 2);
  const db = new Float32Array(2);
  const dH = new Float32Array(B * D);
  const dE = new Float32Array(V * D);
  const wT = new Float32Array(D * 2);
  const targets = new Int32Array(B);
  const th = new Float32Array(data.test.length * D);
  const tz = new Float32Array(data.test.length * 2);
  const curve: ClassifierEpoch[] = [];
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    rng.shuffle(order);
    let lossSum = 0;
    let correct = 0;
    for (let batch = 0; batch < batches; batch++) {
      const rows = order.slice(batch * B, (batch + 1) * B);
      const m = rows.length;
      rows.forEach((r, i) => (targets[i] = labels[r]));
      if (frozen) rows.forEach((r, i) => h.set(frozen.subarray(r * D, (r + 1) * D), i * D));
      else pool(bag, rows, V, E, D, h);
      affine(h, m, D, Wc, bc, 2, p, wT);
      softmaxRows(p, m, 2);
      for (let i = 0; i < m; i++) if ((p[i * 2 + 1] > p[i * 2] ? 1 : 0) === targets[i]) correct++;
      const loss = affineBackward(p, targets, m, h, D, Wc, 2, dW, db, trainEncoder ? dH : undefined);
      if (trainEncoder) {
        dE.fill(0);
        rows.forEach((r, i) => {
          for (let v = 0; v < V; v++) {
            const w = bag[r * V + v];
            if (w === 0) continue;
            for (let k = 0; k < D; k++) dE[v * D + k] += w * dH[i * D + k];
          }
        });
        adam.step([dW, db, dE]);
      } else {
        adam.step([dW, db]);
      }
      lossSum += loss * m;
      hooks.onProgress?.({ epoch, epochs: opts.epochs, batch: batch + 1, batches, elapsedMs: now() - start, loss });
      await checkpoint(hooks);
    }
    const point: ClassifierEpoch = { epoch, trainLoss: lossSum / n, trainAccuracy: correct / n };
    if (opts.evaluateEveryEpoch !== false || epoch === opts.epochs) {
      pool(tBag, testRows, V, E, D, th);
      affine(th, data.test.length, D, Wc, bc, 2, tz, wT);
      point.test = evaluate(data.test, tz);
    }
    curve.push(point);
    hooks.onEpoch?.(point);
  }
  return { kind: opts.kind, mode, labels: n, epochs: opts.epochs, curve, final: curve[curve.length - 1].test!, elapsedMs: now() - start };
}

/** The same maths on plain Float32Arrays: the benchmark's yardstick and a cross-check of the tfjs engine. */
export const referenceEngine: LabEngine = { name: 'Float32Array', pretrain, trainClassifier };
