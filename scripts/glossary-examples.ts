/**
 * `npm run glossary:examples [-- --only id,id] [--jobs N] [--timeout S] [--fresh] [--no-cache] [--python PATH] [folder]`
 *
 * Runs every code block of the glossary: Python blocks in the pinned virtual environment
 * (scripts/examples/requirements.txt), JavaScript blocks with Node and the project's tfjs.
 * A comment that states a printed value must match the real output. Blocks marked
 * `runnable: false` are listed with their reasons. A block that fails runs once more, alone, after
 * the others: the shared machines are noisy, and a block that passes only then is named in the log.
 * Prints the tally and the time; exits 1 when a block fails twice, when fewer than 95 % of code
 * blocks run, or when more than 15 examples are text only.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { parseEntry } from '../src/core/glossary/parse';
import { blockKind, codeBlocks, judgeClaim, MAX_TEXT_ONLY, textOnlyExample, type Claim, type CodeBlock } from '../src/core/glossary/examples';

const ROOT = path.resolve(__dirname, '../..');
const RUNNER = path.join(ROOT, 'scripts/examples/runner.py');
const REQUIREMENTS = path.join(ROOT, 'scripts/examples/requirements.txt');
const CACHE_FILE = path.join(ROOT, '.cache/glossary-examples.json');
/** Share of code blocks that must run. */
export const MIN_RUN_SHARE = 0.95;
/** More first-run failures than this means something real broke: they are not run again. */
const MAX_SECOND_RUNS = 5;

interface Options {
  dir: string;
  only?: Set<string>;
  jobs: number;
  timeout: number;
  fresh: boolean;
  cache: boolean;
  python: string;
}

interface Task {
  file: string;
  id: string;
  block: CodeBlock;
  key: string;
}

interface Outcome {
  task: Task;
  ok: boolean;
  cached?: boolean;
  /** Failed with other blocks running beside it, then passed alone. */
  secondRun?: string;
  ms: number;
  problems: string[];
}

interface RunnerAnswer {
  exit: number | null;
  timedOut: boolean;
  ms: number;
  stdout: string;
  stderr: string;
  claims: Claim[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    dir: path.join(ROOT, 'glossary'),
    jobs: Math.max(1, os.cpus().length),
    timeout: 90,
    fresh: false,
    cache: true,
    python: path.join(ROOT, '.venv/bin/python'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--only') o.only = new Set(next().split(',').map((s) => s.trim().replace(/\.md$/, '')).filter(Boolean));
    else if (a === '--jobs') o.jobs = Math.max(1, Number(next()) || 1);
    else if (a === '--timeout') o.timeout = Math.max(1, Number(next()) || 90);
    else if (a === '--fresh') o.fresh = true;
    else if (a === '--no-cache') o.cache = false;
    else if (a === '--python') o.python = path.resolve(next());
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else o.dir = path.resolve(a);
  }
  return o;
}

/** One long-lived `runner.py` that runs one block at a time. */
class PythonWorker {
  private proc?: ChildProcessWithoutNullStreams;
  private lines?: AsyncIterableIterator<string>;

  constructor(private readonly opts: Options) {}

  private async start(): Promise<void> {
    const threads = String(Math.max(1, Math.floor(os.cpus().length / this.opts.jobs)));
    const env = {
      ...process.env,
      HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1', HF_DATASETS_OFFLINE: '1',
      OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads, MPLBACKEND: 'Agg',
      PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1', TOKENIZERS_PARALLELISM: 'false',
      XLA_FLAGS: '--xla_force_host_platform_device_count=1', JAX_PLATFORMS: 'cpu',
      // Multi-process examples talk over loopback only, whatever the machine's hostname resolves to.
      ...(fs.existsSync('/sys/class/net/lo') ? { GLOO_SOCKET_IFNAME: 'lo' } : {}),
    };
    const proc = spawn(this.opts.python, [RUNNER, ...(this.opts.fresh ? ['--fresh'] : [])], { env, stdio: 'pipe' });
    proc.stderr.on('data', () => undefined);
    this.proc = proc;
    this.lines = readline.createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
    const ready = await this.lines.next();
    if (ready.done) throw new Error(`${this.opts.python} could not start the examples runner`);
  }

