/**
 * The rules that let context decide a word's sense: which matches wait for neighbours, which
 * places never take a sense (links, paths, module names, UI code, setting values), and the
 * small text probes the matcher uses for them. Pure functions over the text and its context.
 */
import type { TermId } from './types';
import type { Token } from './tokenizer';
import { Gap, tokenize } from './tokenizer';
import { normalizeToken } from './normalize';
import { callSiteAt, calleeMatches, type DocumentContext } from './documentContext';
import type { MatchEnv, MatchReason, TermMatch } from './matcher';

export const NO_WORDS: readonly string[] = [];

/** Characters on each side within which another ML term makes prose "about ML". */
export const NEAR = 200;

/** Words that make an identifier part ML (`val_loss`, `train_labels`), besides every single-word glossary key. */
export const ML_PARTNERS = new Set(
  ('train training val valid validation eval evaluation test dev epoch step iter iteration batch grad gradient logit pred ' +
    'prediction target label loss token sample class weight model embedding attention layer head optimizer lr best running ' +
    'avg mean clip scale per num n total trainable frozen init param parameter bias decay nodecay group')
    .split(' ')
    .map(normalizeToken),
);

/** Calls whose keyword arguments are about plots, printing or UI, never ML (`plt.plot(label=…)`). */
export const NON_ML_CALLS = [
  'plot', 'scatter', 'legend', 'bar', 'barh', 'hist', 'xlabel', 'ylabel', 'title', 'text', 'annotate', 'subplots', 'figure',
  'pie', 'imshow', 'errorbar', 'fill_between', 'axhline', 'axvline', 'set', 'set_title', 'lineplot', 'barplot', 'histplot',
  'scatterplot', 'heatmap', 'boxplot', 'add_trace', 'Scatter', 'Bar', 'Line2D', 'Button', 'Label', 'set_printoptions',
  'printoptions', 'format', 'round', 'linechart', 'barchart', 'render', 'dataclass', 'field', 'attr.s', 'define', 'namedtuple',
];


/**
 * Drops what only served to block other matches (quiet phrases) and decides the words that
 * needed ML terms nearby, from the other matches around them.
 */
export function settle(found: TermMatch[]): TermMatch[] {
  if (!found.some((m) => m.pending || m.key.quiet)) return found;
  const out: TermMatch[] = [];
  for (let k = 0; k < found.length; k++) {
    const m = found[k];
    if (m.key.quiet) continue;
    if (!m.pending) {
      out.push(m);
      continue;
    }
    let settled = false;
    for (const option of m.pending) {
      const hit = neighbour(found, k, option.key.term, option.near);
      if (hit) {
        out.push({ term: option.key.term, start: m.start, end: m.end, key: option.key, why: option.why ?? { kind: 'prose', near: hit.term } });
        settled = true;
        break;
      }
    }
    if (!settled && m.fallback) out.push({ term: m.term, start: m.start, end: m.end, key: m.key });
  }
  return out;
}

/** The closest settled match within {@link NEAR} characters of `found[k]` that counts as its context. */
function neighbour(found: TermMatch[], k: number, term: TermId, near: readonly TermId[] | 'any'): TermMatch | undefined {
  const m = found[k];
  // Another term, or the same one when the sense names it among its neighbours (`resume` near a checkpoint).
  const ok = (o: TermMatch): boolean => (!o.pending || !!o.fallback) && !o.key.quiet && (near === 'any' ? o.term !== term : near.includes(o.term));
  for (let d = 1; d < found.length; d++) {
    const a = found[k - d];
    const b = found[k + d];
    const inA = a && m.start - a.end <= NEAR;
    const inB = b && b.start - m.end <= NEAR;
    if (!inA && !inB) return undefined;
    if (inA && ok(a)) return a;
    if (inB && ok(b)) return b;
  }
  return undefined;
}

/** `wholeWord` keys may not be glued to other letters, except an acronym inside CamelCase (`MnistTransferCNN`). */
export function wholeWordAt(tokens: Token[], i: number, j: number): boolean {
  const gluedBefore = tokens[i].gap === Gap.Glued;
  const gluedAfter = j + 1 < tokens.length && tokens[j + 1].gap === Gap.Glued;
  if (!gluedBefore && !gluedAfter) return true;
  return i === j && isAcronym(tokens[i].text);
}

