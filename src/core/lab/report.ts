import { convergenceMethod, labClaims } from './claims';
import { PLATEAU_TOLERANCE } from './convergence';
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

/** The comparison as a plain-text table, with a note that says how the epoch columns are measured. */
export function formatComparison(c: Comparison): string {
  const label = c.mode === 'freeze' ? 'pre-trained, frozen encoder' : 'pre-trained, fine-tuned';
  const m = c.convergence;
  const epochCells = (k: 'pretrained' | 'scratch'): string[] =>
    m ? [String(m[k].toTarget), String(m[k].toPlateau), `${pct(m[k].best)} @${m[k].bestEpoch}`] : ['-', '-', '-'];
  const rows = [
    [label, pct(c.pretrained.accuracy), pct(c.pretrained.seen), pct(c.pretrained.heldout), ...epochCells('pretrained')],
    ['from scratch', pct(c.scratch.accuracy), pct(c.scratch.seen), pct(c.scratch.heldout), ...epochCells('scratch')],
  ];
  const target = m ? `epochs to ${pct(m.target)}` : 'epochs to target';
  const lines = [table(['model', 'test acc', 'seen syn.', 'held-out syn.', target, 'epochs to plateau', 'best @epoch'], rows)];
  const tol = Math.round(100 * PLATEAU_TOLERANCE);
  if (m) {
    const method = convergenceMethod(m);
    lines.push(`${target}: ${method[0].toLowerCase()}${method.slice(1)}`, `epochs to plateau: the first epoch within ${tol} point${tol === 1 ? '' : 's'} of the model's own best.`);
  } else {
    lines.push('Epoch columns not measured: a run did not score the test set after every epoch.');
  }
  return lines.join('\n');
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

/** The three claims as measured sentences (the same ones as the page's cards). */
export function claimLines(r: Pick<ExperimentResult, 'comparison' | 'sweep'>): string[] {
  return labClaims(r.comparison, r.sweep && summarizeSweep(r.sweep)).map((c) => `${c.title} — ${c.text}`);
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
    claims: labClaims(r.comparison, r.sweep && summarizeSweep(r.sweep)),
    timings: r.timings,
  };
}
