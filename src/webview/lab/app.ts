import * as l10n from '@vscode/l10n';
import MarkdownIt from 'markdown-it';
import { initBackend, TFJS_VERSION, type BackendInfo } from '../../core/lab/backend';
import {
  clampNote,
  clampToLimits,
  compareRuns,
  embeddingReport,
  generateDataset,
  LabCancelledError,
  PARAM_LIMITS,
  runSweep,
  sanitizeParams,
  tfjsEngine,
  type ClassifierResult,
  type LabDataset,
  type LabParams,
  type Progress,
  type PretrainResult,
  type SweepResult,
} from '../../core/lab';
import { isExtensionToLabMessage, isTermId, type LabBootConfig, type LabRunState, type LabToExtensionMessage } from '../../shared/messages';
import * as text from './content';
import { h, replaceChildren, seconds } from './dom';
import {
  CELL_IDS,
  DEPENDENCIES,
  DRAW_LIMITS,
  fingerprint,
  initialState,
  packPretrain,
  restoreState,
  unpackPretrain,
  type CellId,
  type CellRecord,
  type CellResults,
  type LabState,
  type LiveProgress,
  type PretrainRecord,
} from './state';
import { renderOutputs, type ViewContext } from './views';

/** The subset of the webview API the lab uses. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

type NumericKey = Exclude<keyof LabParams, 'mode'>;

interface NumberParam {
  key: NumericKey | 'draws';
  label: string;
  hint: string;
}

const CELL_PARAMS: Readonly<Record<CellId, readonly NumberParam[]>> = {
  data: [{ key: 'seed', label: l10n.t('Seed'), hint: l10n.t('Seeds the language, the synonym split, the initial weights and the batch order. The same seed gives the same numbers.') }],
  pretrain: [
    { key: 'embeddingSize', label: l10n.t('Embedding size'), hint: l10n.t('Numbers per word vector. The scratch model uses the same size.') },
    { key: 'pretrainEpochs', label: l10n.t('Epochs'), hint: l10n.t('Passes over the unlabelled corpus; each hides two words of every review.') },
    { key: 'pretrainLr', label: l10n.t('Learning rate'), hint: l10n.t('Step size of the Adam optimiser during pre-training.') },
  ],
  embeddings: [],
  finetune: [
    { key: 'labels', label: l10n.t('Labels'), hint: l10n.t('Labelled training reviews (half positive, half negative). Shared with step 5.') },
    { key: 'epochs', label: l10n.t('Epochs'), hint: l10n.t('Passes over the labelled reviews. Shared with steps 5 and 7.') },
    { key: 'lr', label: l10n.t('Learning rate'), hint: l10n.t('Adam step size for the head (and for the scratch model). Shared with steps 5 and 7.') },
  ],
  scratch: [],
  compare: [],
  sweep: [{ key: 'draws', label: l10n.t('Draws per budget'), hint: l10n.t('Random labelled subsets per budget; the chart shows their mean and range.') }],
};

const CONTENT: Readonly<Record<CellId, string>> = {
  data: text.data(),
  pretrain: text.pretrain(),
  embeddings: text.embeddings(),
  finetune: text.finetune(),
  scratch: text.scratch(),
  compare: text.compare(),
  sweep: text.sweep(),
};

const TITLES: Readonly<Record<CellId, string>> = {
  data: l10n.t('Generate the data'),
  pretrain: l10n.t('Pre-train'),
  embeddings: l10n.t('Explore the embeddings'),
  finetune: l10n.t('Fine-tune'),
  scratch: l10n.t('Train from scratch'),
  compare: l10n.t('Compare'),
  sweep: l10n.t('Label-efficiency sweep'),
};

type DisplayStatus = 'idle' | 'queued' | 'running' | 'done' | 'stale' | 'stopped' | 'error';

const STATUS_TEXT: Readonly<Record<DisplayStatus, string>> = {
  idle: l10n.t('Not run yet'),
  queued: l10n.t('Queued'),
  running: l10n.t('Running'),
  done: l10n.t('Done'),
  stale: l10n.t('Stale: parameters changed'),
  stopped: l10n.t('Stopped'),
  error: l10n.t('Failed'),
};

interface CellView {
  section: HTMLElement;
  run: HTMLButtonElement;
  badge: HTMLElement;
  progressText: HTMLElement;
  progress: HTMLProgressElement;
  out: HTMLElement;
  inputs: Map<string, HTMLInputElement>;
}

function markdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx];
    const href = token.attrGet('href') ?? '';
    const id = href.startsWith('term:') ? href.slice(5) : '';
    // The lab links only to glossary pages; anything else is neutralised.
    token.attrSet('href', '#');
    if (isTermId(id)) {
      token.attrSet('data-term', id);
      token.attrSet('class', 'term-link');
      token.attrSet('title', l10n.t('Open the glossary entry for "{0}"', id.replace(/-/g, ' ')));
    }
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

/** Gives the event loop a turn without the 4 ms clamp of nested timers. */
function makeYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