function isAcronym(s: string): boolean {
  if (s.length < 2) return false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (!(c >= 65 && c <= 90) && !(k === s.length - 1 && c === 115 && k >= 2)) return false;
  }
  return true;
}

/** `Adam Smith`: a capitalised word followed by a capitalised name, in prose, is a person. */
export function namesAPerson(text: string, tokens: Token[], j: number, env: MatchEnv, display: string): boolean {
  const next = tokens[j + 1];
  if (!next || next.gap !== Gap.Joined || next.start !== tokens[j].end + 1 || text.charCodeAt(tokens[j].end) !== 32) return false;
  if (!/^[A-Z][a-z]+$/.test(display) || !/^[A-Z][a-z]+$/.test(next.text)) return false;
  const region = env.ctx.regionAt(env.base + tokens[j].start);
  return region !== 'code';
}

/** A keyword argument of a plotting, printing or UI call (`plt.plot(label=…)`, `np.set_printoptions(precision=3)`). */
export function isNonMlArgument(start: number, end: number, env: MatchEnv): boolean {
  const site = callSiteAt(env.ctx.text, env.base + start, env.base + end);
  return !!site?.keyword && calleeMatches(site.callee, NON_ML_CALLS);
}

/**
 * True inside a URL, a Markdown link target or a file path (`(docs/attention.png)`,
 * `"logs/regularizers/l2"`): those words name places, not concepts.
 */
export function insideLinkOrPath(text: string, start: number, end: number, env: MatchEnv): boolean {
  const region = env.ctx.regionAt(env.base + start);
  if (region === 'code') return urlBefore(text, start) || (env.ctx.family === 'markdown' && FILE_NAME.test(codeRun(text, start, end)));
  const run = codeRun(text, start, end);
  if (FILE_NAME.test(run)) return true;
  if (!run.includes('/')) return run.startsWith('www.');
  if (run.includes('://')) return true;
  if (region === 'string') return true;
  return /\.[A-Za-z]{1,5}$/.test(run) || run.split('/').length > 2;
}

/** `https://github.com/org/deit.git` in a shell block: a `://` earlier in the same run of non-blank characters. */
function urlBefore(text: string, start: number): boolean {
  for (let i = start - 1; i > 1 && start - i < 120; i--) {
    const c = text.charCodeAt(i);
    if (isRunBreak(c)) return false;
    if (c === 47 && text.charCodeAt(i - 1) === 47 && text.charCodeAt(i - 2) === 58) return true;
  }
  return false;
}

/** The run of non-blank characters around [start, end), up to quotes, brackets or 300 characters. */
function codeRun(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && start - s < 300 && !isRunBreak(text.charCodeAt(s - 1))) s--;
  let e = end;
  while (e < text.length && e - end < 300 && !isRunBreak(text.charCodeAt(e))) e++;
  return text.slice(s, e);
}

/** A file name in prose or a string: `sgd_lr_opt_example.pdf`, `vocab.bpe`, `model.ckpt`. */
const FILE_NAME = /^[\w.-]*\w\.(?:pdf|png|jpe?g|gif|svg|csv|tsv|json|jsonl|txt|py|ipynb|md|pt|pth|bin|h5|hdf5|pkl|npz|npy|zip|tar|gz|bpe|yaml|yml|onnx|safetensors|ckpt|log)[.,;:]?$/i;

function isRunBreak(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 40 || c === 41;
}

/** The imported module whose name is the identifier around [start, end) (`transformers`, `lit_gpt`), if any. */
export function namesModule(text: string, start: number, end: number, modules: ReadonlySet<string>): string | undefined {
  let s = start;
  while (s > 0 && start - s < 40 && isSegmentChar(text.charCodeAt(s - 1))) s--;
  let e = end;
  while (e < text.length && e - end < 40 && isSegmentChar(text.charCodeAt(e))) e++;
  for (const m of modules) if (m.length === e - s && text.startsWith(m, s)) return m;
  return undefined;
}

