/**
 * Times the lab's default "Run all" headless: tfjs (wasm backend) against a plain Float32Array
 * implementation of the same maths, in the same process. `npm run bench:lab [-- --runs N]`.
 */
import * as path from 'path';
import { initBackend } from '../src/core/lab/backend';
import { DEFAULT_PARAMS, referenceEngine, runExperiment, tfjsEngine, type ExperimentResult, type LabEngine } from '../src/core/lab';

const TARGET_SECONDS = 5;
const TARGET_RATIO = 4;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function time(engine: LabEngine): Promise<{ ms: number; result: ExperimentResult }> {
  const t = performance.now();
  const result = await runExperiment(engine, DEFAULT_PARAMS);
  return { ms: performance.now() - t, result };
}

function headline(r: ExperimentResult): string {
  const c = r.comparison;
  const m = c.convergence;
  const speed = m ? `, ${(100 * m.target).toFixed(1)}% after ${m.pretrained.toTarget} vs ${m.scratch.toTarget} epochs` : '';
  return `pre-trained ${(100 * c.pretrained.accuracy).toFixed(1)}% vs scratch ${(100 * c.scratch.accuracy).toFixed(1)}%${speed}`;
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;
  const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;

  const coldStart = performance.now();
  const backend = await initBackend({ wasmPaths: wasmDir });
  const cold = await time(tfjsEngine);
  const coldMs = performance.now() - coldStart;

  const tfjsTimes: number[] = [];
  const refTimes: number[] = [];
  let tfjsResult = cold.result;
  let refResult: ExperimentResult | undefined;
  for (let i = 0; i < runs; i++) {
    const a = await time(tfjsEngine);
    tfjsTimes.push(a.ms);
    tfjsResult = a.result;
    const b = await time(referenceEngine);
    refTimes.push(b.ms);
    refResult = b.result;
  }
  const tfjsMs = median(tfjsTimes);
  const refMs = median(refTimes);
  const ratio = tfjsMs / refMs;
  const stages = (r: ExperimentResult): string =>
    Object.entries(r.timings)
      .filter(([k]) => k !== 'total')
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ');
  const lines = [
    `Default "Run all" (seed ${DEFAULT_PARAMS.seed}, ${DEFAULT_PARAMS.labels} labels, sweep of 6 budgets x 3 draws), median of ${runs} runs`,
    `  tfjs ${backend.name}${backend.simd ? ' (SIMD)' : ''}: ${(tfjsMs / 1000).toFixed(2)} s   [${stages(tfjsResult)} ms]`,
    `  Float32Array reference: ${(refMs / 1000).toFixed(2)} s   [${stages(refResult!)} ms]`,
    `  ratio tfjs / reference: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x)`,
    `  cold first run incl. backend start: ${(coldMs / 1000).toFixed(2)} s (target < ${TARGET_SECONDS} s)`,
    `  results: tfjs ${headline(tfjsResult)}; reference ${headline(refResult!)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const ok = coldMs / 1000 < TARGET_SECONDS && ratio <= TARGET_RATIO;
  process.stdout.write(ok ? 'bench: within targets\n' : 'bench: OUTSIDE targets\n');
  process.exitCode = ok ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
