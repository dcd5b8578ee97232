import {
  DEFAULT_PARAMS,
  DEFAULT_SWEEP_DRAWS,
  sanitizeParams,
  type ClassifierResult,
  type Comparison,
  type EmbeddingReport,
  type LabParams,
  type PretrainEpoch,
  type PretrainResult,
  type SweepResult,
} from '../../core/lab';

/** The notebook's runnable steps, in order. */
export const CELL_IDS = ['data', 'pretrain', 'embeddings', 'finetune', 'scratch', 'compare', 'sweep'] as const;
/** A runnable step. */
export type CellId = (typeof CELL_IDS)[number];

/** What each step needs to have run first. */
export const DEPENDENCIES: Readonly<Record<CellId, readonly CellId[]>> = {
  data: [],
  pretrain: ['data'],
  embeddings: ['pretrain'],
  finetune: ['pretrain'],
  scratch: ['data'],
  compare: ['finetune', 'scratch'],
  sweep: ['pretrain'],
};

/** Parameters each step reads directly (its dependencies add theirs). */
const OWN_INPUTS: Readonly<Record<CellId, readonly (keyof LabState['params'] | 'draws')[]>> = {
  data: ['seed'],
  pretrain: ['embeddingSize', 'pretrainEpochs', 'pretrainLr'],
  embeddings: [],
  finetune: ['labels', 'epochs', 'lr', 'mode'],
  scratch: ['embeddingSize', 'labels', 'epochs', 'lr'],
  compare: [],
  sweep: ['epochs', 'lr', 'mode', 'draws'],
};

/** A fingerprint of everything a step's result depends on; a stored result with another one is stale. */
export function fingerprint(id: CellId, params: LabParams, draws: number): string {
  const own = OWN_INPUTS[id].map((k) => `${k}=${k === 'draws' ? draws : params[k]}`);
  return `${id}(${[...own, ...DEPENDENCIES[id].map((d) => fingerprint(d, params, draws))].join(',')})`;
}

/** Progress of a running step. */
export interface LiveProgress {
  text: string;
  fraction: number;
}

/** Pre-training output as stored: curves always, weights once finished. */
export interface PretrainRecord {
  curve: PretrainEpoch[];
  batchLosses: number[];
  batchesPerEpoch: number;
  epochs: number;
  /** Base64 of the Float32Array weights. */
  weights?: { vocabSize: number; embeddingSize: number; embeddings: string; initial: string; output: string; bias: string };
}

/** The comparison with what its chart needs, so that it renders alone even once its inputs change. */
export type CompareRecord = Comparison & {
  /** Test accuracy per epoch of each run. */
  curves: { pretrained: number[]; scratch: number[] };
  elapsedMs: { pretrained: number; scratch: number };
};

/** Each step's stored result. Partial results (of a stopped run) have curves but no finals. */
export interface CellResults {
  data: { seed: number; reviews: number };
  pretrain: PretrainRecord;
  embeddings: EmbeddingReport;
  finetune: Partial<ClassifierResult> & { curve: ClassifierResult['curve']; epochs: number };
  scratch: Partial<ClassifierResult> & { curve: ClassifierResult['curve']; epochs: number };
  compare: CompareRecord;
  sweep: Partial<SweepResult> & { points: SweepResult['points']; draws: number };
}

/** How a step's last run ended ('running' only in memory). */
export type RecordStatus = 'running' | 'done' | 'stopped' | 'error';

/** A step's last run. */
export interface CellRecord<K extends CellId = CellId> {
  status: RecordStatus;
  fingerprint: string;
  elapsedMs: number;
  result?: CellResults[K];
  error?: string;
}

/** Which principal components the embedding maps show. */
export type MapView = 'sentiment' | 'variance';

/** Everything the page saves with setState. */
export interface LabState {
  v: 1;
  params: LabParams;
  /** Labelled draws per budget in the sweep. */
  draws: number;
  showNeutral: boolean;
  /** Axes of the embedding maps: the component that separates sentiment against PC1, or PC1 against PC2. */
  mapView: MapView;
  records: { [K in CellId]?: CellRecord<K> };
}

/** The state of a fresh lab. */
export function initialState(): LabState {
  return { v: 1, params: { ...DEFAULT_PARAMS }, draws: DEFAULT_SWEEP_DRAWS, showNeutral: false, mapView: 'sentiment', records: {} };
}