/** `lr_scheduler.step()`: whether the object a method is called on holds one of `words`. */
export function receiverHas(text: string, idStart: number, words: readonly string[]): boolean {
  if (text.charCodeAt(idStart - 1) !== 46) return false;
  let s = idStart - 1;
  while (s > 0 && idStart - s < 60 && isSegmentChar(text.charCodeAt(s - 1))) s--;
  return s < idStart - 1 && tokenize(text, s, idStart - 1).some((t) => words.includes(t.norm));
}

/** Whether the string literal around [start, end) holds a space: scans to the quotes on the same line. */
export function stringHasSpace(text: string, start: number, end: number): boolean {
  for (let i = start - 1; i >= 0 && start - i < 300; i--) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96 || c === 10) break;
    if (c === 32) return true;
  }
  for (let i = end; i < text.length && i - end < 300; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96 || c === 10) break;
    if (c === 32) return true;
  }
  return false;
}

/** `sklearn.metrics.auc`, `from sklearn.metrics import …`: a module's name, not the concept. */
export function inModulePath(text: string, idStart: number, idEnd: number, env: MatchEnv): boolean {
  if (text.charCodeAt(idStart - 1) !== 46) return false;
  const after = text.slice(idEnd, idEnd + 8);
  if (!after.startsWith('.') && !/^ import\b/.test(after)) return false;
  let s = idStart - 1;
  while (s > 0 && (isSegmentChar(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 46)) s--;
  const root = text.slice(s, text.indexOf('.', s));
  return env.ctx.modules.has(root) || env.ctx.imported.has(root);
}

/** `pmap(f, axis_name='batch')`: a one-word string given as a value names a setting, not the concept. */
export function isWordValue(text: string, idStart: number, idEnd: number, region: string): boolean {
  if (region !== 'string') return false;
  const q = text.charCodeAt(idStart - 1);
  if ((q !== 34 && q !== 39) || text.charCodeAt(idEnd) !== q) return false;
  let k = idStart - 2;
  while (k >= 0 && text.charCodeAt(k) === 32) k--;
  return text.charCodeAt(k) === 61 || text.charCodeAt(k) === 58;
}

/** User-interface code (DOM, widgets): its `label`s and `batch`es are not ML. */
const UI_LINE = /\b(?:document\.|createElement|textContent|innerText|innerHTML|appendChild|querySelector|getElementById|classList|addEventListener|setAttribute|QLabel|QPushButton|tkinter|tk\.|ttk\.|st\.(?:write|text|button|markdown)|gr\.(?:Textbox|Button|Label))/;

/** One shared reason per document for words that take their sense from its imports. */
const CODE_REASONS = new WeakMap<DocumentContext, MatchReason>();

export function codeReason(ctx: DocumentContext): MatchReason {
  let r = CODE_REASONS.get(ctx);
  if (!r) CODE_REASONS.set(ctx, (r = { kind: 'code', because: ctx.mlReason ?? '' }));
  return r;
}

/** Whether each document has any user-interface code at all, so that most never look at lines. */
const UI_DOCUMENTS = new WeakMap<DocumentContext, boolean>();

export function isUiLine(text: string, at: number, ctx: DocumentContext): boolean {
  let any = UI_DOCUMENTS.get(ctx);
  if (any === undefined) UI_DOCUMENTS.set(ctx, (any = UI_LINE.test(ctx.text)));
  if (!any) return false;
  const s = text.lastIndexOf('\n', at - 1) + 1;
  let e = text.indexOf('\n', at);
  if (e < 0) e = text.length;
  return UI_LINE.test(text.slice(s, Math.min(e, s + 400)));
}

export function nextNonBlank(text: string, i: number): number {
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** A word alone on its line and underlined, as numpydoc writes `Parameters` / `----------`. */
export function isDocstringHeading(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  if (nl < 0 || text.slice(lineStart, start).trim() || text.slice(end, nl).trim()) return false;
  return /^[ \t]*(-{3,}|={3,})[ \t]*(\n|$)/.test(text.slice(nl + 1, nl + 200));
}

export function isSegmentChar(c: number): boolean {
  return c === 95 || isWordChar(c);
}

export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

