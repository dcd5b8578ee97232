import { embeddingMap, neighbourReport, type EmbeddingMap, type NeighbourReport } from './embeddings';
import { generateDataset, type LabDataset } from './language';
import { accuracyCurve, measureConvergence, type ConvergenceReport } from './convergence';
import { now, type LabEngine } from './train';
import {
  SWEEP_BUDGETS,
  type CancelSignal,
  type ClassifierEpoch,
  type ClassifierResult,
  type Evaluation,
  type FineTuneMode,
  type LabParams,
  type PretrainEpoch,
  type PretrainResult,
  type RunHooks,
} from './types';

/** Fine-tuned and scratch models side by side: the numbers behind the three claims at one budget. */
export interface Comparison {
  labels: number;
  epochs: number;
  mode: FineTuneMode;
  pretrained: Evaluation;
  scratch: Evaluation;
  /** Test-accuracy advantage of pre-training, in percentage points. */
  gainPoints: number;
  /**
   * Epochs each run needs to reach the lower of the two final accuracies, and to level off; undefined
   * when a run did not score the test set after every epoch.
   */
  convergence?: ConvergenceReport;
}

/** Puts a fine-tuned run and a scratch run on the same footing. */
export function compareRuns(pretrained: ClassifierResult, scratch: ClassifierResult): Comparison {
  return {
    labels: pretrained.labels,
    epochs: pretrained.epochs,
    mode: pretrained.mode,
    pretrained: pretrained.final,
    scratch: scratch.final,
    gainPoints: 100 * (pretrained.final.accuracy - scratch.final.accuracy),
    convergence: measureConvergence(accuracyCurve(pretrained.curve), accuracyCurve(scratch.curve)),
  };
}

/** Test accuracies at one label budget, one per labelled draw. */
export interface SweepPoint {
  labels: number;
  pretrained: number[];
  scratch: number[];
}

/** The label-efficiency sweep. */
export interface SweepResult {
  mode: FineTuneMode;
  epochs: number;
  draws: number;
  points: SweepPoint[];
  elapsedMs: number;
}

/** Mean of a list (0 for an empty one). */
export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** What the sweep says about labelled data: how few labels pre-training needs to beat scratch's best. */
export interface SweepSummary {
  /** The scratch model's best mean accuracy over all budgets, and where. */
  scratchBest: { labels: number; accuracy: number };
  /** Smallest budget at which the pre-trained model's mean accuracy reaches `scratchBest`. */
  pretrainedLabelsToMatch?: number;
  /** scratchBest.labels / pretrainedLabelsToMatch: how many times fewer labels pre-training needs. */
  labelSaving?: number;
}

/** Reads the label-data claim off a sweep. */
export function summarizeSweep(sweep: SweepResult): SweepSummary {
  let scratchBest = { labels: 0, accuracy: -1 };
  for (const p of sweep.points) {
    const a = mean(p.scratch);
    if (a > scratchBest.accuracy) scratchBest = { labels: p.labels, accuracy: a };
  }
  const match = sweep.points.find((p) => mean(p.pretrained) >= scratchBest.accuracy - 1e-9);
  return {
    scratchBest,
    pretrainedLabelsToMatch: match?.labels,
    labelSaving: match ? scratchBest.labels / match.labels : undefined,
  };
}

/** Controls of the sweep. */
export interface SweepHooks {
  signal?: CancelSignal;
  yieldControl?(): Promise<void>;
  /** After every training run: how many of how many are done. */
  onRun?(done: number, total: number, elapsedMs: number): void;
  /** After every budget, with the points so far. */
  onPoint?(points: readonly SweepPoint[]): void;
}

/**
 * Test accuracy of pre-trained and scratch models at several label budgets, each averaged over
 * `draws` different labelled subsets, with the same epochs, learning rate and mode as fine-tuning.
 */
