import type { LabDataset } from './language';

/** A word on the maps. */
export interface MapPoint {
  word: string;
  /** Index into the data set's groups, or -1 for a neutral word. */
  group: number;
  /** True for a sentiment word that never appears in the labelled data. */
  heldOut: boolean;
  /** Coordinates along each principal component, in order. */
  coords: number[];
}

/** A principal component of the sentiment words' embeddings. */
export interface Component {
  /** Share of the sentiment words' variance along this axis. */
  explained: number;
  /** Correlation of the words' coordinates with their polarity (+1 positive, -1 negative). */
  polarity: number;
}

/** The embeddings projected on their first principal components. */
export interface EmbeddingMap {
  components: Component[];
  points: MapPoint[];
  /** The component that best separates positive from negative words. */
  sentimentAxis: number;
}

/** Principal components kept for the maps. */
export const MAP_COMPONENTS = 6;

function rowsOf(E: Float32Array, D: number, ids: readonly number[]): Float64Array[] {
  return ids.map((id) => Float64Array.from(E.subarray(id * D, (id + 1) * D)));
}

/** Top eigenvectors of a symmetric matrix by power iteration with deflation (deterministic start). */
function topEigen(cov: Float64Array[], k: number): { vectors: Float64Array[]; values: number[] } {
  const D = cov.length;
  const m = cov.map((r) => r.slice());
  const vectors: Float64Array[] = [];
  const values: number[] = [];
  for (let c = 0; c < k; c++) {
    let v = new Float64Array(D).map((_, i) => 1 + ((i * 7 + c * 3) % 5) / 10);
    let lambda = 0;
    for (let it = 0; it < 1000; it++) {
      const w = new Float64Array(D);
      for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) w[i] += m[i][j] * v[j];
      const norm = Math.hypot(...w);
      if (norm < 1e-12) break;
      const next = w.map((x) => x / norm);
      const delta = Math.hypot(...next.map((x, i) => x - v[i]));
      v = next;
      lambda = norm;
      if (delta < 1e-10) break;
    }
    vectors.push(v);
    values.push(lambda);
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) m[i][j] -= lambda * v[i] * v[j];
  }
  return { vectors, values };
}

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  });
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * PCA of the word embeddings, fitted on the 48 sentiment words (the words the maps are about) and
 * applied to every word. Each axis is oriented so that positive words, or else the first group,
 * lie on its positive side, which keeps "before" and "after" comparable.
 */
export function embeddingMap(data: LabDataset, E: Float32Array, D: number): EmbeddingMap {
  const sentimentIds = data.groups.flatMap((g) => g.ids);
  const polarity = data.groups.flatMap((g) => g.ids.map(() => (g.polarity === 'positive' ? 1 : -1)));
  const rows = rowsOf(E, D, sentimentIds);
  const mean = new Float64Array(D);
  for (const r of rows) for (let k = 0; k < D; k++) mean[k] += r[k] / rows.length;
  const cov = Array.from({ length: D }, () => new Float64Array(D));
  let total = 0;
  for (const r of rows) {
    for (let i = 0; i < D; i++) {
      const di = r[i] - mean[i];
      total += di * di;
      for (let j = 0; j < D; j++) cov[i][j] += (di * (r[j] - mean[j])) / rows.length;
    }
  }
  total /= rows.length;
  const k = Math.min(MAP_COMPONENTS, D);
  const { vectors, values } = topEigen(cov, k);
  const project = (id: number): number[] =>
    vectors.map((v) => {
      let x = 0;
      for (let d = 0; d < D; d++) x += (E[id * D + d] - mean[d]) * v[d];
      return x;
    });
  const raw = data.vocab.map((_, id) => project(id));
  const firstGroup = new Set(data.groups[0].ids);
  const components: Component[] = [];
  const signs = vectors.map((_, c) => {
    const xs = sentimentIds.map((id) => raw[id][c]);
    const corr = correlation(xs, polarity);
    const groupSide = sentimentIds.reduce((s, id) => s + (firstGroup.has(id) ? raw[id][c] : 0), 0);
    const sign = Math.abs(corr) >= 0.3 ? Math.sign(corr) : groupSide < 0 ? -1 : 1;
    components.push({ explained: total > 0 ? values[c] / total : 0, polarity: corr * sign });
    return sign;
  });
  let sentimentAxis = 0;
  components.forEach((c, i) => {
    if (c.polarity > components[sentimentAxis].polarity) sentimentAxis = i;
  });
  const heldOut = new Set(data.groups.flatMap((g) => g.heldOut));
  const points: MapPoint[] = data.vocab.map((word, id) => ({
    word,
    group: data.groupOf[id],
    heldOut: heldOut.has(id),
    coords: raw[id].map((x, c) => x * signs[c]),
  }));
  return { components, points, sentimentAxis };
}