/** The notebook: cells, their parameters and outputs, the runner, and persistence. */
export class LabApp {
  private state: LabState;
  private readonly md = markdown();
  private readonly cells = new Map<CellId, CellView>();
  /** The inline note under each number field, by parameter. */
  private readonly notes = new Map<string, HTMLElement>();
  private readonly datasets = new Map<number, LabDataset>();
  private readonly live: Partial<Record<CellId, LiveProgress>> = {};
  private readonly queued = new Set<CellId>();
  private readonly yieldControl = makeYield();
  private pretrained?: { fingerprint: string; model: PretrainResult };
  private backend?: BackendInfo;
  private current?: CellId;
  private running = false;
  private signal = { cancelled: false };
  private runAllPending = false;
  private outcome: LabRunState = 'idle';
  private dirty = new Set<CellId>();
  private frame = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private runAllButton!: HTMLButtonElement;
  private stopButton!: HTMLButtonElement;
  private statusLine!: HTMLElement;
  private backendBadge!: HTMLElement;
  private modeInputs: HTMLInputElement[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi,
    private readonly config: LabBootConfig,
  ) {
    this.state = restoreState(api.getState());
    const pre = this.state.records.pretrain;
    if (pre?.status === 'done') {
      const model = unpackPretrain(pre.result, pre.elapsedMs);
      if (model) this.pretrained = { fingerprint: pre.fingerprint, model };
    }
  }

  /** Builds the page, restores outputs, then starts TensorFlow.js. */
  async start(): Promise<void> {
    this.build();
    this.renderAll();
    this.outcome = this.allFresh() ? 'done' : 'idle';
    this.updateChrome();
    window.addEventListener('message', (e: MessageEvent) => {
      if (isExtensionToLabMessage(e.data) && e.data.type === 'lab/runAll') this.requestRunAll();
    });
    this.post({ type: 'lab/ready' });
    try {
      this.backend = await initBackend({ wasmPaths: this.config.wasmBase });
    } catch (err) {
      this.backendBadge.textContent = l10n.t('TensorFlow.js failed to start');
      this.log('error', `backend failed: ${String(err)}`);
      return;
    }
    const b = this.backend;
    this.backendBadge.textContent = `TensorFlow.js ${TFJS_VERSION} · ${b.name}${b.simd ? ' (SIMD)' : ''}`;
    this.backendBadge.title = b.fallbackReason ? l10n.t('Using the pure-JavaScript cpu backend: {0}.', b.fallbackReason) : l10n.t('WebAssembly backend (XNNPACK kernels).');
    this.backendBadge.classList.toggle('fallback', Boolean(b.fallbackReason));
    this.log(b.fallbackReason ? 'warn' : 'info', `backend ${b.name}${b.simd ? ' (SIMD)' : ''}${b.fallbackReason ? `; ${b.fallbackReason}` : ''}`);
    this.updateChrome();
    if (this.runAllPending) {
      this.runAllPending = false;
      void this.run('all');
    }
  }

  private post(message: LabToExtensionMessage): void {
    this.api.postMessage(message);
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.post({ type: 'lab/log', level, message: message.slice(0, 2000) });
  }

