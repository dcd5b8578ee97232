import type { MatchKey, Sense, TermId } from './types';
import { Gap, tokenize, type Token } from './tokenizer';
import { normalizeToken } from './normalize';
import { callSiteAt, calleeMatches, type DocumentContext } from './documentContext';

/** Why an ambiguous word took the sense it did, for the hover to say. */
export type MatchReason =
  | { kind: 'argument'; callee: string }
  | { kind: 'code'; because: string }
  | { kind: 'compound'; identifier: string }
  | { kind: 'prose'; near: TermId };

/** A term found in a piece of text. */
export interface TermMatch {
  term: TermId;
  /** Offsets into the scanned text, end exclusive. */
  start: number;
  end: number;
  /** The key that matched (its `display` explains the match in hovers). */
  key: MatchKey;
  /** Set when an ambiguous word matched in context. */
  why?: MatchReason;
  /** Internal: senses that each still need another ML term nearby (`any`) or one of some terms; the first that finds one wins. */
  pending?: Array<{ key: MatchKey; near: readonly TermId[] | 'any'; why?: MatchReason }>;
  /** Internal: with `pending`, this match's own key applies when no pending sense finds its neighbours. */
  fallback?: true;
}

/** The document around the text being matched, so that ambiguous words can take their sense. */
export interface MatchEnv {
  ctx: DocumentContext;
  /** Offset in `ctx.text` of the matched text's first character. */
  base: number;
}

const NO_WORDS: readonly string[] = [];

/** Characters on each side within which another ML term makes prose "about ML". */
export const NEAR = 200;

/** Words that make an identifier part ML (`val_loss`, `train_labels`), besides every single-word glossary key. */
const ML_PARTNERS = new Set(
  ('train training val valid validation eval evaluation test dev epoch step iter iteration batch grad gradient logit pred ' +
    'prediction target label loss token sample class weight model embedding attention layer head optimizer lr best running ' +
    'avg mean clip scale per num n total trainable frozen init param parameter bias')
    .split(' ')
    .map(normalizeToken),
);

/** Calls whose keyword arguments are about plots, printing or UI, never ML (`plt.plot(label=…)`). */
const NON_ML_CALLS = [
  'plot', 'scatter', 'legend', 'bar', 'barh', 'hist', 'xlabel', 'ylabel', 'title', 'text', 'annotate', 'subplots', 'figure',
  'pie', 'imshow', 'errorbar', 'fill_between', 'axhline', 'axvline', 'set', 'set_title', 'lineplot', 'barplot', 'histplot',
  'scatterplot', 'heatmap', 'boxplot', 'add_trace', 'Scatter', 'Bar', 'Line2D', 'Button', 'Label', 'set_printoptions',
  'printoptions', 'format', 'round', 'linechart', 'barchart', 'render', 'dataclass', 'field', 'attr.s', 'define', 'namedtuple',
];

interface TrieNode {
  next?: Map<string, TrieNode>;
  ends?: MatchKey[];
}

/** Options for {@link TermMatcher.matchAt}. */
export interface MatchAtOptions {
  /** Characters looked at on each side of the cursor. */
  window?: number;
  /** Terms never returned. */
  ignore?: ReadonlySet<TermId>;
  /** The document, when `text` is (part of) one; without it ambiguous words never match. */
  env?: MatchEnv;
}

const DEFAULT_WINDOW = 256;

/**
 * Finds glossary terms in text with a trie over normalised sub-tokens (longest match wins),
 * plus a table of exact code identifiers (`AdamW`, `CrossEntropyLoss`, qualified `nn.Linear`).
 */
export class TermMatcher {
  private readonly root: TrieNode = {};
  private readonly exact = new Map<string, MatchKey[]>();
  /** First sub-token of every exact identifier: a cheap filter before slicing segments. */
  private readonly exactHeads = new Set<string>();
  private maxLen = 1;
  private readonly identifierWords = new Map<string, ReadonlyArray<{ norm: string; start: number; end: number }>>();