/** Sweep draws are clamped to this range. */
export const DRAW_LIMITS = { min: 1, max: 5 } as const;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Restores saved state defensively: parameters are clamped, and a record survives only if it has
 * the fields its view reads. Anything else starts fresh rather than breaking the page.
 */
export function restoreState(saved: unknown): LabState {
  const state = initialState();
  if (!isObject(saved) || saved.v !== 1) return state;
  state.params = sanitizeParams(saved.params);
  if (typeof saved.draws === 'number' && Number.isFinite(saved.draws)) state.draws = Math.min(DRAW_LIMITS.max, Math.max(DRAW_LIMITS.min, Math.round(saved.draws)));
  state.showNeutral = saved.showNeutral === true;
  if (saved.mapView === 'variance') state.mapView = 'variance';
  if (!isObject(saved.records)) return state;
  for (const id of CELL_IDS) {
    const r = saved.records[id];
    if (!isObject(r) || typeof r.fingerprint !== 'string' || typeof r.elapsedMs !== 'number') continue;
    if (r.status !== 'done' && r.status !== 'stopped' && r.status !== 'error') continue;
    if (r.status !== 'error' && !resultLooksValid(id, r.result)) continue;
    (state.records as Record<string, CellRecord>)[id] = {
      status: r.status,
      fingerprint: r.fingerprint,
      elapsedMs: r.elapsedMs,
      result: r.result as CellResults[CellId],
      error: typeof r.error === 'string' ? r.error : undefined,
    };
  }
  return state;
}

function resultLooksValid(id: CellId, x: unknown): boolean {
  if (!isObject(x)) return false;
  switch (id) {
    case 'data':
      return typeof x.seed === 'number' && typeof x.reviews === 'number';
    case 'pretrain':
      return Array.isArray(x.curve) && Array.isArray(x.batchLosses) && typeof x.batchesPerEpoch === 'number' && typeof x.epochs === 'number';
    case 'embeddings':
      return isObject(x.before) && isObject(x.after) && isObject(x.before.map) && isObject(x.after.map) && Array.isArray(x.after.map.components);
    case 'finetune':
    case 'scratch':
      return Array.isArray(x.curve) && typeof x.epochs === 'number';
    case 'compare':
      return isObject(x.pretrained) && isObject(x.scratch) && typeof x.gainPoints === 'number' && isObject(x.curves) && isObject(x.elapsedMs);
    case 'sweep':
      return Array.isArray(x.points) && typeof x.draws === 'number';
  }
}

/** Float32Array → base64 (exact, and a quarter of the size of JSON numbers). */
export function encodeFloats(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** base64 → Float32Array; undefined if the text is not a whole number of floats. */
export function decodeFloats(b64: string): Float32Array | undefined {
  try {
    const bin = atob(b64);
    if (bin.length % 4) return undefined;
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Float32Array(bytes.buffer);
  } catch {
    return undefined;
  }
}

/** Packs a finished pre-training run for storage. */
export function packPretrain(r: PretrainResult, epochs: number): PretrainRecord {
  return {
    curve: r.curve,
    batchLosses: r.batchLosses,
    batchesPerEpoch: r.batchesPerEpoch,
    epochs,
    weights: {
      vocabSize: r.vocabSize,
      embeddingSize: r.embeddingSize,
      embeddings: encodeFloats(r.embeddings),
      initial: encodeFloats(r.initialEmbeddings),
      output: encodeFloats(r.output),
      bias: encodeFloats(r.outputBias),
    },
  };
}

/** Rebuilds a pre-trained model from storage, if its weights are there and consistent. */
export function unpackPretrain(rec: PretrainRecord | undefined, elapsedMs: number): PretrainResult | undefined {
  const w = rec?.weights;
  if (!rec || !w) return undefined;
  const V = w.vocabSize;
  const D = w.embeddingSize;
  const embeddings = decodeFloats(w.embeddings);
  const initial = decodeFloats(w.initial);
  const output = decodeFloats(w.output);
  const bias = decodeFloats(w.bias);
  if (!embeddings || !initial || !output || !bias) return undefined;
  if (embeddings.length !== V * D || initial.length !== V * D || output.length !== V * D || bias.length !== V) return undefined;
  return {
    vocabSize: V,
    embeddingSize: D,
    embeddings,
    initialEmbeddings: initial,
    output,
    outputBias: bias,
    curve: rec.curve,
    batchLosses: rec.batchLosses,
    batchesPerEpoch: rec.batchesPerEpoch,
    elapsedMs,
  };
}
