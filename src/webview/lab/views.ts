import * as l10n from '@vscode/l10n';
import {
  buildVocabulary,
  labClaims,
  labelClaim,
  labelledSubset,
  mean,
  measureConvergence,
  PLATEAU_TOLERANCE,
  pct,
  predictMasked,
  summarizeSweep,
  SWEEP_BUDGETS,
  type Claim,
  type ClassifierEpoch,
  type Comparison,
  type EmbeddingMap,
  type FineTuneMode,
  type LabDataset,
  type PretrainResult,
  type Review,
  type SweepResult,
} from '../../core/lab';
import { lineChart, niceDomain, scatterChart, type ColorClass, type ScatterPoint, type Series } from './charts';
import { h, seconds } from './dom';
import type { CellId, CellRecord, LabState, MapView } from './state';

/** What the views read. */
export interface ViewContext {
  state: LabState;
  /** The data set of a seed (generated on demand, cached). */
  dataset(seed: number): LabDataset;
  /** A step's record if its result matches the current parameters. */
  fresh<K extends CellId>(id: K): CellRecord<K> | undefined;
  /** The pre-trained model in memory, if pre-training has finished. */
  model(): PretrainResult | undefined;
  setShowNeutral(show: boolean): void;
  setMapView(view: MapView): void;
}

const groupColor = (g: number): ColorClass => `g${g}` as ColorClass;
const modeLabel = (mode: FineTuneMode | undefined): string => (mode === 'finetune' ? l10n.t('fine-tuned') : l10n.t('frozen encoder'));
/** A synonym group's name (the words themselves belong to the made-up English language and stay as they are). */
const groupTitle = (title: string): string =>
  ({
    praise: l10n.t('praise'),
    affection: l10n.t('affection'),
    sturdiness: l10n.t('sturdiness'),
    delight: l10n.t('delight'),
    scorn: l10n.t('scorn'),
    aversion: l10n.t('aversion'),
    flimsiness: l10n.t('flimsiness'),
    dismay: l10n.t('dismay'),
  })[title] ?? title;
const polarityName = (p: string): string => (p === 'positive' ? l10n.t('positive') : p === 'negative' ? l10n.t('negative') : p);
const fmtPct = (v: number): string => `${Math.round(v * 100)}%`;
const accuracyAxis = { min: 0.4, max: 1, ticks: [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], format: fmtPct };

function words(data: LabDataset, tokens: readonly number[]): HTMLElement {
  const heldOut = new Set(data.groups.flatMap((g) => g.heldOut));
  return h(
    'span',
    { class: 'review' },
    tokens.flatMap((t, i) => {
      const g = data.groupOf[t];
      const w = data.vocab[t];
      const node =
        g < 0
          ? w
          : h('span', { class: `sw ${groupColor(g)}${heldOut.has(t) ? ' held-out' : ''}`, title: heldOut.has(t) ? l10n.t('{0} ({1}, held out)', groupTitle(data.groups[g].title), polarityName(data.groups[g].polarity)) : `${groupTitle(data.groups[g].title)} (${polarityName(data.groups[g].polarity)})` }, w);
      return i ? [' ', node] : [node];
    }),
  );
}

/** A translated sentence with its `values` in bold: the values are found in the text, so a translation may reorder them. */
function strongParts(text: string, values: readonly string[]): Node[] {
  const out: Node[] = [];
  let rest = text;
  for (const v of values) {
    const i = rest.indexOf(v);
    if (i < 0) continue;
    out.push(document.createTextNode(rest.slice(0, i)), h('strong', {}, v));
    rest = rest.slice(i + v.length);
  }
  out.push(document.createTextNode(rest));
  return out;
}

function stat(label: string, value: string, hint?: string): HTMLElement {
  return h('div', { class: 'stat', title: hint }, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, label));
}

function sentimentLabel(label: 0 | 1): HTMLElement {
  return h('span', { class: `label-chip ${label ? 'pos' : 'neg'}` }, label ? l10n.t('positive') : l10n.t('negative'));
}