  constructor(keys: readonly MatchKey[]) {
    for (const k of keys) this.add(k);
    // At one word: a sense tied to a call first, then plain keys, then senses that need context.
    // A sense tied to a call, or one that needs particular neighbours, is tried before plain keys
    // (a plain key then stays as the fallback); senses that only need some context come last.
    const rank = (k: MatchKey): number => (k.sense?.args || k.sense?.near ? 0 : k.sense ? 2 : 1);
    const visit = (n: TrieNode): void => {
      n.ends?.sort((a, b) => rank(a) - rank(b));
      n.next?.forEach(visit);
    };
    visit(this.root);
  }

  private add(key: MatchKey): void {
    if (key.exact) {
      const list = this.exact.get(key.exact) ?? [];
      list.push(key);
      this.exact.set(key.exact, list);
      const head = tokenize(key.exact)[0];
      if (head) this.exactHeads.add(head.text);
      return;
    }
    if (!key.tokens) return;
    const parts = key.tokens.split(' ');
    this.insert(parts, key);
    if (parts.length > 1) this.insert([normalizeToken(parts.join(''))], key);
  }

  private insert(parts: string[], key: MatchKey): void {
    let node = this.root;
    for (const p of parts) {
      node.next ??= new Map();
      let child = node.next.get(p);
      if (!child) {
        child = {};
        node.next.set(p, child);
      }
      node = child;
    }
    (node.ends ??= []).push(key);
    this.maxLen = Math.max(this.maxLen, parts.length);
  }

  /** Every term in `text`, leftmost-longest and non-overlapping. */
  scan(text: string, ignore?: ReadonlySet<TermId>, env?: MatchEnv): TermMatch[] {
    const tokens = tokenize(text);
    return settle(this.resolve(this.collect(text, tokens, 0, tokens.length, ignore, env)));
  }

  /**
   * The term at `offset`: the longest match covering it, else the longest match inside the
   * identifier under the cursor (so hovering `model` in `pretrained_model` still explains it).
   * Only a bounded window around the cursor is read, so huge lines cost the same as short ones.
   */
  matchAt(text: string, offset: number, opts: MatchAtOptions = {}): TermMatch | undefined {
    const w = opts.window ?? DEFAULT_WINDOW;
    if (offset < 0 || offset > text.length) return undefined;
    // Terms never span lines: read only the cursor's line (and at most `w` on each side).
    let from = offset;
    while (from > 0 && offset - from < w && text.charCodeAt(from - 1) !== 10) from--;
    let to = offset;
    while (to < text.length && to - offset < w && text.charCodeAt(to) !== 10) to++;
    // Do not start or end inside a word: a partial word could match something it is not.
    while (from > 0 && from < offset && isWordChar(text.charCodeAt(from - 1))) from++;
    while (to < text.length && to > offset && isWordChar(text.charCodeAt(to))) to--;
    const tokens = tokenize(text, from, to);
    let at = -1;
    for (let i = 0; i < tokens.length && tokens[i].start <= offset; i++) {
      if (offset < tokens[i].end) at = i;
    }
    if (at < 0) {
      // On the `_` inside `weight_decay` the identifier is still what the user points at.
      if (text.charCodeAt(offset) !== 95) return undefined;
      at = tokens.findIndex((t) => t.start > offset);
      if (at < 0) return undefined;
    }
    const lo = Math.max(0, at - this.maxLen + 1);
    // The identifier segment around the cursor bounds the fallback search.
    let segStart = offset;
    while (segStart > from && isSegmentChar(text.charCodeAt(segStart - 1))) segStart--;
    let segEnd = offset;
    while (segEnd < to && isSegmentChar(text.charCodeAt(segEnd))) segEnd++;
    let hi = at + 1;
    while (hi < tokens.length && tokens[hi].start < segEnd) hi++;
    const found = this.collect(text, tokens, lo, hi, opts.ignore, opts.env);
    let best: TermMatch | undefined;
    for (const m of found) {
      if (m.start <= offset && offset < m.end && (!best || m.end - m.start > best.end - best.start)) best = m;
    }
    if (!best) {
      for (const m of found) {
        if (m.start >= segStart && m.end <= segEnd && (!best || m.end - m.start > best.end - best.start)) best = m;
      }
    }
    if (!best || best.key.quiet) return undefined;
    if (!best.pending) return best;
    // Prose needs its neighbours, on this line or the next ones: match around it once, only for this rare case.
    const near = tokenize(text, Math.max(0, best.start - NEAR), Math.min(text.length, best.end + NEAR));
    const all = settle(this.resolve(this.collect(text, near, 0, near.length, opts.ignore, opts.env)));
    return all.find((m) => m.start === best.start && m.end === best.end);
  }