  private requestRunAll(): void {
    if (this.running) return;
    if (this.backend) void this.run('all');
    else this.runAllPending = true;
  }

  // ---- building the page ----

  private build(): void {
    this.root.textContent = '';
    this.runAllButton = h('button', { id: 'lab-run-all', class: 'primary', title: l10n.t('Run every step in order'), onclick: () => this.requestRunAll() }, `▶ ${l10n.t('Run all')}`) as HTMLButtonElement;
    this.stopButton = h('button', { id: 'lab-stop', title: l10n.t('Stop after the current batch'), onclick: () => this.stop() }, `■ ${l10n.t('Stop')}`) as HTMLButtonElement;
    const reset = h('button', { id: 'lab-reset', class: 'secondary', title: l10n.t('Restore the default parameters (results are kept, and marked stale where they differ)'), onclick: () => this.resetParams() }, l10n.t('Reset parameters'));
    this.statusLine = h('span', { id: 'lab-status', class: 'status-line', role: 'status', 'aria-live': 'polite' });
    this.backendBadge = h('span', { id: 'lab-backend', class: 'badge backend' }, l10n.t('Starting TensorFlow.js…'));
    this.root.append(h('header', { class: 'toolbar' }, this.runAllButton, this.stopButton, reset, this.statusLine, this.backendBadge));
    this.root.append(this.markdownBlock(text.intro(), 'intro'));
    CELL_IDS.forEach((id, i) => this.root.append(this.buildCell(id, i + 1)));
    this.root.append(this.markdownBlock(text.outro(), 'outro'));
    this.root.addEventListener('click', (e) => {
      const link = (e.target as Element | null)?.closest?.('a');
      if (!link) return;
      e.preventDefault();
      const id = link.getAttribute('data-term');
      if (id && isTermId(id)) this.post({ type: 'lab/openTerm', id });
    });
  }

  private markdownBlock(source: string, cls: string): HTMLElement {
    const div = h('div', { class: `md ${cls}` });
    div.innerHTML = this.md.render(source);
    return div;
  }