/** Step 1: the language, the split and a few reviews. */
function renderData(ctx: ViewContext, rec: CellRecord<'data'>): Node[] {
  const data = ctx.dataset(rec.result!.seed);
  const heldOnly = data.test.filter((r) => r.coverage === 'heldout').length;
  const budget = labelledSubset(data, ctx.state.params.labels);
  const groups = h(
    'table',
    { class: 'groups' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, l10n.t('Group')), h('th', { scope: 'col' }, l10n.t('In labelled reviews')), h('th', { scope: 'col' }, l10n.t('Held out (unlabelled text and test only)')))),
    h(
      'tbody',
      {},
      data.groups.map((g, gi) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('span', { class: `swatch ${groupColor(gi)}`, 'aria-hidden': 'true' }), `${groupTitle(g.title)} `, h('span', { class: 'muted' }, `(${polarityName(g.polarity)})`)),
          h('td', {}, h('strong', {}, g.seen.map((id) => data.vocab[id]).join(', '))),
          h('td', { class: 'held-out-list' }, g.heldOut.map((id) => data.vocab[id]).join(', ')),
        ),
      ),
    ),
  );
  const sample = (r: Review): HTMLElement => h('li', {}, sentimentLabel(r.label), ' ', words(data, r.tokens));
  return [
    h(
      'div',
      { class: 'stats' },
      stat(l10n.t('words'), String(data.vocab.length)),
      stat(l10n.t('unlabelled reviews'), data.corpus.length.toLocaleString('en-US')),
      stat(l10n.t('labelled pool'), String(data.labelledPool.length), l10n.t('Your label budget takes the first N; every prefix alternates positive and negative.')),
      stat(l10n.t('test reviews'), data.test.length.toLocaleString('en-US')),
      stat(l10n.t('test reviews with only held-out synonyms'), pct(heldOnly / data.test.length, 0)),
    ),
    groups,
    h('h4', {}, l10n.t('Unlabelled reviews (pre-training reads these; the labels are thrown away)')),
    h('ul', { class: 'reviews' }, data.corpus.slice(0, 3).map((t) => h('li', {}, words(data, t)))),
    h('h4', {}, l10n.t('The first labelled reviews of your budget ({0})', budget.length)),
    h('ul', { class: 'reviews' }, budget.slice(0, 4).map(sample)),
    h('h4', {}, l10n.t('Test reviews with held-out synonyms (dotted underline)')),
    h('ul', { class: 'reviews' }, data.test.filter((r) => r.coverage === 'heldout').slice(0, 3).map(sample)),
  ];
}

const PROBES = ['the battery is', 'i this laptop', 'what a superb kettle and my kids it', 'the hinge seems and i am furious with it'];

function predictionList(model: PretrainResult, context: readonly number[], data: LabDataset): HTMLElement {
  const preds = predictMasked(model, data.vocab, context, 5);
  return h(
    'ol',
    { class: 'predictions' },
    preds.map((p) => {
      const id = data.vocab.indexOf(p.word);
      const g = data.groupOf[id];
      return h('li', { class: g >= 0 ? `sw ${groupColor(g)}` : undefined }, `${p.word} `, h('span', { class: 'muted' }, pct(p.probability, 0)));
    }),
  );
}

function probeBox(model: PretrainResult, data: LabDataset): HTMLElement {
  const { index } = buildVocabulary();
  const out = h('div', { class: 'probe-result', 'aria-live': 'polite' });
  const input = h('input', { type: 'text', class: 'probe-input', placeholder: l10n.t('type some words, e.g. my kids are furious and the lid seems'), 'aria-label': l10n.t('Context words for the model to complete'), spellcheck: 'false' });
  const update = (): void => {
    const raw = input.value.toLowerCase().split(/[^a-z]+/).filter(Boolean);
    const known = raw.filter((w) => index.has(w)).map((w) => index.get(w)!);
    const unknown = raw.filter((w) => !index.has(w));
    out.textContent = '';
    if (known.length) out.append(predictionList(model, known, data));
    if (unknown.length) out.append(h('p', { class: 'muted' }, l10n.t('Not in the vocabulary, ignored: {0}', [...new Set(unknown)].join(', '))));
  };
  input.addEventListener('input', update);
  return h('div', { class: 'probe-box' }, input, out);
}

