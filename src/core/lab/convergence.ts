import type { ClassifierEpoch, ClassifierKind } from './types';

/**
 * How the lab measures "pre-training speeds up convergence". Both models chase one common target,
 * the lower of their two final test accuracies (scratch's, whenever pre-training helps at all), and
 * each is credited with the first epoch at which its test accuracy reaches it. The baseline gets
 * credit the first time it touches the target even if it later falls back below it, which favours
 * scratch rather than pre-training. Everything here is a pure function of the per-epoch test
 * accuracies, so the page, the headless report and the tests read the same numbers.
 */

/** Pre-training converges clearly faster when it needs fewer than 1/FASTER_FACTOR of scratch's epochs. */
export const FASTER_FACTOR = 2;
/** A curve has levelled off once it is within this much of its own best test accuracy (one point). */
export const PLATEAU_TOLERANCE = 0.01;
/** Slack for float noise when comparing accuracies. */
const EPS = 1e-9;

/** Test accuracy after every epoch (index 0 is epoch 1); NaN where the test set was not scored. */
export type AccuracyCurve = readonly number[];

/** The per-epoch test accuracies of a classifier run. */
export function accuracyCurve(curve: readonly ClassifierEpoch[]): number[] {
  return curve.map((p) => p.test?.accuracy ?? NaN);
}

/** First epoch (1-based) whose accuracy reaches `target`, or undefined. */
export function firstEpochReaching(curve: AccuracyCurve, target: number): number | undefined {
  const i = curve.findIndex((a) => a >= target - EPS);
  return i < 0 ? undefined : i + 1;
}

/** What one model's curve says. */
export interface ModelConvergence {
  /** Test accuracy after the last epoch. */
  final: number;
  /** Best test accuracy over all epochs, and the first epoch that had it. */
  best: number;
  bestEpoch: number;
  /** First epoch at which test accuracy reaches the common target. */
  toTarget: number;
  /** First epoch within PLATEAU_TOLERANCE of its own best: when the curve levels off (at its own level). */
  toPlateau: number;
}

/**
 * The verdict on "faster convergence" for one run:
 * - 'faster': pre-trained reaches the target in fewer than 1/FASTER_FACTOR of scratch's epochs;
 * - 'slightly': sooner than scratch, but not by that factor;
 * - 'not': no sooner than scratch.
 */
export type ConvergenceVerdict = 'faster' | 'slightly' | 'not';

/** Both curves measured against one target. */
export interface ConvergenceReport {
  /** Epochs each run trained for. */
  epochs: number;
  /** The common target: the lower of the two final test accuracies. */
  target: number;
  /** Whose final accuracy the target is (scratch's, unless pre-training ended lower). */
  targetFrom: ClassifierKind;
  pretrained: ModelConvergence;
  scratch: ModelConvergence;
  verdict: ConvergenceVerdict;
}

function complete(curve: AccuracyCurve): boolean {
  return curve.length > 0 && curve.every((a) => Number.isFinite(a));
}

function describe(curve: AccuracyCurve, target: number): ModelConvergence {
  let best = -Infinity;
  let bestEpoch = 0;
  curve.forEach((a, i) => {
    if (a > best + EPS) {
      best = a;
      bestEpoch = i + 1;
    }
  });
  return {
    final: curve[curve.length - 1],
    best,
    bestEpoch,
    // Both always exist: the final reaches the target (it is at least the lower final), the best reaches itself.
    toTarget: firstEpochReaching(curve, target)!,
    toPlateau: firstEpochReaching(curve, best - PLATEAU_TOLERANCE)!,
  };
}

/**
 * Measures both runs against the lower of their final accuracies. Undefined unless both curves
 * score the test set after every epoch: a gap could hide the epoch that first reached the target.
 */
export function measureConvergence(pretrained: AccuracyCurve, scratch: AccuracyCurve): ConvergenceReport | undefined {
  if (!complete(pretrained) || !complete(scratch) || pretrained.length !== scratch.length) return undefined;
  const preFinal = pretrained[pretrained.length - 1];
  const scrFinal = scratch[scratch.length - 1];
  const targetFrom: ClassifierKind = scrFinal <= preFinal ? 'scratch' : 'pretrained';
  const target = Math.min(preFinal, scrFinal);
  const pre = describe(pretrained, target);
  const scr = describe(scratch, target);
  const verdict: ConvergenceVerdict = pre.toTarget * FASTER_FACTOR < scr.toTarget ? 'faster' : pre.toTarget < scr.toTarget ? 'slightly' : 'not';
  return { epochs: pretrained.length, target, targetFrom, pretrained: pre, scratch: scr, verdict };
}
