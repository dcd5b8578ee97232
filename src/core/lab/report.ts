import { mean, summarizeSweep, type Comparison, type ExperimentResult, type SweepResult } from './experiment';

/** "87.3%" */
export function pct(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The comparison as a plain-text table. */
export function formatComparison(c: Comparison): string {
  const label = c.mode === 'freeze' ? 'pre-trained, frozen encoder' : 'pre-trained, fine-tuned';
  const rows = [
    [label, pct(c.pretrained.accuracy), pct(c.pretrained.seen), pct(c.pretrained.heldout), String(c.epochsToMatchScratch ?? '-'), String(c.convergence.pretrained ?? '-')],
    ['from scratch', pct(c.scratch.accuracy), pct(c.scratch.seen), pct(c.scratch.heldout), String(c.epochs), String(c.convergence.scratch ?? '-')],
  ];
  return table(['model', 'test acc', 'seen syn.', 'held-out syn.', 'epochs to scratch final', 'epochs to plateau'], rows);
}

/** The sweep as a plain-text table. */
export function formatSweep(s: SweepResult): string {
  const rows = s.points.map((p) => {
    const a = mean(p.pretrained);
    const b = mean(p.scratch);
    return [String(p.labels), pct(a), pct(b), `${(100 * (a - b)).toFixed(1)} pts`];
  });
  return table(['labels', 'pre-trained', 'scratch', 'gain'], rows);
}

/** The three claims as measured sentences. */
export function claimLines(r: Pick<ExperimentResult, 'comparison' | 'sweep'>): string[] {
  const c = r.comparison;
  const lines: string[] = [];
  if (r.sweep) {
    const s = summarizeSweep(r.sweep);
    lines.push(
      s.pretrainedLabelsToMatch !== undefined
        ? `Less labelled data: pre-trained reaches scratch's best (${pct(s.scratchBest.accuracy)} at ${s.scratchBest.labels} labels) with ${s.pretrainedLabelsToMatch} labels, ${s.labelSaving}x fewer.`
        : `Less labelled data: pre-trained did not reach scratch's best (${pct(s.scratchBest.accuracy)}) at any budget.`,
    );
  }
  lines.push(
    c.epochsToMatchScratch !== undefined
      ? `Faster convergence: pre-trained reaches scratch's final accuracy (${pct(c.scratch.accuracy)}) after ${c.epochsToMatchScratch} of ${c.epochs} epochs.`
      : `Faster convergence: pre-trained never reached scratch's final accuracy (${pct(c.scratch.accuracy)}).`,
  );
  lines.push(`Better final performance: ${pct(c.pretrained.accuracy)} vs ${pct(c.scratch.accuracy)} at ${c.labels} labels (${c.gainPoints >= 0 ? '+' : ''}${c.gainPoints.toFixed(1)} points).`);
  return lines;
}

/** A JSON-friendly digest of a run: numbers and curves, without weights or data. */
export function experimentSummary(r: ExperimentResult): unknown {
  return {
    params: r.params,
    engine: r.engine,
    vocabulary: r.data.vocab.length,
    corpus: r.data.corpus.length,
    test: r.data.test.length,
    pretrain: { curve: r.pretrain.curve, elapsedMs: r.pretrain.elapsedMs },
    embeddings: {
      before: { sameGroup: r.embeddings.before.neighbours.sameGroup, total: r.embeddings.before.neighbours.total },
      after: { sameGroup: r.embeddings.after.neighbours.sameGroup, total: r.embeddings.after.neighbours.total },
    },
    finetune: { final: r.finetune.final, curve: r.finetune.curve },
    scratch: { final: r.scratch.final, curve: r.scratch.curve },
    comparison: r.comparison,
    sweep: r.sweep && { ...r.sweep, summary: summarizeSweep(r.sweep) },
    claims: claimLines(r),
    timings: r.timings,
  };
}