/** Step 2: pre-training curves, then what the model guesses. */
function renderPretrain(ctx: ViewContext, rec: CellRecord<'pretrain'>): Node[] {
  const r = rec.result!;
  const per = r.batchesPerEpoch;
  const loss: Series = { label: l10n.t('training loss (per batch)'), color: 'c-loss', thin: true, points: r.batchLosses.map((l, i) => [(i + 1) / per, l] as const) };
  const val: Series = { label: l10n.t('loss on held-out reviews (per epoch)'), color: 'c-val', markers: true, points: r.curve.map((c) => [c.epoch, c.valLoss] as const) };
  const yMax = Math.max(1, ...r.batchLosses.slice(0, 3), ...r.curve.map((c) => c.valLoss));
  const nodes: Node[] = [
    h(
      'div',
      { class: 'charts' },
      lineChart({
        title: l10n.t('Masked-word loss (cross-entropy)'),
        xLabel: l10n.t('Epoch'),
        yLabel: l10n.t('Loss'),
        x: { min: 0, max: r.epochs },
        y: { min: 0, max: Math.ceil(yMax) },
        series: [loss, val],
        empty: l10n.t('waiting for the first batch…'),
      }),
      lineChart({
        title: l10n.t('Hidden word guessed right, held-out reviews'),
        xLabel: l10n.t('Epoch'),
        yLabel: l10n.t('Top-1 accuracy'),
        x: { min: 0, max: r.epochs },
        y: { min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], format: fmtPct },
        series: [{ label: l10n.t('accuracy (chance: 1 in 185)'), color: 'c-val', markers: true, points: [[0, 0], ...r.curve.map((c) => [c.epoch, c.valAccuracy] as const)] }],
        empty: l10n.t('after the first epoch…'),
      }),
    ),
  ];
  const last = r.curve[r.curve.length - 1];
  if (last) {
    const args = [pct(last.valAccuracy), last.valLoss.toFixed(2), Math.log(185).toFixed(2)];
    nodes.push(h('p', {}, last.epoch === 1
      ? l10n.t("After 1 epoch: the model's first guess is the hidden word {0} of the time on reviews it never trained on (loss {1}, from {2} for a uniform guess).", ...args)
      : l10n.t("After {3} epochs: the model's first guess is the hidden word {0} of the time on reviews it never trained on (loss {1}, from {2} for a uniform guess).", ...args, last.epoch)));
  }
  const model = ctx.model();
  if (rec.status === 'done' && model && ctx.fresh('pretrain')) {
    const data = ctx.dataset(ctx.state.params.seed);
    const { index } = buildVocabulary();
    nodes.push(
      h('h4', {}, l10n.t('What does the model guess?')),
      h('p', { class: 'muted' }, l10n.t('Top five guesses for the missing word, given the other words. Word order does not matter to this model. The first two probes test grammar: an adjective slot and a verb slot. The last two add a sentiment word, and the guesses follow its polarity.')),
      h(
        'div',
        { class: 'probes' },
        PROBES.map((p) => {
          const context = p.split(' ').map((w) => index.get(w)!);
          return h('div', { class: 'probe' }, h('div', { class: 'probe-context' }, words(data, context), ' ', h('span', { class: 'blank' }, '___')), predictionList(model, context, data));
        }),
      ),
      h('h4', {}, l10n.t('Try your own')),
      probeBox(model, data),
    );
  }
  return nodes;
}

function mapAxes(map: EmbeddingMap, view: MapView): [number, number] {
  if (view === 'variance' || map.components.length < 2) return [0, Math.min(1, map.components.length - 1)];
  return [map.sentimentAxis, map.sentimentAxis === 0 ? 1 : 0];
}

function axisName(map: EmbeddingMap, c: number): string {
  return `PC${c + 1} (${pct(map.components[c].explained, 0)})`;
}

