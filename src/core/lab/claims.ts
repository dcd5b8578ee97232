import { FASTER_FACTOR, PLATEAU_TOLERANCE, type ConvergenceReport } from './convergence';
import type { Comparison, SweepSummary } from './experiment';

/**
 * The three claims about pre-training, each stated only as far as this run's measurements support
 * it. The page's cards and the headless report print these same sentences.
 */

/** How a run bears out a claim: fully, only partly, not at all, or not measured yet. */
export type ClaimStatus = 'holds' | 'weak' | 'fails' | 'pending';

export type ClaimId = 'labels' | 'convergence' | 'final';

export interface Claim {
  id: ClaimId;
  title: string;
  status: ClaimStatus;
  /** The verdict and the numbers behind it. */
  text: string;
  /** How the number was measured, when that is not obvious from the text (one sentence). */
  method?: string;
}

/** A final accuracy gain below this many points is within run-to-run noise of a 1,000-review test set. */
export const MIN_GAIN_POINTS = 1;

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const epochs = (n: number): string => `${n} epoch${n === 1 ? '' : 's'}`;
const signed = (points: number): string => `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} points`;

/** Claim 1, from the label-efficiency sweep (undefined: the sweep has not run). */
export function labelClaim(s: SweepSummary | undefined): Claim {
  const title = 'Less labelled data';
  if (!s) return { id: 'labels', title, status: 'pending', text: 'Not measured: the label-efficiency sweep has not run.' };
  const best = `${pct(s.scratchBest.accuracy)} at ${s.scratchBest.labels} labels`;
  const method = "Mean test accuracy over the sweep's draws; the smallest budget at which the pre-trained model reaches the scratch model's best.";
  if (s.pretrainedLabelsToMatch === undefined) {
    return { id: 'labels', title, status: 'fails', text: `Not this time: pre-trained never reached the scratch model's best (${best}) in the sweep.`, method };
  }
  if (s.pretrainedLabelsToMatch >= s.scratchBest.labels) {
    return { id: 'labels', title, status: 'fails', text: `Not this time: pre-trained needs ${s.pretrainedLabelsToMatch} labels to reach the scratch model's best (${best}), no fewer.`, method };
  }
  return {
    id: 'labels',
    title,
    status: 'holds',
    text: `Yes: pre-trained reaches the scratch model's best (${best}) with ${s.pretrainedLabelsToMatch} labels, ${s.labelSaving}× fewer.`,
    method,
  };
}

/** The one sentence that says how convergence is measured, with this run's target. */
export function convergenceMethod(m: ConvergenceReport): string {
  const whose = m.targetFrom === 'scratch' ? "scratch's" : "the pre-trained model's";
  return `Measured as the first epoch at which each model's test accuracy reaches the lower of the two final accuracies (here ${whose}, ${pct(m.target)}); scratch is credited the first time it touches that level, even if it later drops below.`;
}

/** Claim 2, from the per-epoch test accuracies (undefined: some epoch was not scored). */
export function convergenceClaim(m: ConvergenceReport | undefined): Claim {
  const title = 'Faster convergence';
  if (!m) return { id: 'convergence', title, status: 'pending', text: 'Not measured: both runs must score the test set after every epoch.' };
  const p = m.pretrained;
  const s = m.scratch;
  const target = pct(m.target);
  let text: string;
  let status: ClaimStatus;
  if (m.verdict === 'faster') {
    status = 'holds';
    text = `Yes: pre-trained reaches ${target} after ${epochs(p.toTarget)}, scratch only after ${epochs(s.toTarget)}.`;
  } else if (m.verdict === 'slightly') {
    status = 'weak';
    text = `Only just: pre-trained reaches ${target} after ${epochs(p.toTarget)}, scratch after ${epochs(s.toTarget)}: sooner, but not in under ${FASTER_FACTOR === 2 ? 'half' : `1/${FASTER_FACTOR} of`} the epochs.`;
  } else if (p.toTarget === s.toTarget) {
    status = 'fails';
    text = `Not this time: both models reach ${target} after ${epochs(p.toTarget)}.`;
  } else {
    status = 'fails';
    text = `Not this time: pre-trained needs ${epochs(p.toTarget)} to reach ${target}, scratch ${epochs(s.toTarget)}.`;
  }
  const tol = Math.round(100 * PLATEAU_TOLERANCE);
  if (s.toPlateau < p.toPlateau) {
    text += ` Scratch levels off sooner (within ${tol} point${tol === 1 ? '' : 's'} of its best by epoch ${s.toPlateau}, against ${p.toPlateau}), but its best is ${pct(s.best)} against ${pct(p.best)}.`;
  }
  return { id: 'convergence', title, status, text, method: convergenceMethod(m) };
}

/** Claim 3, from the final test accuracies. */
export function finalClaim(c: Comparison): Claim {
  const title = 'Better final performance';
  const numbers = `${pct(c.pretrained.accuracy)} against ${pct(c.scratch.accuracy)} with ${c.labels} labels (${signed(c.gainPoints)}); on held-out synonyms ${pct(c.pretrained.heldout)} against ${pct(c.scratch.heldout)}.`;
  if (c.gainPoints >= MIN_GAIN_POINTS) return { id: 'final', title, status: 'holds', text: `Yes: ${numbers}` };
  if (c.gainPoints > 0) return { id: 'final', title, status: 'weak', text: `Only just, within a point: ${numbers}` };
  return { id: 'final', title, status: 'fails', text: `Not this time: ${numbers}` };
}

/** All three claims, in the notebook's order. */
export function labClaims(c: Comparison, sweep: SweepSummary | undefined): Claim[] {
  return [labelClaim(sweep), convergenceClaim(c.convergence), finalClaim(c)];
}