export async function runSweep(
  engine: LabEngine,
  data: LabDataset,
  pretrained: PretrainResult,
  params: LabParams,
  draws: number,
  hooks: SweepHooks = {},
  budgets: readonly number[] = SWEEP_BUDGETS,
): Promise<SweepResult> {
  const start = now();
  const points: SweepPoint[] = [];
  const total = budgets.length * draws * 2;
  let done = 0;
  const inner: RunHooks<ClassifierEpoch> = { signal: hooks.signal, yieldControl: hooks.yieldControl };
  for (const labels of budgets) {
    const point: SweepPoint = { labels, pretrained: [], scratch: [] };
    for (let draw = 0; draw < draws; draw++) {
      for (const kind of ['pretrained', 'scratch'] as const) {
        const r = await engine.trainClassifier(
          data,
          { kind, embeddings: pretrained.embeddings, embeddingSize: params.embeddingSize, mode: params.mode, labels, epochs: params.epochs, lr: params.lr, draw, evaluateEveryEpoch: false },
          inner,
        );
        point[kind].push(r.final.accuracy);
        hooks.onRun?.(++done, total, now() - start);
      }
    }
    points.push(point);
    hooks.onPoint?.(points);
  }
  return { mode: params.mode, epochs: params.epochs, draws, points, elapsedMs: now() - start };
}

/** What the embedding step shows: maps and neighbour reports before and after pre-training. */
export interface EmbeddingReport {
  before: { map: EmbeddingMap; neighbours: NeighbourReport };
  after: { map: EmbeddingMap; neighbours: NeighbourReport };
}

/** Maps and neighbour reports of the random start and of the pre-trained encoder. */
export function embeddingReport(data: LabDataset, pretrained: PretrainResult): EmbeddingReport {
  const D = pretrained.embeddingSize;
  return {
    before: { map: embeddingMap(data, pretrained.initialEmbeddings, D), neighbours: neighbourReport(data, pretrained.initialEmbeddings, D) },
    after: { map: embeddingMap(data, pretrained.embeddings, D), neighbours: neighbourReport(data, pretrained.embeddings, D) },
  };
}

/** Every step's output, as the headless run, the tests and the benchmark see it. */
export interface ExperimentResult {
  params: LabParams;
  engine: string;
  data: LabDataset;
  pretrain: PretrainResult;
  embeddings: EmbeddingReport;
  finetune: ClassifierResult;
  scratch: ClassifierResult;
  comparison: Comparison;
  sweep?: SweepResult;
  timings: { data: number; pretrain: number; embeddings: number; finetune: number; scratch: number; sweep: number; total: number };
}

/** Options of a whole headless run. */
export interface ExperimentOptions {
  /** Labelled draws per sweep budget; 0 skips the sweep. */
  sweepDraws?: number;
  signal?: CancelSignal;
  yieldControl?(): Promise<void>;
  /** Called when each step starts. */
  onStep?(step: 'data' | 'pretrain' | 'embeddings' | 'finetune' | 'scratch' | 'sweep'): void;
  onPretrainEpoch?(e: PretrainEpoch): void;
}

/** Default labelled draws per budget in the sweep. */
export const DEFAULT_SWEEP_DRAWS = 3;

/** Runs the whole notebook, in order: what "Run all" does, without a page. */
export async function runExperiment(engine: LabEngine, params: LabParams, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  const t0 = now();
  const control = { signal: options.signal, yieldControl: options.yieldControl };
  options.onStep?.('data');
  const data = generateDataset(params.seed);
  const t1 = now();
  options.onStep?.('pretrain');
  const pretrain = await engine.pretrain(data, { embeddingSize: params.embeddingSize, epochs: params.pretrainEpochs, lr: params.pretrainLr }, { ...control, onEpoch: options.onPretrainEpoch });
  const t2 = now();
  options.onStep?.('embeddings');
  const embeddings = embeddingReport(data, pretrain);
  const t3 = now();
  const common = { embeddingSize: params.embeddingSize, mode: params.mode, labels: params.labels, epochs: params.epochs, lr: params.lr };
  options.onStep?.('finetune');
  const finetune = await engine.trainClassifier(data, { ...common, kind: 'pretrained', embeddings: pretrain.embeddings }, control);
  const t4 = now();
  options.onStep?.('scratch');
  const scratch = await engine.trainClassifier(data, { ...common, kind: 'scratch' }, control);
  const t5 = now();
  const draws = options.sweepDraws ?? DEFAULT_SWEEP_DRAWS;
  let sweep: SweepResult | undefined;
  if (draws > 0) {
    options.onStep?.('sweep');
    sweep = await runSweep(engine, data, pretrain, params, draws, control);
  }
  const t6 = now();
  return {
    params,
    engine: engine.name,
    data,
    pretrain,
    embeddings,
    finetune,
    scratch,
    comparison: compareRuns(finetune, scratch),
    sweep,
    timings: { data: t1 - t0, pretrain: t2 - t1, embeddings: t3 - t2, finetune: t4 - t3, scratch: t5 - t4, sweep: t6 - t5, total: t6 - t0 },
  };
}