  /**
   * The words of the identifier [idStart, idEnd) other than the one at [start, end), normalised.
   * The identifier's words are cached, as code repeats its names.
   */
  private otherWords(text: string, idStart: number, idEnd: number, start: number, end: number): readonly string[] {
    const id = text.slice(idStart, idEnd);
    let words = this.identifierWords.get(id);
    if (!words) {
      words = tokenize(id).map((t) => ({ norm: t.norm, start: t.start, end: t.end }));
      if (this.identifierWords.size >= 10_000) this.identifierWords.clear();
      this.identifierWords.set(id, words);
    }
    const from = start - idStart;
    const to = end - idStart;
    let out: string[] | undefined;
    for (const w of words) if (w.end <= from || w.start >= to) (out ??= []).push(w.norm);
    return out ?? NO_WORDS;
  }

  /** True when `name` is imported as a path whose last segment is a code identifier (`checkpoint` from `torch.utils.checkpoint`). */
  private importsExact(ctx: DocumentContext, name: string): boolean {
    const path = ctx.imported.get(name);
    return path !== undefined && this.exact.has(path.slice(path.lastIndexOf('.') + 1));
  }

  /** True when `norm` is a whole glossary word on its own (`dropout`, `epoch`), not only part of a phrase. */
  private isTermWord(norm: string): boolean {
    return this.root.next?.get(norm)?.ends?.some((k) => !k.sense && !k.quiet) ?? false;
  }

  /** Longest trie match starting at each token in [lo, hi), plus exact identifier matches. */
  private collect(text: string, tokens: Token[], lo: number, hi: number, ignore?: ReadonlySet<TermId>, env?: MatchEnv): TermMatch[] {
    const out: TermMatch[] = [];
    for (let i = lo; i < hi; i++) {
      const t = tokens[i];
      if (t.cont) continue;
      let exact: TermMatch | undefined;
      if ((this.exactHeads.has(t.text) || (env && this.importsExact(env.ctx, t.text))) && (i === 0 || t.gap !== Gap.Glued)) {
        exact = this.exactAt(text, t.start, ignore, env);
      }
      let node = this.root.next?.get(t.norm);
      let j = i;
      let best: TermMatch | undefined;
      while (node) {
        if (node.ends) {
          const m = this.accept(node.ends, text, tokens, i, j, ignore, env);
          if (m) best = m;
        }
        j++;
        if (j >= tokens.length || (tokens[j].gap !== Gap.Glued && tokens[j].gap !== Gap.Joined)) break;
        node = node.next?.get(tokens[j].norm);
      }
      // Longest first at one start, so that resolve() finds the matches already in order.
      if (exact && best && best.end > exact.end) [exact, best] = [best, exact];
      if (exact && !(env && insideLinkOrPath(text, exact.start, exact.end, env))) out.push(exact);
      if (best && !(env && insideLinkOrPath(text, best.start, best.end, env))) out.push(best);
    }
    return out;
  }