function mapFigure(ctx: ViewContext, data: LabDataset, map: EmbeddingMap, title: string): HTMLElement {
  const [xi, yi] = mapAxes(map, ctx.state.mapView);
  const points: ScatterPoint[] = map.points
    .filter((p) => p.group >= 0 || ctx.state.showNeutral)
    .map((p) => {
      const g = p.group >= 0 ? data.groups[p.group] : undefined;
      return {
        x: p.coords[xi],
        y: p.coords[yi],
        label: p.word,
        color: g ? groupColor(p.group) : 'c-muted',
        round: !g || g.polarity === 'positive',
        hollow: p.heldOut,
        labelled: Boolean(g),
        tooltip: g
          ? p.heldOut ? l10n.t('{0}: {1} ({2}), held out of the labelled data', p.word, groupTitle(g.title), polarityName(g.polarity)) : `${p.word}: ${groupTitle(g.title)} (${polarityName(g.polarity)})`
          : l10n.t('{0} (neutral)', p.word),
      };
    });
  const x = map.components[xi];
  const caption =
    ctx.state.mapView === 'sentiment'
      ? l10n.t('Across: {0}, the component that best separates positive from negative words (correlation {1}). Up: {2}.', axisName(map, xi), x.polarity.toFixed(2), axisName(map, yi))
      : l10n.t('Across: {0}. Up: {1}. Correlation of the horizontal axis with polarity: {2}.', axisName(map, xi), axisName(map, yi), x.polarity.toFixed(2));
  return scatterChart(title, points, caption, { x: `PC${xi + 1}`, y: `PC${yi + 1}` });
}

/** Step 3: the maps and the neighbours. */
function renderEmbeddings(ctx: ViewContext, rec: CellRecord<'embeddings'>): Node[] {
  const r = rec.result!;
  const data = ctx.dataset(ctx.state.params.seed);
  const neutral = h('input', { type: 'checkbox', id: 'lab-show-neutral' });
  neutral.checked = ctx.state.showNeutral;
  neutral.addEventListener('change', () => ctx.setShowNeutral(neutral.checked));
  const viewChoice = h(
    'div',
    { class: 'mode', role: 'radiogroup', 'aria-label': l10n.t('Axes of the maps') },
    (['sentiment', 'variance'] as const).map((v) => {
      const input = h('input', { type: 'radio', name: 'lab-map-view', value: v });
      input.checked = ctx.state.mapView === v;
      input.addEventListener('change', () => input.checked && ctx.setMapView(v));
      return h('label', { class: 'radio' }, input, v === 'sentiment' ? l10n.t('Sentiment axis × PC1') : l10n.t('PC1 × PC2 (largest variance)'));
    }),
  );
  const b = r.before.neighbours;
  const a = r.after.neighbours;
  const beforeByWord = new Map(b.neighbours.map((n) => [n.word, n]));
  const after = r.after.map;
  const top3 = after.components.slice(0, 3).reduce((s, c) => s + c.explained, 0);
  return [
    h('div', { class: 'map-controls' }, h('span', {}, l10n.t('Axes:')), viewChoice, h('label', { class: 'check' }, neutral, ' ', l10n.t('Show neutral words (grey)'))),
    h(
      'div',
      { class: 'maps' },
      mapFigure(ctx, data, r.before.map, l10n.t('Before pre-training (random start)')),
      mapFigure(ctx, data, after, l10n.t('After pre-training')),
    ),
    h(
      'ul',
      { class: 'legend groups-legend' },
      data.groups.map((g, gi) => h('li', {}, h('span', { class: `swatch ${groupColor(gi)} ${g.polarity === 'positive' ? 'round' : 'square'}`, 'aria-hidden': 'true' }), `${groupTitle(g.title)}: ${g.words.slice(0, 3).join(', ')}…`)),
      h('li', {}, h('span', { class: 'swatch hollow-swatch', 'aria-hidden': 'true' }), l10n.t('hollow: held-out synonym')),
    ),
    h(
      'p',
      {},
      l10n.t('After pre-training, the first three components ({0} of the variance) sort words by the slot they fill: adjectives of quality, verbs of feeling, words about build, words about mood. Positive and negative words share those slots. What tells them apart is a smaller component, PC{1} ({2}), and that is the direction the classifier needs.', pct(top3, 0), after.sentimentAxis + 1, pct(after.components[after.sentimentAxis].explained, 0)),
    ),
    h(
      'p',
      { class: 'headline' },
      ...strongParts(l10n.t('Held-out words whose nearest labelled word is one of their own synonyms: {0} before, {1} after pre-training. Same polarity: {2} before, {3} after.',
        `${b.sameGroup}/${b.total}`, `${a.sameGroup}/${a.total}`, `${b.samePolarity}/${b.total}`, `${a.samePolarity}/${a.total}`),
        [`${b.sameGroup}/${b.total}`, `${a.sameGroup}/${a.total}`, `${b.samePolarity}/${b.total}`, `${a.samePolarity}/${a.total}`]),
    ),
    h(
      'details',
      {},
      h('summary', {}, l10n.t('Nearest labelled word of every held-out word (cosine similarity)')),
      h(
        'table',
        { class: 'neighbours' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, l10n.t('Held-out word')), h('th', { scope: 'col' }, l10n.t('Nearest before')), h('th', { scope: 'col' }, l10n.t('Nearest after')))),
        h(
          'tbody',
          {},
          a.neighbours.map((n) => {
            const before = beforeByWord.get(n.word);
            const cell = (x: typeof n | undefined): HTMLElement =>
              x
                ? h('td', { class: x.nearestGroup === x.group ? 'ok' : 'miss' }, h('span', { class: `sw ${groupColor(x.nearestGroup)}` }, x.nearest), ` ${x.similarity.toFixed(2)} `, x.nearestGroup === x.group ? '✓' : '✗')
                : h('td', {}, '–');
            return h('tr', {}, h('th', { scope: 'row' }, h('span', { class: `sw ${groupColor(n.group)}` }, n.word)), cell(before), cell(n));
          }),
        ),
      ),
    ),
  ];
}

