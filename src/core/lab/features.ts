import { Rng, stageSeed } from './rng';

/**
 * Row-normalised bag-of-words matrix (n × V): row i holds each word's share of review i, so that
 * `bag @ E` is the mean of the review's word embeddings (mean pooling as one matrix product).
 */
export function bagMatrix(reviews: readonly (readonly number[])[], vocabSize: number): Float32Array {
  const out = new Float32Array(reviews.length * vocabSize);
  reviews.forEach((tokens, i) => {
    const w = 1 / tokens.length;
    for (const t of tokens) out[i * vocabSize + t] += w;
  });
  return out;
}

/** One masked word: the review, the position hidden from the model, and the word to predict. */
export interface MaskedSample {
  readonly review: number;
  readonly position: number;
  readonly target: number;
}

/** `perReview` random positions of every review, shuffled: one pre-training epoch. */
export function maskedEpoch(corpus: readonly (readonly number[])[], perReview: number, rng: Rng): MaskedSample[] {
  const out: MaskedSample[] = [];
  corpus.forEach((tokens, review) => {
    for (let k = 0; k < perReview; k++) {
      const position = rng.int(tokens.length);
      out.push({ review, position, target: tokens[position] });
    }
  });
  return rng.shuffle(out);
}

/**
 * Fills the context matrix of a batch of masked samples: row b is the mean of the one-hot vectors of
 * every word of the review except the hidden one. Writes the transpose too (V × B), which the
 * backward pass needs and which is cheaper to build here than to transpose on the device.
 */
export function fillContext(
  corpus: readonly (readonly number[])[],
  samples: readonly MaskedSample[],
  vocabSize: number,
  x: Float32Array,
  xT: Float32Array | undefined,
  targets: Int32Array,
): void {
  const b = samples.length;
  x.fill(0, 0, b * vocabSize);
  if (xT) xT.fill(0, 0, b * vocabSize);
  samples.forEach((s, row) => {
    const tokens = corpus[s.review];
    const w = 1 / Math.max(1, tokens.length - 1);
    for (let p = 0; p < tokens.length; p++) {
      if (p === s.position) continue;
      x[row * vocabSize + tokens[p]] += w;
      if (xT) xT[tokens[p] * b + row] += w;
    }
    targets[row] = s.target;
  });
}

/** Initial weights: N(0, scale²) from a seeded stream, so that every run starts from the same point. */
export function normalInit(rng: Rng, size: number, scale: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.normal() * scale;
  return out;
}

/** Transposes a row-major rows × cols matrix. */
export function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c];
  return out;
}

/** Fixed masked words of the test reviews (read as plain text), for validating pre-training. */
export function validationSamples(test: readonly { readonly tokens: readonly number[] }[], seed: number, count: number): MaskedSample[] {
  const rng = new Rng(stageSeed(seed, 'validation'));
  const out: MaskedSample[] = [];
  for (let i = 0; i < count; i++) {
    const review = i % test.length;
    const position = rng.int(test[review].tokens.length);
    out.push({ review, position, target: test[review].tokens[position] });
  }
  return out;
}
