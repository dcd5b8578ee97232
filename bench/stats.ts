/** Median and percentile of a sample (sorted copy). */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Runs `fn` `n` times and returns per-call times in microseconds. */
export function timeEach(n: number, fn: (i: number) => unknown): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    out[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return out;
}

/** Best of `reps` runs of `fn`, in milliseconds. */
export function bestOf(reps: number, fn: () => unknown): number {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

/** Prints a row of aligned columns. */
export function row(cells: Array<string | number>, widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
}
