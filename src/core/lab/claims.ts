import { FASTER_FACTOR, PLATEAU_TOLERANCE, type ConvergenceReport } from './convergence';
import type { Comparison, SweepSummary } from './experiment';
import { english, type Translate } from '../l10n';

/**
 * The three claims about pre-training, each stated only as far as this run's measurements support
 * it. The page's cards and the headless report print these same sentences (the page in the display
 * language, through the `t` each function takes; the report in English).
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
const epochs = (n: number, t: Translate): string => (n === 1 ? t('{0} epoch', n) : t('{0} epochs', n));
const signed = (points: number, t: Translate): string => t('{0} points', `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}`);

/** Claim 1, from the label-efficiency sweep (undefined: the sweep has not run). */
export function labelClaim(s: SweepSummary | undefined, t: Translate = english): Claim {
  const title = t('Less labelled data');
  if (!s) return { id: 'labels', title, status: 'pending', text: t('Not measured: the label-efficiency sweep has not run.') };
  const best = t('{0} at {1} labels', pct(s.scratchBest.accuracy), s.scratchBest.labels);
  const method = t("Mean test accuracy over the sweep's draws; the smallest budget at which the pre-trained model reaches the scratch model's best.");
  if (s.pretrainedLabelsToMatch === undefined) {
    return { id: 'labels', title, status: 'fails', text: t("Not this time: pre-trained never reached the scratch model's best ({0}) in the sweep.", best), method };
  }
  if (s.pretrainedLabelsToMatch >= s.scratchBest.labels) {
    return { id: 'labels', title, status: 'fails', text: t("Not this time: pre-trained needs {0} labels to reach the scratch model's best ({1}), no fewer.", s.pretrainedLabelsToMatch, best), method };
  }
  return {
    id: 'labels',
    title,
    status: 'holds',
    text: t("Yes: pre-trained reaches the scratch model's best ({0}) with {1} labels, {2}× fewer.", best, s.pretrainedLabelsToMatch, String(s.labelSaving)),
    method,
  };
}

/** The one sentence that says how convergence is measured, with this run's target. */
export function convergenceMethod(m: ConvergenceReport, t: Translate = english): string {
  const whose = m.targetFrom === 'scratch' ? t("scratch's") : t("the pre-trained model's");
  return t("Measured as the first epoch at which each model's test accuracy reaches the lower of the two final accuracies (here {0}, {1}); scratch is credited the first time it touches that level, even if it later drops below.", whose, pct(m.target));
}

/** Claim 2, from the per-epoch test accuracies (undefined: some epoch was not scored). */
export function convergenceClaim(m: ConvergenceReport | undefined, t: Translate = english): Claim {
  const title = t('Faster convergence');
  if (!m) return { id: 'convergence', title, status: 'pending', text: t('Not measured: both runs must score the test set after every epoch.') };
  const p = m.pretrained;
  const s = m.scratch;
  const target = pct(m.target);
  let text: string;
  let status: ClaimStatus;
  if (m.verdict === 'faster') {
    status = 'holds';
    text = t('Yes: pre-trained reaches {0} after {1}, scratch only after {2}.', target, epochs(p.toTarget, t), epochs(s.toTarget, t));
  } else if (m.verdict === 'slightly') {
    status = 'weak';
    text = FASTER_FACTOR === 2
      ? t('Only just: pre-trained reaches {0} after {1}, scratch after {2}: sooner, but not in under half the epochs.', target, epochs(p.toTarget, t), epochs(s.toTarget, t))
      : t('Only just: pre-trained reaches {0} after {1}, scratch after {2}: sooner, but not in under 1/{3} of the epochs.', target, epochs(p.toTarget, t), epochs(s.toTarget, t), FASTER_FACTOR);
  } else if (p.toTarget === s.toTarget) {
    status = 'fails';
    text = t('Not this time: both models reach {0} after {1}.', target, epochs(p.toTarget, t));
  } else {
    status = 'fails';
    text = t('Not this time: pre-trained needs {0} to reach {1}, scratch {2}.', epochs(p.toTarget, t), target, epochs(s.toTarget, t));
  }
  const tol = Math.round(100 * PLATEAU_TOLERANCE);
  if (s.toPlateau < p.toPlateau) {
    text += tol === 1
      ? t(' Scratch levels off sooner (within 1 point of its best by epoch {0}, against {1}), but its best is {2} against {3}.', s.toPlateau, p.toPlateau, pct(s.best), pct(p.best))
      : t(' Scratch levels off sooner (within {0} points of its best by epoch {1}, against {2}), but its best is {3} against {4}.', tol, s.toPlateau, p.toPlateau, pct(s.best), pct(p.best));
  }
  return { id: 'convergence', title, status, text, method: convergenceMethod(m, t) };
}

/** Claim 3, from the final test accuracies. */
export function finalClaim(c: Comparison, t: Translate = english): Claim {
  const title = t('Better final performance');
  const numbers = t('{0} against {1} with {2} labels ({3}); on held-out synonyms {4} against {5}.', pct(c.pretrained.accuracy), pct(c.scratch.accuracy), c.labels, signed(c.gainPoints, t), pct(c.pretrained.heldout), pct(c.scratch.heldout));
  if (c.gainPoints >= MIN_GAIN_POINTS) return { id: 'final', title, status: 'holds', text: t('Yes: {0}', numbers) };
  if (c.gainPoints > 0) return { id: 'final', title, status: 'weak', text: t('Only just, within a point: {0}', numbers) };
  return { id: 'final', title, status: 'fails', text: t('Not this time: {0}', numbers) };
}

/** All three claims, in the notebook's order. */
export function labClaims(c: Comparison, sweep: SweepSummary | undefined, t: Translate = english): Claim[] {
  return [labelClaim(sweep, t), convergenceClaim(c.convergence, t), finalClaim(c, t)];
}