function accuracySeries(label: string, color: ColorClass, curve: readonly ClassifierEpoch[], dashed = false): Series {
  return { label, color, dashed, markers: curve.length <= 40, points: curve.filter((c) => c.test).map((c) => [c.epoch, c.test!.accuracy] as const) };
}

function lossSeries(label: string, color: ColorClass, curve: readonly ClassifierEpoch[], dashed = false): Series {
  return { label, color, dashed, points: curve.map((c) => [c.epoch, c.trainLoss] as const) };
}

function evaluationTable(rows: { name: string; r: { final?: { accuracy: number; seen: number; mixed: number; heldout: number } } }[]): HTMLElement {
  return h(
    'table',
    { class: 'numbers' },
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, l10n.t('Model')), h('th', { scope: 'col' }, l10n.t('Test accuracy')), h('th', { scope: 'col' }, l10n.t('Labelled synonyms only')), h('th', { scope: 'col' }, l10n.t('Mixed')), h('th', { scope: 'col' }, l10n.t('Held-out synonyms only'))),
    ),
    h(
      'tbody',
      {},
      rows.map(({ name, r }) =>
        h('tr', {}, h('th', { scope: 'row' }, name), ...(r.final ? [r.final.accuracy, r.final.seen, r.final.mixed, r.final.heldout].map((v) => h('td', {}, pct(v))) : [h('td', { colspan: 4, class: 'muted' }, l10n.t('not finished'))])),
      ),
    ),
  );
}