  private accept(ends: MatchKey[], text: string, tokens: Token[], i: number, j: number, ignore?: ReadonlySet<TermId>, env?: MatchEnv): TermMatch | undefined {
    const start = tokens[i].start;
    const end = tokens[j].end;
    let pending: TermMatch['pending'];
    const library = env !== undefined && env.ctx.modules.size > 0 && namesModule(text, start, end, env.ctx.modules);
    for (const key of ends) {
      if (ignore?.has(key.term)) continue;
      // `import transformers`, `datasets.load_dataset`: a library named after a concept is not that concept.
      if (library && key.display.toLowerCase() !== text.slice(start, end) && env.ctx.regionAt(env.base + start) === 'code') continue;
      if (key.wholeWord && !wholeWordAt(tokens, i, j)) continue;
      if (key.caseSensitive && !sameCase(tokens, i, j, key.display)) continue;
      if (key.sense) {
        const r = this.senseHolds(key.sense, text, tokens, i, j, env);
        if (r?.pending) (pending ??= []).push({ key, ...r.pending });
        else if (r) return { term: key.term, start, end, key, why: r.why };
        continue;
      }
      if (env && key.caseSensitive && namesAPerson(text, tokens, j, env, key.display) && !this.isTermWord(tokens[j + 1].norm)) continue;
      if (env && !key.quiet && text.charCodeAt(nextNonBlank(text, end)) === 61 && isNonMlArgument(start, end, env)) continue;
      // Senses still waiting for their neighbours come first; this key is the fallback.
      return pending ? { term: key.term, start, end, key, pending, fallback: true } : { term: key.term, start, end, key };
    }
    return pending ? { term: pending[0].key.term, start, end, key: pending[0].key, pending } : undefined;
  }

  /** Whether an ambiguous word at tokens [i, j] takes `sense` here, and why. */
  private senseHolds(
    sense: Sense,
    text: string,
    tokens: Token[],
    i: number,
    j: number,
    env?: MatchEnv,
  ): { why?: MatchReason; pending?: { near: readonly TermId[] | 'any'; why?: MatchReason } } | undefined {
    if (!env) return undefined;
    const start = tokens[i].start;
    const end = tokens[j].end;
    let idStart = start;
    while (idStart > 0 && isSegmentChar(text.charCodeAt(idStart - 1))) idStart--;
    let idEnd = end;
    while (idEnd < text.length && isSegmentChar(text.charCodeAt(idEnd))) idEnd++;
    const others = idStart < start || idEnd > end ? this.otherWords(text, idStart, idEnd, start, end) : NO_WORDS;
    if (sense.unless && (others.some((w) => sense.unless?.includes(w)) || receiverHas(text, idStart, sense.unless))) return undefined;
    const abs = env.base + start;
    const region = env.ctx.regionAt(abs);
    if (inModulePath(text, idStart, idEnd, env) || isWordValue(text, idStart, idEnd, region)) return undefined;
    if (region === 'code' || region === 'string') {
      // The whole identifier is the keyword (`init_method=` for `init`).
      const next = text.charCodeAt(nextNonBlank(text, idEnd));
      if (next === 61 || next === 58) {
        const site = callSiteAt(env.ctx.text, env.base + idStart, env.base + idEnd);
        if (site?.keyword) {
          if (sense.args && calleeMatches(site.callee, sense.args)) return { why: { kind: 'argument', callee: site.callee } };
          if (calleeMatches(site.callee, NON_ML_CALLS)) return undefined;
        }
      }
    }
    // A string with spaces in it is a message, read as prose; a one-word string is a name, read as code.
    const codeLike = region === 'code' || (region === 'string' && !stringHasSpace(text, start, end));
    let why: MatchReason | undefined;
    let prose = false;
    for (const w of sense.when) {
      if ((w === 'code' || (w === 'member' && text.charCodeAt(idStart - 1) === 46)) && codeLike && env.ctx.mlReason && !isUiLine(text, start, env.ctx)) {
        why = codeReason(env.ctx);
      } else if (w === 'compound' && others.length > 0) {
        const partners = sense.with;
        if (others.some((w) => (partners ? partners.includes(w) : ML_PARTNERS.has(w) || this.isTermWord(w)))) {
          why = { kind: 'compound', identifier: text.slice(idStart, idEnd) };
        }
      } else if (w === 'prose' && !codeLike && !isDocstringHeading(text, start, end)) {
        prose = true;
      }
      if (why) break;
    }
    if (why && !sense.near) return { why };
    if (why || prose) return { pending: { near: sense.near ?? 'any', why } };
    return undefined;
  }