  async run(code: string): Promise<RunnerAnswer> {
    if (!this.proc || this.proc.exitCode !== null) await this.start();
    const proc = this.proc as ChildProcessWithoutNullStreams;
    proc.stdin.write(JSON.stringify({ code, timeout: this.opts.timeout }) + '\n');
    let timer: NodeJS.Timeout | undefined;
    let onExit: (() => void) | undefined;
    const guard = new Promise<'lost'>((resolve) => {
      timer = setTimeout(() => resolve('lost'), (this.opts.timeout + 60) * 1000);
      onExit = () => resolve('lost');
      proc.once('exit', onExit);
    });
    const line = await Promise.race([(this.lines as AsyncIterableIterator<string>).next(), guard]);
    clearTimeout(timer);
    if (onExit) proc.off('exit', onExit);
    if (line === 'lost' || line.done) {
      this.stop();
      return { exit: null, timedOut: false, ms: 0, stdout: '', stderr: 'the examples runner stopped while running this block', claims: [] };
    }
    return JSON.parse(line.value) as RunnerAnswer;
  }

  stop(): void {
    this.proc?.kill('SIGKILL');
    this.proc = undefined;
  }
}

async function runJs(task: Task, opts: Options): Promise<RunnerAnswer> {
  const dir = fs.mkdtempSync(path.join(ROOT, 'out', 'example-'));
  const isModule = /^\s*import\s|^\s*export\s/m.test(task.block.code);
  const file = path.join(dir, `example.${isModule ? 'mjs' : 'cjs'}`);
  fs.writeFileSync(file, task.block.code);
  const started = Date.now();
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timedOut = false;
    const t = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, opts.timeout * 1000);
    proc.on('close', (exit) => {
      clearTimeout(t);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ exit, timedOut, ms: Date.now() - started, stdout, stderr, claims: [] });
    });
  });
}

/** The first error line a child process reported (often buried above the parent's traceback), then the tail. */
function failureText(s: string, n = 8): string {
  const lines = s.trimEnd().split('\n');
  const tail = lines.slice(-n);
  const cause = lines.slice(0, -n).find((l) => /\b(\w*Error|terminate called|Exception)\b/.test(l));
  return [...(cause ? [cause.trim(), '…'] : []), ...tail].map((l) => `      ${l}`).join('\n');
}

function judge(task: Task, a: RunnerAnswer, timeout: number): string[] {
  const where = `${task.file}:${task.block.line}`;
  if (a.timedOut) return [`${where}: block ${task.block.n} (${task.block.lang}) did not finish within ${timeout} s`];
  if (a.exit !== 0) return [`${where}: block ${task.block.n} (${task.block.lang}) failed (exit ${a.exit}):\n${failureText(a.stderr || a.stdout)}`];
  const problems: string[] = [];
  for (const c of a.claims) {
    const v = judgeClaim(c.comment, c.output);
    if (v.kind === 'mismatch') problems.push(`${task.file}:${task.block.line + c.line - 1}: the comment "# ${c.comment}" does not match the output: ${v.why}`);
  }
  return problems;
}