/** Steps 4 and 5 share this: accuracy and loss per epoch, with the other run for reference. */
function renderClassifier(ctx: ViewContext, id: 'finetune' | 'scratch'): Node[] {
  const rec = ctx.state.records[id]!;
  const r = rec.result!;
  const otherId = id === 'finetune' ? 'scratch' : 'finetune';
  const other = ctx.fresh(otherId)?.result;
  const pre = id === 'finetune' ? r : other;
  const scr = id === 'scratch' ? r : other;
  const preLabel = l10n.t('pre-trained ({0})', modeLabel(pre?.mode ?? ctx.state.params.mode));
  const acc: Series[] = [];
  const loss: Series[] = [];
  if (pre) {
    acc.push(accuracySeries(preLabel, 'c-pre', pre.curve, id !== 'finetune'));
    loss.push(lossSeries(preLabel, 'c-pre', pre.curve, id !== 'finetune'));
  }
  if (scr) {
    acc.push(accuracySeries(l10n.t('from scratch'), 'c-scratch', scr.curve, id !== 'scratch'));
    loss.push(lossSeries(l10n.t('from scratch'), 'c-scratch', scr.curve, id !== 'scratch'));
  }
  const epochs = r.epochs;
  const lossMax = Math.max(0.7, ...loss.flatMap((se) => se.points.map((p) => p[1])));
  const nodes: Node[] = [
    h(
      'div',
      { class: 'charts' },
      lineChart({
        title: l10n.t('Test accuracy after each epoch'),
        xLabel: l10n.t('Epoch'),
        yLabel: l10n.t('Test accuracy'),
        x: { min: 1, max: Math.max(2, epochs) },
        y: accuracyAxis,
        series: acc,
        rules: [{ y: 0.5, label: l10n.t('chance (50%)'), color: 'c-muted' }],
        empty: l10n.t('after the first epoch…'),
      }),
      lineChart({
        title: l10n.t('Training loss'),
        xLabel: l10n.t('Epoch'),
        yLabel: l10n.t('Cross-entropy'),
        x: { min: 1, max: Math.max(2, epochs) },
        y: { min: 0, max: niceDomain([0, lossMax], [0, 1], 0)[1] },
        series: loss,
        empty: l10n.t('after the first epoch…'),
      }),
    ),
  ];
  const rows: { name: string; r: { final?: typeof r.final } }[] = [];
  if (pre) rows.push({ name: preLabel, r: pre });
  if (scr) rows.push({ name: l10n.t('from scratch'), r: scr });
  nodes.push(evaluationTable(rows));
  if (id === 'finetune' && rec.status === 'done') {
    const data = ctx.dataset(ctx.state.params.seed);
    const labelled = labelledSubset(data, r.labels ?? ctx.state.params.labels);
    nodes.push(
      h(
        'details',
        {},
        h('summary', {}, l10n.t('The {0} labelled reviews', labelled.length)),
        h('ul', { class: 'reviews' }, labelled.map((x) => h('li', {}, sentimentLabel(x.label), ' ', words(data, x.tokens)))),
      ),
    );
  }
  return nodes;
}

function claimCard(n: number, c: Claim): HTMLElement {
  return h(
    'div',
    { class: `claim ${c.status}`, 'data-claim': c.id, 'data-status': c.status },
    h('h4', {}, `${n}. ${c.title}`),
    h('p', {}, c.text),
    c.method ? h('p', { class: 'claim-method' }, c.method) : null,
  );
}

/** The three claims, each worded as far as the measurements support it; the label claim needs the sweep. */
export function claims(c: Comparison, sweep: SweepResult | undefined): HTMLElement {
  const s = sweep && sweep.points.length === SWEEP_BUDGETS.length ? summarizeSweep(sweep) : undefined;
  const list = labClaims(c, s, l10n.t);
  if (!s) list[0] = { ...list[0], text: l10n.t('Run step 7, the label-efficiency sweep, to measure this.') };
  return h('div', { class: 'claims', id: 'lab-claims' }, list.map((x, i) => claimCard(i + 1, x)));
}

