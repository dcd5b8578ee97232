import * as path from 'path';
import { initBackend, type BackendOptions } from '../core/lab/backend';
import {
  clampNote,
  clampParam,
  clampToLimits,
  claimLines,
  DEFAULT_PARAMS,
  DEFAULT_SWEEP_DRAWS,
  experimentSummary,
  formatComparison,
  formatSweep,
  LabCancelledError,
  PARAM_LIMITS,
  referenceEngine,
  runExperiment,
  sanitizeParams,
  tfjsEngine,
  type ClampedValue,
  type LabParams,
  type NumericParam,
} from '../core/lab';

const USAGE = `Usage: npm run lab -- [options]

Runs the pre-training lab headless and prints the comparison table and the label-efficiency sweep.

Options:
  --seed N            seed of the language, split, weights and batch order (default ${DEFAULT_PARAMS.seed})
  --labels N          labelled reviews for fine-tuning and scratch (default ${DEFAULT_PARAMS.labels})
  --epochs N          fine-tuning / scratch epochs (default ${DEFAULT_PARAMS.epochs})
  --lr X              fine-tuning / scratch learning rate (default ${DEFAULT_PARAMS.lr})
  --mode M            freeze | finetune (default ${DEFAULT_PARAMS.mode})
  --dim N             embedding size (default ${DEFAULT_PARAMS.embeddingSize})
  --pretrain-epochs N (default ${DEFAULT_PARAMS.pretrainEpochs})
  --pretrain-lr X     (default ${DEFAULT_PARAMS.pretrainLr})
  --draws N           labelled draws per sweep budget, 0 skips the sweep (default ${DEFAULT_SWEEP_DRAWS})
  --backend B         wasm | cpu | reference (plain Float32Array maths) (default wasm)
  --json              print a JSON summary instead of tables
  -h, --help          show this help`;

const FLAGS: Record<string, NumericParam> = {
  '--seed': 'seed',
  '--labels': 'labels',
  '--epochs': 'epochs',
  '--lr': 'lr',
  '--dim': 'embeddingSize',
  '--pretrain-epochs': 'pretrainEpochs',
  '--pretrain-lr': 'pretrainLr',
};

interface CliOptions {
  params: LabParams;
  draws: number;
  backend: 'wasm' | 'cpu' | 'reference';
  json: boolean;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** Sweep draws accepted on the command line. */
const DRAW_FLAG_LIMITS = { min: 0, max: 10, integer: true } as const;

/** Says on stderr when a flag's value was rounded or clamped, rather than changing it silently. */
function noteClamp(flag: string, c: ClampedValue, limits: { min: number; max: number } = DRAW_FLAG_LIMITS): void {
  const note = clampNote(c, limits);
  if (note) process.stderr.write(`note: ${flag}: ${note}\n`);
}

function parseArgs(argv: string[]): CliOptions {
  const raw: Record<string, unknown> = {};
  let draws = DEFAULT_SWEEP_DRAWS;
  let backend: CliOptions['backend'] = 'wasm';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    const number = (): number => {
      const v = value();
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) fail(`${flag} expects a number, got "${v}"`);
      return n;
    };
    if (flag === '-h' || flag === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (flag === '--json') json = true;
    else if (flag === '--draws') {
      const c = clampToLimits(number(), DRAW_FLAG_LIMITS);
      noteClamp(flag, c);
      draws = c.value;
    }
    else if (flag === '--mode') {
      const m = value();
      if (m !== 'freeze' && m !== 'finetune') fail(`--mode must be freeze or finetune, got "${m}"`);
      raw.mode = m;
    } else if (flag === '--backend') {
      const b = value();
      if (b !== 'wasm' && b !== 'cpu' && b !== 'reference') fail(`--backend must be wasm, cpu or reference, got "${b}"`);
      backend = b;
    } else if (Object.hasOwn(FLAGS, flag)) {
      const c = clampParam(FLAGS[flag], number());
      noteClamp(flag, c, PARAM_LIMITS[FLAGS[flag]]);
      raw[FLAGS[flag]] = c.value;
    } else fail(`Unknown option ${arg}`);
  }
  return { params: sanitizeParams(raw), draws, backend, json };
}

/** The wasm binaries: next to the bundle once copied there, else in node_modules. */
function wasmFolder(): string | undefined {
  try {
    return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const backendOptions: BackendOptions = opts.backend === 'wasm' ? { wasmPaths: wasmFolder() } : { preferCpu: true };
  const info = await initBackend(backendOptions);
  const engine = opts.backend === 'reference' ? referenceEngine : tfjsEngine;
  const engineName = opts.backend === 'reference' ? 'plain Float32Array' : `tfjs ${info.name}${info.simd ? ' (SIMD)' : ''}`;
  if (info.fallbackReason && opts.backend === 'wasm') process.stderr.write(`note: using cpu backend (${info.fallbackReason})\n`);

  const result = await runExperiment(engine, opts.params, {
    sweepDraws: opts.draws,
    onStep: opts.json ? undefined : (step) => process.stderr.write(`  ${step}…\n`),
  });

  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ backend: engineName, ...(experimentSummary(result) as object) }, null, 2)}\n`);
    return;
  }
  const p = result.params;
  const out: string[] = [];
  out.push(`ML Lens pre-training lab — seed ${p.seed}, ${p.labels} labels, ${p.epochs} epochs, lr ${p.lr}, ${p.mode === 'freeze' ? 'frozen encoder' : 'fine-tune everything'}, dim ${p.embeddingSize}, ${engineName}`);
  out.push(`Pre-training: ${p.pretrainEpochs} epochs, masked-word accuracy ${(100 * result.pretrain.curve[result.pretrain.curve.length - 1].valAccuracy).toFixed(1)}% on held-out reviews.`);
  const nb = result.embeddings;
  out.push(`Held-out synonyms next to a labelled synonym of their own group: ${nb.before.neighbours.sameGroup}/${nb.before.neighbours.total} before, ${nb.after.neighbours.sameGroup}/${nb.after.neighbours.total} after pre-training.`);
  out.push('', `Comparison at ${result.comparison.labels} labels (test set of ${result.data.test.length} reviews)`, formatComparison(result.comparison));
  if (result.sweep) out.push('', `Label-efficiency sweep (mean of ${result.sweep.draws} labelled draw${result.sweep.draws === 1 ? '' : 's'})`, formatSweep(result.sweep));
  out.push('', ...claimLines(result).map((l) => `* ${l}`));
  const t = result.timings;
  out.push('', `Time: ${(t.total / 1000).toFixed(2)} s (data ${t.data.toFixed(0)} ms, pre-train ${t.pretrain.toFixed(0)} ms, fine-tune ${t.finetune.toFixed(0)} ms, scratch ${t.scratch.toFixed(0)} ms, sweep ${t.sweep.toFixed(0)} ms)`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof LabCancelledError) process.exit(130);
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
