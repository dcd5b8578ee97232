import { english, type Translate } from '../l10n';
/** How fine-tuning treats the pre-trained encoder. */
export type FineTuneMode = 'freeze' | 'finetune';

/** Every user-editable parameter of the lab. */
export interface LabParams {
  /** Seeds the language, the data split, the initial weights and the batch order. */
  seed: number;
  /** Width of the word embeddings (the encoder's only weights). */
  embeddingSize: number;
  pretrainEpochs: number;
  pretrainLr: number;
  /** Labelled training reviews for fine-tuning and for the scratch baseline. */
  labels: number;
  /** Epochs for fine-tuning and for the scratch baseline. */
  epochs: number;
  /** Learning rate for fine-tuning and for the scratch baseline. */
  lr: number;
  mode: FineTuneMode;
}

/** The defaults that the lab opens with and that the claims are tested at. */
export const DEFAULT_PARAMS: Readonly<LabParams> = {
  seed: 1,
  embeddingSize: 16,
  pretrainEpochs: 8,
  pretrainLr: 0.2,
  labels: 16,
  epochs: 30,
  lr: 0.1,
  mode: 'freeze',
};

/** The parameters that are numbers. */
export type NumericParam = Exclude<keyof LabParams, 'mode'>;

/** Bounds of each numeric parameter; values outside are clamped, integers are rounded. */
export const PARAM_LIMITS: Readonly<Record<NumericParam, { min: number; max: number; integer: boolean }>> = {
  seed: { min: 0, max: 999_999, integer: true },
  embeddingSize: { min: 2, max: 64, integer: true },
  pretrainEpochs: { min: 1, max: 100, integer: true },
  pretrainLr: { min: 0.0001, max: 1, integer: false },
  labels: { min: 2, max: 256, integer: true },
  epochs: { min: 1, max: 300, integer: true },
  lr: { min: 0.0001, max: 1, integer: false },
};

/** Label budgets of the label-efficiency sweep. */
export const SWEEP_BUDGETS: readonly number[] = [4, 8, 16, 32, 64, 128];

/** A numeric parameter as used, and what was changed to make it valid. */
export interface ClampedValue {
  value: number;
  /** 'min' / 'max': raised or lowered to a bound; 'rounded': rounded to a whole number; undefined: kept. */
  change?: 'min' | 'max' | 'rounded';
}

/** Rounds and clamps one finite value to the given limits, saying what changed. */
export function clampToLimits(v: number, limits: { min: number; max: number; integer: boolean }): ClampedValue {
  const rounded = limits.integer ? Math.round(v) : v;
  if (rounded < limits.min) return { value: limits.min, change: 'min' };
  if (rounded > limits.max) return { value: limits.max, change: 'max' };
  return rounded === v ? { value: v } : { value: rounded, change: 'rounded' };
}

/** A short note on a changed value ("Allowed 2 to 256: using 256."), or undefined if it was kept. */
export function clampNote(c: ClampedValue, limits: { min: number; max: number }, t: Translate = english): string | undefined {
  if (c.change === 'rounded') return t('Whole numbers only: using {0}.', c.value);
  if (c.change) return t('Allowed {0} to {1}: using {2}.', limits.min, limits.max, c.value);
  return undefined;
}

/** Rounds and clamps one numeric parameter to PARAM_LIMITS, saying what changed. */
export function clampParam(key: NumericParam, v: number): ClampedValue {
  return clampToLimits(v, PARAM_LIMITS[key]);
}

/** Clamps and completes untrusted parameters (saved state, messages, command-line flags). */
export function sanitizeParams(input: unknown): LabParams {
  const src = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const out: LabParams = { ...DEFAULT_PARAMS };
  for (const key of Object.keys(PARAM_LIMITS) as NumericParam[]) {
    const v = src[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    out[key] = clampParam(key, v).value;
  }
  if (src.mode === 'freeze' || src.mode === 'finetune') out.mode = src.mode;
  return out;
}

/** Lets a caller stop a run; training checks it after every batch. */
export interface CancelSignal {
  readonly cancelled: boolean;
}

/** Thrown by a training loop that saw its signal cancelled; all its tensors are disposed by then. */
export class LabCancelledError extends Error {
  constructor() {
    super('Stopped');
    this.name = 'LabCancelledError';
  }
}

/** Where a run is: sent after every batch. */
export interface Progress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  elapsedMs: number;
  /** Loss of the batch just trained. */
  loss: number;
}

/** Callbacks and controls of one training run; all optional. */
export interface RunHooks<E> {
  signal?: CancelSignal;
  onProgress?(p: Progress): void;
  onEpoch?(e: E): void;
  /** Gives the event loop a turn between batches (a UI stays responsive). */
  yieldControl?(): Promise<void>;
}

/** One epoch of masked-word pre-training. */
export interface PretrainEpoch {
  epoch: number;
  /** Mean cross-entropy over the epoch's batches. */
  trainLoss: number;
  /** Cross-entropy on masked words of held-out reviews. */
  valLoss: number;
  /** How often the top prediction is the hidden word, on held-out reviews. */
  valAccuracy: number;
}

/** The pre-trained encoder and its masked-word head, with the training history. */
export interface PretrainResult {
  vocabSize: number;
  embeddingSize: number;
  /** V × D, row-major: the encoder. */
  embeddings: Float32Array;
  /** The random embeddings that pre-training started from (also the scratch model's start). */
  initialEmbeddings: Float32Array;
  /** D × V output projection of the masked-word head. */
  output: Float32Array;
  outputBias: Float32Array;
  curve: PretrainEpoch[];
  /** Loss of every batch, in order. */
  batchLosses: number[];
  batchesPerEpoch: number;
  elapsedMs: number;
}

/** Test accuracy, overall and by which synonyms the reviews use. */
export interface Evaluation {
  accuracy: number;
  /** Reviews whose sentiment words all appear in the labelled data. */
  seen: number;
  /** Reviews with both seen and held-out sentiment words. */
  mixed: number;
  /** Reviews whose sentiment words never appear in the labelled data. */
  heldout: number;
}

/** One epoch of training the sentiment classifier. */
export interface ClassifierEpoch {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  /** Present when the run evaluates every epoch. */
  test?: Evaluation;
}

/** Which starting point a classifier run used. */
export type ClassifierKind = 'pretrained' | 'scratch';

/** A trained sentiment classifier's history and final test scores. */
export interface ClassifierResult {
  kind: ClassifierKind;
  mode: FineTuneMode;
  labels: number;
  epochs: number;
  curve: ClassifierEpoch[];
  final: Evaluation;
  elapsedMs: number;
}

/** Options of a pre-training run. */
export interface PretrainOptions {
  embeddingSize: number;
  epochs: number;
  lr: number;
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