/** Step 6: the summary table (#lab-summary), the claims and both curves. */
function renderCompare(ctx: ViewContext, rec: CellRecord<'compare'>): Node[] {
  const stored = rec.result!;
  // Derived from the stored curves, so a record saved by an older version reads the same as a new one.
  const m = measureConvergence(stored.curves.pretrained, stored.curves.scratch);
  const c = { ...stored, convergence: m };
  const sweep = ctx.fresh('sweep')?.result as SweepResult | undefined;
  const diff = (a: number, b: number): string => l10n.t('{0} pts', `${a - b >= 0 ? '+' : ''}${(100 * (a - b)).toFixed(1)}`);
  const epochDiff = (a: number, b: number): string => (a === b ? l10n.t('same') : a < b ? l10n.t('{0} fewer', Math.abs(a - b)) : l10n.t('{0} more', Math.abs(a - b)));
  const row = (name: string, a: string, b: string, d: string, rowId?: string): HTMLElement =>
    h('tr', { 'data-row': rowId }, h('th', { scope: 'row' }, name), h('td', {}, a), h('td', {}, b), h('td', { class: 'diff' }, d));
  const tol = Math.round(100 * PLATEAU_TOLERANCE);
  const epochRows = m
    ? [
        row(
          m.targetFrom === 'scratch' ? l10n.t("Epochs to reach {0} (scratch's final accuracy)", pct(m.target)) : l10n.t("Epochs to reach {0} (pre-trained's final accuracy)", pct(m.target)),
          String(m.pretrained.toTarget),
          String(m.scratch.toTarget),
          epochDiff(m.pretrained.toTarget, m.scratch.toTarget),
          'to-target',
        ),
        row(l10n.t('Best test accuracy (first epoch with it)'), `${pct(m.pretrained.best)} (${m.pretrained.bestEpoch})`, `${pct(m.scratch.best)} (${m.scratch.bestEpoch})`, diff(m.pretrained.best, m.scratch.best), 'best'),
        row(tol === 1 ? l10n.t('Epochs until within 1 point of its own best') : l10n.t('Epochs until within {0} points of its own best', tol), String(m.pretrained.toPlateau), String(m.scratch.toPlateau), epochDiff(m.pretrained.toPlateau, m.scratch.toPlateau), 'to-plateau'),
      ]
    : [row(l10n.t('Epochs to reach the lower final accuracy'), '–', '–', l10n.t('not measured every epoch'), 'to-target')];
  const table = h(
    'table',
    { id: 'lab-summary', class: 'numbers summary', 'data-labels': c.labels, 'data-gain': c.gainPoints.toFixed(2) },
    h('caption', {}, l10n.t('{0} labelled reviews, {1} epochs, {2}', c.labels, c.epochs, modeLabel(c.mode))),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, l10n.t('Pre-trained')), h('th', { scope: 'col' }, l10n.t('From scratch')), h('th', { scope: 'col' }, l10n.t('Difference')))),
    h(
      'tbody',
      {},
      row(l10n.t('Test accuracy'), pct(c.pretrained.accuracy), pct(c.scratch.accuracy), diff(c.pretrained.accuracy, c.scratch.accuracy)),
      row(l10n.t('… labelled synonyms only'), pct(c.pretrained.seen), pct(c.scratch.seen), diff(c.pretrained.seen, c.scratch.seen)),
      row(l10n.t('… held-out synonyms only'), pct(c.pretrained.heldout), pct(c.scratch.heldout), diff(c.pretrained.heldout, c.scratch.heldout)),
      ...epochRows,
      row(l10n.t('Training time'), seconds(c.elapsedMs.pretrained), seconds(c.elapsedMs.scratch), ''),
    ),
  );
  const points = (xs: readonly number[]): [number, number][] => xs.map((a, i) => [i + 1, a] as [number, number]).filter(([, a]) => Number.isFinite(a));
  const series: Series[] = [
    { label: l10n.t('pre-trained ({0})', modeLabel(c.mode)), color: 'c-pre', markers: c.epochs <= 40, points: points(c.curves.pretrained) },
    { label: l10n.t('from scratch'), color: 'c-scratch', dashed: true, markers: c.epochs <= 40, points: points(c.curves.scratch) },
  ];
  const targetFromScratch = !m || m.targetFrom === 'scratch';
  const target = m?.target ?? c.scratch.accuracy;
  const ruleLabel = targetFromScratch ? l10n.t("scratch's final accuracy ({0})", pct(target)) : l10n.t("pre-trained's final accuracy ({0})", pct(target));
  const rules = [{ y: target, label: ruleLabel, color: targetFromScratch ? ('c-scratch' as const) : ('c-pre' as const) }];
  return [
    table,
    claims(c, sweep),
    lineChart({
      title: targetFromScratch
        ? l10n.t("Convergence: the rule is the common target, scratch's final accuracy")
        : l10n.t("Convergence: the rule is the common target, the pre-trained model's final accuracy"),
      xLabel: l10n.t('Epoch'),
      yLabel: l10n.t('Test accuracy'),
      x: { min: 1, max: Math.max(2, c.epochs) },
      y: accuracyAxis,
      series,
      rules,
    }),
  ];
}