  private exactAt(text: string, start: number, ignore?: ReadonlySet<TermId>, env?: MatchEnv): TermMatch | undefined {
    let end = start;
    while (end < text.length && end - start < 80 && isSegmentChar(text.charCodeAt(end))) end++;
    const word = text.slice(start, end);
    const path = env && !isSegmentChar(text.charCodeAt(start - 1)) && text.charCodeAt(start - 1) !== 46 ? env.ctx.imported.get(word) : undefined;
    const last = path ? path.slice(path.lastIndexOf('.') + 1) : word;
    const keys = this.exact.get(last);
    if (!keys) return undefined;
    for (const key of keys) {
      if (ignore?.has(key.term)) continue;
      if (key.qualifier) {
        const q = key.qualifier + '.';
        const before = path ? path.slice(0, path.length - last.length) : text.slice(Math.max(0, start - q.length), start);
        if (!before.endsWith(q)) continue;
      }
      if (env && !path && /^[A-Z][a-z]+$/.test(word)) {
        const toks = tokenize(text, start, Math.min(text.length, end + 40));
        if (namesAPerson(text, toks, 0, env, word) && !this.isTermWord(toks[1].norm)) continue;
      }
      return { term: key.term, start, end, key };
    }
    return undefined;
  }

  private resolve(found: TermMatch[]): TermMatch[] {
    // collect() emits matches in token order already; only ties at one start need ordering.
    for (let i = 1; i < found.length; i++) {
      if (found[i].start < found[i - 1].start || (found[i].start === found[i - 1].start && found[i].end > found[i - 1].end)) {
        found.sort((a, b) => a.start - b.start || b.end - a.end);
        break;
      }
    }
    const out: TermMatch[] = [];
    let lastEnd = -1;
    for (const m of found) {
      if (m.start >= lastEnd) {
        out.push(m);
        lastEnd = m.end;
      }
    }
    return out;
  }
}

/**
 * Drops what only served to block other matches (quiet phrases) and decides the words that
 * needed ML terms nearby, from the other matches around them.
 */