/** How a held-out word relates to the labelled synonyms in one embedding space. */
export interface Neighbour {
  word: string;
  group: number;
  /** The closest word (cosine similarity) among the sentiment words that do appear in labelled data. */
  nearest: string;
  nearestGroup: number;
  similarity: number;
}

/** Summary of an embedding space: do held-out words sit next to their labelled synonyms? */
export interface NeighbourReport {
  neighbours: Neighbour[];
  /** Held-out words whose nearest labelled word is in their own synonym group. */
  sameGroup: number;
  /** Held-out words whose nearest labelled word has their polarity. */
  samePolarity: number;
  total: number;
}

/** For each held-out word, its nearest labelled sentiment word by cosine similarity. */
export function neighbourReport(data: LabDataset, E: Float32Array, D: number): NeighbourReport {
  const unit = (id: number): Float64Array => {
    const r = Float64Array.from(E.subarray(id * D, (id + 1) * D));
    const n = Math.hypot(...r) || 1;
    return r.map((x) => x / n);
  };
  const seen = data.groups.flatMap((g, gi) => g.seen.map((id) => ({ id, gi, v: unit(id) })));
  const neighbours: Neighbour[] = [];
  let sameGroup = 0;
  let samePolarity = 0;
  data.groups.forEach((g, gi) => {
    for (const id of g.heldOut) {
      const v = unit(id);
      let best = seen[0];
      let bestSim = -Infinity;
      for (const s of seen) {
        let sim = 0;
        for (let k = 0; k < D; k++) sim += v[k] * s.v[k];
        if (sim > bestSim) {
          bestSim = sim;
          best = s;
        }
      }
      if (best.gi === gi) sameGroup++;
      if (data.groups[best.gi].polarity === g.polarity) samePolarity++;
      neighbours.push({ word: data.vocab[id], group: gi, nearest: data.vocab[best.id], nearestGroup: best.gi, similarity: bestSim });
    }
  });
  return { neighbours, sameGroup, samePolarity, total: neighbours.length };
}

/** A masked-word prediction of the pre-trained model. */
export interface Prediction {
  word: string;
  probability: number;
}

/**
 * What the pre-trained model guesses for the hidden word of a review: the same forward pass as
 * pre-training (mean of the other words' embeddings, softmax over the vocabulary).
 */
export function predictMasked(
  model: { embeddings: Float32Array; output: Float32Array; outputBias: Float32Array; embeddingSize: number },
  vocab: readonly string[],
  context: readonly number[],
  top = 5,
): Prediction[] {
  const V = vocab.length;
  const D = model.embeddingSize;
  const h = new Float64Array(D);
  for (const t of context) for (let k = 0; k < D; k++) h[k] += model.embeddings[t * D + k] / Math.max(1, context.length);
  const z = new Float64Array(V);
  let max = -Infinity;
  for (let v = 0; v < V; v++) {
    let s = model.outputBias[v];
    for (let k = 0; k < D; k++) s += h[k] * model.output[k * V + v];
    z[v] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let v = 0; v < V; v++) sum += z[v] = Math.exp(z[v] - max);
  return Array.from(z, (p, v) => ({ word: vocab[v], probability: p / sum }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, top);
}