/** Step 7: accuracy against label budget. */
function renderSweep(ctx: ViewContext, rec: CellRecord<'sweep'>): Node[] {
  const r = rec.result!;
  const band = (k: 'pretrained' | 'scratch'): [number, number, number][] => r.points.map((p) => [p.labels, Math.min(...p[k]), Math.max(...p[k])]);
  const line = (k: 'pretrained' | 'scratch'): [number, number][] => r.points.map((p) => [p.labels, mean(p[k])]);
  const nodes: Node[] = [
    lineChart({
      title: r.draws === 1 ? l10n.t('Test accuracy against labelled reviews (mean of 1 draw)') : l10n.t('Test accuracy against labelled reviews (mean of {0} draws)', r.draws),
      xLabel: l10n.t('Labelled reviews (log scale)'),
      yLabel: l10n.t('Test accuracy'),
      x: { min: SWEEP_BUDGETS[0], max: SWEEP_BUDGETS[SWEEP_BUDGETS.length - 1], log2: true, ticks: SWEEP_BUDGETS },
      y: accuracyAxis,
      series: [
        { label: l10n.t('pre-trained ({0})', modeLabel(r.mode ?? ctx.state.params.mode)), color: 'c-pre', markers: true, points: line('pretrained'), band: r.draws > 1 ? band('pretrained') : undefined },
        { label: l10n.t('from scratch'), color: 'c-scratch', markers: true, dashed: true, points: line('scratch'), band: r.draws > 1 ? band('scratch') : undefined },
      ],
      rules: [{ y: 0.5, label: l10n.t('chance (50%)'), color: 'c-muted' }],
      empty: l10n.t('the first budget is training…'),
    }),
    h(
      'table',
      { class: 'numbers', id: 'lab-sweep' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, l10n.t('Labels')), ...SWEEP_BUDGETS.map((b) => h('th', { scope: 'col' }, String(b))))),
      h(
        'tbody',
        {},
        (['pretrained', 'scratch'] as const).map((k) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, k === 'pretrained' ? l10n.t('Pre-trained') : l10n.t('From scratch')),
            ...SWEEP_BUDGETS.map((b) => {
              const p = r.points.find((x) => x.labels === b);
              return h('td', {}, p ? pct(mean(p[k])) : '…');
            }),
          ),
        ),
      ),
    ),
  ];
  if (rec.status === 'done' && r.points.length === SWEEP_BUDGETS.length) {
    const s = summarizeSweep(r as SweepResult);
    nodes.push(h('p', { class: 'headline' }, labelClaim(s, l10n.t).text));
  }
  return nodes;
}

/** Renders a step's outputs from its record (a partial record renders what it has). */
export function renderOutputs(ctx: ViewContext, id: CellId): Node[] {
  const rec = ctx.state.records[id];
  if (!rec) return [];
  if (rec.status === 'error') return [h('p', { class: 'error-text' }, l10n.t('This step failed: {0}', rec.error ?? l10n.t('unknown error')))];
  if (!rec.result) return [];
  switch (id) {
    case 'data':
      return renderData(ctx, rec as CellRecord<'data'>);
    case 'pretrain':
      return renderPretrain(ctx, rec as CellRecord<'pretrain'>);
    case 'embeddings':
      return renderEmbeddings(ctx, rec as CellRecord<'embeddings'>);
    case 'finetune':
    case 'scratch':
      return renderClassifier(ctx, id);
    case 'compare':
      return renderCompare(ctx, rec as CellRecord<'compare'>);
    case 'sweep':
      return renderSweep(ctx, rec as CellRecord<'sweep'>);
  }
}