function settle(found: TermMatch[]): TermMatch[] {
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
function wholeWordAt(tokens: Token[], i: number, j: number): boolean {
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
function namesAPerson(text: string, tokens: Token[], j: number, env: MatchEnv, display: string): boolean {
  const next = tokens[j + 1];
  if (!next || next.gap !== Gap.Joined || next.start !== tokens[j].end + 1 || text.charCodeAt(tokens[j].end) !== 32) return false;
  if (!/^[A-Z][a-z]+$/.test(display) || !/^[A-Z][a-z]+$/.test(next.text)) return false;
  const region = env.ctx.regionAt(env.base + tokens[j].start);
  return region !== 'code';
}

/** A keyword argument of a plotting, printing or UI call (`plt.plot(label=…)`, `np.set_printoptions(precision=3)`). */
function isNonMlArgument(start: number, end: number, env: MatchEnv): boolean {
  const site = callSiteAt(env.ctx.text, env.base + start, env.base + end);
  return !!site?.keyword && calleeMatches(site.callee, NON_ML_CALLS);
}

/**
 * True inside a URL, a Markdown link target or a file path (`(docs/attention.png)`,
 * `"logs/regularizers/l2"`): those words name places, not concepts.
 */
function insideLinkOrPath(text: string, start: number, end: number, env: MatchEnv): boolean {
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

/** True when the identifier around [start, end) is an imported module's name (`transformers`, `lit_gpt`). */
function namesModule(text: string, start: number, end: number, modules: ReadonlySet<string>): boolean {
  let s = start;
  while (s > 0 && start - s < 40 && isSegmentChar(text.charCodeAt(s - 1))) s--;
  let e = end;
  while (e < text.length && e - end < 40 && isSegmentChar(text.charCodeAt(e))) e++;
  for (const m of modules) if (m.length === e - s && text.startsWith(m, s)) return true;
  return false;
}

/** `lr_scheduler.step()`: whether the object a method is called on holds one of `words`. */
function receiverHas(text: string, idStart: number, words: readonly string[]): boolean {
  if (text.charCodeAt(idStart - 1) !== 46) return false;
  let s = idStart - 1;
  while (s > 0 && idStart - s < 60 && isSegmentChar(text.charCodeAt(s - 1))) s--;
  return s < idStart - 1 && tokenize(text, s, idStart - 1).some((t) => words.includes(t.norm));
}

/** Whether the string literal around [start, end) holds a space: scans to the quotes on the same line. */
function stringHasSpace(text: string, start: number, end: number): boolean {
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
function inModulePath(text: string, idStart: number, idEnd: number, env: MatchEnv): boolean {
  if (text.charCodeAt(idStart - 1) !== 46) return false;
  const after = text.slice(idEnd, idEnd + 8);
  if (!after.startsWith('.') && !/^ import\b/.test(after)) return false;
  let s = idStart - 1;
  while (s > 0 && (isSegmentChar(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 46)) s--;
  const root = text.slice(s, text.indexOf('.', s));
  return env.ctx.modules.has(root) || env.ctx.imported.has(root);
}

/** `pmap(f, axis_name='batch')`: a one-word string given as a value names a setting, not the concept. */
function isWordValue(text: string, idStart: number, idEnd: number, region: string): boolean {
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

function codeReason(ctx: DocumentContext): MatchReason {
  let r = CODE_REASONS.get(ctx);
  if (!r) CODE_REASONS.set(ctx, (r = { kind: 'code', because: ctx.mlReason ?? '' }));
  return r;
}

/** Whether each document has any user-interface code at all, so that most never look at lines. */
const UI_DOCUMENTS = new WeakMap<DocumentContext, boolean>();

function isUiLine(text: string, at: number, ctx: DocumentContext): boolean {
  let any = UI_DOCUMENTS.get(ctx);
  if (any === undefined) UI_DOCUMENTS.set(ctx, (any = UI_LINE.test(ctx.text)));
  if (!any) return false;
  const s = text.lastIndexOf('\n', at - 1) + 1;
  let e = text.indexOf('\n', at);
  if (e < 0) e = text.length;
  return UI_LINE.test(text.slice(s, Math.min(e, s + 400)));
}

function nextNonBlank(text: string, i: number): number {
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** A word alone on its line and underlined, as numpydoc writes `Parameters` / `----------`. */
function isDocstringHeading(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  if (nl < 0 || text.slice(lineStart, start).trim() || text.slice(end, nl).trim()) return false;
  return /^[ \t]*(-{3,}|={3,})[ \t]*(\n|$)/.test(text.slice(nl + 1, nl + 200));
}

function isSegmentChar(c: number): boolean {
  return c === 95 || isWordChar(c);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function sameCase(tokens: Token[], i: number, j: number, display: string): boolean {
  let raw = '';
  for (let k = i; k <= j; k++) raw += tokens[k].text;
  const want = display.replace(/[\s_\-.]/g, '');
  return raw === want || raw === want + 's';
}