function cacheKey(block: CodeBlock, salt: string): string {
  return crypto.createHash('sha256').update(salt).update('\0').update(block.lang).update('\0').update(block.code).digest('hex');
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const names = fs.readdirSync(opts.dir).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort();
  const tasks: Task[] = [];
  const skipped: string[] = [];
  const problems: string[] = [];
  let textBlocks = 0;
  let codeBlockCount = 0;
  const textOnly: string[] = [];
  for (const name of names) {
    const id = name.replace(/\.md$/, '');
    if (opts.only && !opts.only.has(id)) continue;
    const file = path.relative(process.cwd(), path.join(opts.dir, name));
    const source = fs.readFileSync(path.join(opts.dir, name), 'utf8');
    const notes = parseEntry(file, source).entry?.examples ?? [];
    const blocks = codeBlocks(source);
    if (textOnlyExample(blocks)) textOnly.push(id);
    for (const b of blocks) {
      const kind = blockKind(b.lang);
      if (kind === 'text') {
        textBlocks++;
        continue;
      }
      codeBlockCount++;
      const note = notes.find((x) => x.block === b.n);
      if (note) skipped.push(`${file}:${b.line}: block ${b.n} (${b.lang}) is not run: ${note.reason}`);
      else if (kind === 'other') problems.push(`${file}:${b.line}: block ${b.n} is \`${b.lang}\`, which cannot run here: rewrite it in Python or JavaScript, or mark it runnable: false with a reason`);
      else tasks.push({ file, id, block: b, key: '' });
    }
  }
  if (tasks.some((t) => blockKind(t.block.lang) === 'python') && !fs.existsSync(opts.python)) {
    console.error(`No Python environment at ${path.relative(process.cwd(), opts.python)}: run \`npm run glossary:setup\` first (or pass --python).`);
    return 2;
  }
  // A block that passed stays passed until its code, the packages, the runner or this checker changes.
  const salt = [fs.readFileSync(REQUIREMENTS, 'utf8'), fs.readFileSync(RUNNER, 'utf8'), fs.readFileSync(__filename, 'utf8')].join('\0');
  for (const t of tasks) t.key = cacheKey(t.block, salt);
  const cache: Record<string, true> = opts.cache && fs.existsSync(CACHE_FILE) ? (JSON.parse(fs.readFileSync(CACHE_FILE, 'utf8')) as Record<string, true>) : {};

  const outcomes: Outcome[] = [];
  const queue = tasks.filter((t) => {
    if (!cache[t.key]) return true;
    outcomes.push({ task: t, ok: true, cached: true, ms: 0, problems: [] });
    return false;
  });
  // Longest-first would need history; running files in order keeps the log readable.
  let next = 0;
  let done = 0;
  const total = queue.length;
  const progress = (): void => {
    if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total} blocks run…`);
  };
  const workers = Array.from({ length: Math.min(opts.jobs, Math.max(1, total)) }, () => new PythonWorker(opts));
  const runTask = async (task: Task, w: PythonWorker): Promise<Outcome> => {
    const answer = blockKind(task.block.lang) === 'js' ? await runJs(task, opts) : await w.run(task.block.code);
    const found = judge(task, answer, opts.timeout);
    return { task, ok: found.length === 0, ms: answer.ms, problems: found };
  };
  const firstRun: Outcome[] = [];
  await Promise.all(workers.map(async (w) => {
    while (next < queue.length) {
      firstRun.push(await runTask(queue[next++], w));
      done++;
      progress();
    }
    w.stop();
  }));
  if (process.stderr.isTTY) process.stderr.write('\r' + ' '.repeat(40) + '\r');
  const alone = new PythonWorker(opts);
  for (const o of firstRun) {
    if (o.ok || firstRun.filter((x) => !x.ok).length > MAX_SECOND_RUNS) {
      outcomes.push(o);
      continue;
    }
    const again = await runTask(o.task, alone);
    outcomes.push(again.ok ? { ...again, secondRun: (o.problems[0] ?? '').split('\n').slice(0, 2).map((l) => l.trim()).join(' ') } : o);
  }
  alone.stop();
  for (const o of outcomes) if (o.ok && !o.cached) cache[o.task.key] = true;
  if (opts.cache) {
    fs.mkdirSync(path.dirname(CACHE_FILE), { recursive: true });
    fs.writeFileSync(CACHE_FILE, JSON.stringify(cache));
  }

  outcomes.sort((a, b) => a.task.file.localeCompare(b.task.file) || a.task.block.n - b.task.block.n);
  const failed = outcomes.filter((o) => !o.ok);
  for (const o of failed) for (const p of o.problems) console.error(p);
  const rerun = outcomes.filter((o) => o.secondRun !== undefined);
  if (rerun.length) {
    console.log(`Passed only when run again alone (${rerun.length}):`);
    for (const o of rerun) console.log(`  ${o.secondRun}`);
  }
  for (const p of problems) console.error(p);
  if (skipped.length) {
    console.log(`Not run (${skipped.length}):`);
    for (const s of skipped) console.log(`  ${s}`);
  }
  const passed = outcomes.length - failed.length;
  const share = codeBlockCount ? passed / codeBlockCount : 1;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const cached = outcomes.filter((o) => o.cached).length;
  const slowest = outcomes.filter((o) => !o.cached).sort((a, b) => b.ms - a.ms).slice(0, 3)
    .map((o) => `${o.task.id}#${o.task.block.n} ${(o.ms / 1000).toFixed(1)} s`).join(', ');
  console.log(
    `glossary examples: ${codeBlockCount} code blocks: ${passed} ran correctly (${(share * 100).toFixed(1)} %), ` +
    `${failed.length + problems.length} failed, ${skipped.length} marked not runnable; ${textBlocks} text blocks; ` +
    `${textOnly.length} text-only examples (at most ${MAX_TEXT_ONLY}).`,
  );
  console.log(`time: ${seconds} s with ${opts.jobs} job(s)${opts.fresh ? ', a fresh interpreter per block' : ''}${cached ? `; ${cached} unchanged block(s) passed before and were not rerun` : ''}${slowest ? `; slowest: ${slowest}` : ''}`);
  if (textOnly.length > MAX_TEXT_ONLY) console.error(`Too many text-only examples (${textOnly.length}; at most ${MAX_TEXT_ONLY}): ${textOnly.join(', ')}`);
  if (!opts.only && share < MIN_RUN_SHARE) console.error(`Only ${(share * 100).toFixed(1)} % of code blocks ran; at least ${MIN_RUN_SHARE * 100} % must.`);
  const bad = failed.length + problems.length > 0 || textOnly.length > MAX_TEXT_ONLY || (!opts.only && share < MIN_RUN_SHARE);
  return bad ? 1 : 0;
}

main().then((code) => (process.exitCode = code), (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
});