  private buildCell(id: CellId, n: number): HTMLElement {
    const run = h('button', { class: 'run', 'aria-label': l10n.t('Run step {0}: {1}', n, TITLES[id]), title: l10n.t('Run this step (and any step it needs). Shift+Enter in a field does the same.'), onclick: () => void this.run(id) }, `▶ ${l10n.t('Run')}`) as HTMLButtonElement;
    const badge = h('span', { class: 'badge status' });
    const progressText = h('span', { class: 'progress-text', 'aria-live': 'off' });
    const progress = h('progress', { max: 1, value: 0, 'aria-label': l10n.t('Progress of step {0}', n) }) as HTMLProgressElement;
    const inputs = new Map<string, HTMLInputElement>();
    const params = h('div', { class: 'params' });
    for (const p of CELL_PARAMS[id]) {
      const note = h('span', { class: 'param-note', id: `lab-note-${p.key}`, role: 'status', 'aria-live': 'polite' });
      this.notes.set(p.key, note);
      const input = this.numberInput(p, note);
      inputs.set(p.key, input);
      params.append(h('span', { class: 'param-field' }, h('label', { class: 'param', title: p.hint }, h('span', {}, p.label), input), note));
    }
    if (id === 'data') {
      const newSeed = (): void => {
        this.notes.get('seed')!.textContent = '';
        this.setParam('seed', Math.floor(Math.random() * 1000));
      };
      params.append(h('button', { class: 'secondary small', title: l10n.t('Pick a random seed'), onclick: newSeed }, l10n.t('New seed')));
    }
    if (id === 'finetune') params.append(this.modeControl());
    if (id === 'scratch') params.append(h('span', { class: 'muted shared-note', id: 'lab-scratch-note' }));
    const section = h(
      'section',
      { class: 'cell', id: `cell-${id}`, 'data-cell': id, 'data-status': 'idle', 'aria-label': l10n.t('Step {0}: {1}', n, TITLES[id]) },
      this.markdownBlock(CONTENT[id], 'cell-md'),
      h('div', { class: 'cell-bar' }, run, params, h('div', { class: 'cell-state' }, badge, progressText, progress)),
      h('div', { class: 'cell-out', 'aria-live': 'off' }),
    );
    section.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.shiftKey) {
        e.preventDefault();
        (e.target as HTMLElement).blur?.();
        void this.run(id);
      }
    });
    this.cells.set(id, { section, run, badge, progressText, progress, out: section.querySelector('.cell-out') as HTMLElement, inputs });
    return section;
  }

  private limits(key: NumericKey | 'draws'): { min: number; max: number; integer: boolean } {
    return key === 'draws' ? { ...DRAW_LIMITS, integer: true } : PARAM_LIMITS[key];
  }

  /** A number field; `note` says when an entry was not usable as typed and what is used instead. */
  private numberInput(p: NumberParam, note: HTMLElement): HTMLInputElement {
    const lim = this.limits(p.key);
    const input = h('input', { type: 'number', min: lim.min, max: lim.max, step: lim.integer ? 1 : 'any', 'data-param': p.key, 'aria-label': p.label, 'aria-describedby': note.id }) as HTMLInputElement;
    input.value = String(this.paramValue(p.key));
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (input.value.trim() === '' || !Number.isFinite(v)) {
        // An empty or partial entry (the browser reports "1e" as empty) keeps the current value.
        note.textContent = l10n.t('Not a number: keeping {0}.', this.paramValue(p.key));
        input.value = String(this.paramValue(p.key));
        return;
      }
      const clamped = clampToLimits(v, lim);
      note.textContent = clampNote(clamped, lim, l10n.t) ?? '';
      this.setParam(p.key, clamped.value);
    });
    return input;
  }

  private modeControl(): HTMLElement {
    const group = h('div', { class: 'mode', role: 'radiogroup', 'aria-label': l10n.t('Encoder during fine-tuning'), title: l10n.t('Freeze: train only the new head. Fine-tune all: also update the embeddings, ten times more slowly.') });
    this.modeInputs = (['freeze', 'finetune'] as const).map((mode) => {
      const input = h('input', { type: 'radio', name: 'lab-mode', value: mode, 'data-param': 'mode' }) as HTMLInputElement;
      input.checked = this.state.params.mode === mode;
      input.addEventListener('change', () => input.checked && this.setMode(mode));
      group.append(h('label', { class: 'radio' }, input, mode === 'freeze' ? l10n.t('Freeze encoder') : l10n.t('Fine-tune all')));
      return input;
    });
    return group;
  }

  private paramValue(key: NumericKey | 'draws'): number {
    return key === 'draws' ? this.state.draws : this.state.params[key];
  }

  // ---- parameters ----

  private setParam(key: NumericKey | 'draws', value: number): void {
    if (key === 'draws') this.state.draws = Math.min(DRAW_LIMITS.max, Math.max(DRAW_LIMITS.min, Math.round(value)));
    else this.state.params = sanitizeParams({ ...this.state.params, [key]: value });
    this.paramsChanged();
  }

  private setMode(mode: LabParams['mode']): void {
    this.state.params = { ...this.state.params, mode };
    this.paramsChanged();
  }

  private resetParams(): void {
    for (const note of this.notes.values()) note.textContent = '';
    const fresh = initialState();
    this.state.params = fresh.params;
    this.state.draws = fresh.draws;
    this.paramsChanged();
  }

  private paramsChanged(): void {
    for (const view of this.cells.values()) {
      for (const [key, input] of view.inputs) {
        const v = String(this.paramValue(key as NumericKey | 'draws'));
        if (input.value !== v) input.value = v;
      }
    }
    for (const input of this.modeInputs) input.checked = input.value === this.state.params.mode;
    if (!this.running) this.outcome = this.allFresh() ? 'done' : 'idle';
    this.renderAll();
    this.updateChrome();
    this.scheduleSave();
  }

  // ---- status ----

  private fresh<K extends CellId>(id: K): CellRecord<K> | undefined {
    const rec = this.state.records[id];
    return rec && rec.status === 'done' && rec.fingerprint === fingerprint(id, this.state.params, this.state.draws) ? rec : undefined;
  }

  private allFresh(): boolean {
    return CELL_IDS.every((id) => this.fresh(id));
  }

  private displayStatus(id: CellId): DisplayStatus {
    if (this.current === id) return 'running';
    if (this.queued.has(id)) return 'queued';
    const rec = this.state.records[id];
    if (!rec) return 'idle';
    if (rec.status === 'done') return this.fresh(id) ? 'done' : 'stale';
    return rec.status === 'running' ? 'stopped' : rec.status;
  }

  /** Ready to feed a later step: done, fresh, and (for pre-training) its weights in memory. */
  private available(id: CellId): boolean {
    const rec = this.fresh(id);
    if (!rec) return false;
    if (id === 'pretrain') return this.pretrained?.fingerprint === rec.fingerprint;
    return true;
  }

  private plan(target: CellId): CellId[] {
    const need = new Set<CellId>([target]);
    const visit = (id: CellId): void => {
      for (const d of DEPENDENCIES[id]) {
        if (!this.available(d)) need.add(d);
        visit(d);
      }
    };
    visit(target);
    return CELL_IDS.filter((id) => need.has(id));
  }

  // ---- running ----

  private stop(): void {
    if (!this.running) return;
    this.signal.cancelled = true;
    this.statusLine.textContent = l10n.t('Stopping after the current batch…');
  }

  private async run(target: CellId | 'all'): Promise<void> {
    if (this.running || !this.backend) return;
    const plan = target === 'all' ? [...CELL_IDS] : this.plan(target);
    this.running = true;
    this.signal = { cancelled: false };
    plan.forEach((id) => this.queued.add(id));
    this.outcome = 'running';
    this.updateChrome();
    const started = performance.now();
    let failed = false;
    try {
      for (const id of plan) {
        this.queued.delete(id);
        if (this.signal.cancelled) break;
        this.current = id;
        this.updateChrome();
        this.cells.get(id)?.section.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
        const ok = await this.execute(id);
        this.current = undefined;
        if (!ok) break;
        await this.yieldControl();
      }
    } catch {
      failed = true;
    } finally {
      this.current = undefined;
      this.queued.clear();
      this.running = false;
      const elapsed = performance.now() - started;
      const cancelled = this.signal.cancelled;
      failed ||= plan.some((id) => this.state.records[id]?.status === 'error');
      this.outcome = failed ? 'error' : cancelled ? 'stopped' : this.allFresh() ? 'done' : 'idle';
      this.statusLine.textContent = failed
        ? l10n.t('A step failed; see its output.')
        : cancelled
          ? l10n.t('Stopped.')
          : l10n.t('{0} finished in {1}.', target === 'all' ? l10n.t('Run all') : TITLES[target], seconds(elapsed));
      if (!failed && !cancelled) this.log('info', `${target === 'all' ? 'run all' : target} finished in ${seconds(elapsed)}`);
      this.renderAll();
      this.updateChrome();
      this.saveNow();
    }
  }

  private dataset(seed: number): LabDataset {
    let data = this.datasets.get(seed);
    if (!data) {
      data = generateDataset(seed);
      if (this.datasets.size >= 2) this.datasets.delete(this.datasets.keys().next().value as number);
      this.datasets.set(seed, data);
    }
    return data;
  }

  private model(): PretrainResult | undefined {
    return this.pretrained?.fingerprint === fingerprint('pretrain', this.state.params, this.state.draws) ? this.pretrained.model : undefined;
  }

  /** Runs one step; false if it was stopped or failed (the plan then ends). */
  private async execute(id: CellId): Promise<boolean> {
    const params = { ...this.state.params };
    const draws = this.state.draws;
    const fp = fingerprint(id, params, draws);
    const rec: CellRecord = { status: 'running', fingerprint: fp, elapsedMs: 0 };
    (this.state.records as Record<CellId, CellRecord>)[id] = rec;
    const t0 = performance.now();
    const signal = this.signal;
    const yieldControl = this.yieldControl;
    const progress = (textLine: string, fraction: number): void => {
      rec.elapsedMs = performance.now() - t0;
      this.live[id] = { text: `${textLine} · ${seconds(rec.elapsedMs)}`, fraction };
      this.touch(id);
    };
    const epochProgress = (p: Progress): void =>
      progress(p.batches > 1 ? l10n.t('Epoch {0}/{1} · batch {2}/{3}', p.epoch, p.epochs, p.batch, p.batches) : l10n.t('Epoch {0}/{1}', p.epoch, p.epochs), ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches));
    this.touch(id);
    try {
      const data = this.dataset(params.seed);
      switch (id) {
        case 'data':
          rec.result = { seed: params.seed, reviews: data.corpus.length } satisfies CellResults['data'];
          break;
        case 'pretrain': {
          if (this.pretrained?.fingerprint === fp) this.pretrained = undefined;
          const partial: PretrainRecord = { curve: [], batchLosses: [], batchesPerEpoch: 1, epochs: params.pretrainEpochs };
          rec.result = partial;
          const model = await tfjsEngine.pretrain(
            data,
            { embeddingSize: params.embeddingSize, epochs: params.pretrainEpochs, lr: params.pretrainLr },
            {
              signal,
              yieldControl,
              onProgress: (p) => {
                partial.batchesPerEpoch = p.batches;
                partial.batchLosses.push(p.loss);
                epochProgress(p);
              },
              onEpoch: (e) => partial.curve.push(e),
            },
          );
          rec.result = packPretrain(model, params.pretrainEpochs);
          this.pretrained = { fingerprint: fp, model };
          break;
        }
        case 'embeddings': {
          const model = this.requireModel();
          progress(l10n.t('Projecting'), 0.5);
          await yieldControl();
          rec.result = embeddingReport(data, model);
          break;
        }
        case 'finetune':
        case 'scratch': {
          const model = id === 'finetune' ? this.requireModel() : undefined;
          const partial: CellResults['finetune'] = { curve: [], epochs: params.epochs };
          rec.result = partial;
          const result = await tfjsEngine.trainClassifier(
            data,
            { kind: id === 'finetune' ? 'pretrained' : 'scratch', embeddings: model?.embeddings, embeddingSize: params.embeddingSize, mode: params.mode, labels: params.labels, epochs: params.epochs, lr: params.lr },
            { signal, yieldControl, onProgress: epochProgress, onEpoch: (e) => partial.curve.push(e) },
          );
          rec.result = result;
          this.touch(id === 'finetune' ? 'scratch' : 'finetune');
          break;
        }
        case 'compare': {
          const ft = this.fresh('finetune')?.result;
          const sc = this.fresh('scratch')?.result;
          if (!ft?.final || !sc?.final) throw new Error('Fine-tuning and the scratch baseline must finish first');
          const accuracies = (r: typeof ft): number[] => r.curve.map((c) => c.test?.accuracy ?? NaN);
          rec.result = {
            ...compareRuns(ft as ClassifierResult, sc as ClassifierResult),
            curves: { pretrained: accuracies(ft), scratch: accuracies(sc) },
            elapsedMs: { pretrained: ft.elapsedMs ?? 0, scratch: sc.elapsedMs ?? 0 },
          } satisfies CellResults['compare'];
          break;
        }
        case 'sweep': {
          const model = this.requireModel();
          const partial: CellResults['sweep'] = { points: [], draws, mode: params.mode, epochs: params.epochs };
          rec.result = partial;
          const result: SweepResult = await runSweep(tfjsEngine, data, model, params, draws, {
            signal,
            yieldControl,
            onRun: (done, total) => progress(l10n.t('Run {0}/{1}', done, total), done / total),
            onPoint: (points) => {
              partial.points = points.slice();
              this.touch('sweep');
            },
          });
          rec.result = result;
          break;
        }
      }
      rec.status = 'done';
      return true;
    } catch (err) {
      if (err instanceof LabCancelledError) {
        rec.status = 'stopped';
        return false;
      }
      rec.status = 'error';
      rec.error = err instanceof Error ? err.message : String(err);
      this.log('error', `${id} failed: ${rec.error}`);
      return false;
    } finally {
      rec.elapsedMs = performance.now() - t0;
      delete this.live[id];
      this.touch(id);
      this.scheduleSave();
    }
  }

  private requireModel(): PretrainResult {
    const model = this.model();
    if (!model) throw new Error('Pre-training must finish first');
    return model;
  }

  // ---- rendering ----

  private viewContext(): ViewContext {
    return {
      state: this.state,
      dataset: (seed) => this.dataset(seed),
      fresh: (id) => this.fresh(id),
      model: () => this.model(),
      setShowNeutral: (show) => {
        this.state.showNeutral = show;
        this.renderCell('embeddings');
        this.scheduleSave();
      },
      setMapView: (view) => {
        this.state.mapView = view;
        this.renderCell('embeddings');
        this.scheduleSave();
      },
    };
  }

  /** Marks a step for re-rendering at the next animation frame. */
  private touch(id: CellId): void {
    this.dirty.add(id);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const ids = [...this.dirty];
      this.dirty.clear();
      ids.forEach((d) => this.renderCell(d));
      this.updateChrome();
    });
  }

  private renderAll(): void {
    CELL_IDS.forEach((id) => this.renderCell(id));
  }

  private renderCell(id: CellId): void {
    const view = this.cells.get(id);
    if (!view) return;
    const status = this.displayStatus(id);
    view.section.dataset.status = status;
    const rec = this.state.records[id];
    const live = this.live[id];
    view.badge.textContent = (status === 'done' || status === 'stopped') && rec ? `${STATUS_TEXT[status]} · ${seconds(rec.elapsedMs)}` : STATUS_TEXT[status];
    view.progressText.textContent = live?.text ?? '';
    view.progress.value = live?.fraction ?? 0;
    view.progress.hidden = status !== 'running';
    if (id === 'scratch') {
      const p = this.state.params;
      const note = view.section.querySelector('#lab-scratch-note');
      if (note) note.textContent = l10n.t('Same labels ({0}), epochs ({1}), learning rate ({2}) and embedding size ({3}) as steps 2 and 4; always trains everything.', p.labels, p.epochs, p.lr, p.embeddingSize);
    }
    try {
      replaceChildren(view.out, ...renderOutputs(this.viewContext(), id));
    } catch (err) {
      replaceChildren(view.out, h('p', { class: 'error-text' }, l10n.t("Could not show this step's output: {0}", err instanceof Error ? err.message : String(err))));
    }
  }

  private updateChrome(): void {
    const ready = Boolean(this.backend);
    this.runAllButton.disabled = this.running || !ready;
    this.stopButton.disabled = !this.running;
    for (const view of this.cells.values()) view.run.disabled = this.running || !ready;
    for (const id of CELL_IDS) {
      const view = this.cells.get(id)!;
      const status = this.displayStatus(id);
      if (view.section.dataset.status !== status) {
        view.section.dataset.status = status;
        view.badge.textContent = STATUS_TEXT[status];
      }
    }
    this.root.dataset.state = this.outcome;
    this.root.setAttribute('aria-busy', String(this.running));
    if (this.running && this.current) this.statusLine.textContent = this.signal.cancelled ? l10n.t('Stopping after the current batch…') : l10n.t('Running: {0}', TITLES[this.current]);
    else if (!ready && !this.running) this.statusLine.textContent = l10n.t('Starting TensorFlow.js…');
    else if (this.statusLine.textContent === l10n.t('Starting TensorFlow.js…')) this.statusLine.textContent = '';
  }

  // ---- persistence ----

  private scheduleSave(): void {
    if (this.saveTimer !== undefined) return;
    this.saveTimer = setTimeout(() => this.saveNow(), 400);
  }

  private saveNow(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const records: LabState['records'] = {};
    for (const id of CELL_IDS) {
      const r = this.state.records[id];
      if (!r) continue;
      // A run cut short by a reload comes back as stopped, with what it had.
      (records as Record<CellId, CellRecord>)[id] = r.status === 'running' ? { ...r, status: 'stopped' } : r;
    }
    this.api.setState({ ...this.state, records });
  }
}
