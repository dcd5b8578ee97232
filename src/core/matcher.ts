import type { MatchKey, Sense, TermId } from './types';
import { Gap, tokenize, type Token } from './tokenizer';
import { normalizeToken } from './normalize';
import { callSiteAt, calleeMatches, type DocumentContext } from './documentContext';
import {
  ML_PARTNERS, NEAR, NON_ML_CALLS, NO_WORDS, codeReason, inModulePath, insideLinkOrPath, isDocstringHeading, isNonMlArgument, isSegmentChar,
  isUiLine, isWordChar, isWordValue, namesAPerson, namesModule, nextNonBlank, receiverHas, settle, stringHasSpace, wholeWordAt,
} from './contextRules';

export { NEAR } from './contextRules';

/** Why an ambiguous word took the sense it did, for the hover to say. */
export type MatchReason =
  | { kind: 'argument'; callee: string }
  | { kind: 'code'; because: string; identifier?: string }
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

  /** `Adam Smith`: the word at `tokens[j]` followed by a capitalised name that is no glossary word. */
  private namesAPerson(text: string, tokens: Token[], j: number, env: MatchEnv, display: string): boolean {
    return namesAPerson(text, tokens, j, env, display) && !this.isTermWord(tokens[j + 1].norm);
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
    const library = env !== undefined && env.ctx.modules.size > 0 ? namesModule(text, start, end, env.ctx.modules) : undefined;
    for (const key of ends) {
      if (ignore?.has(key.term)) continue;
      // `import transformers`, `datasets.load_dataset`: a library named after a concept is not that concept.
      // `peft` names PEFT itself and still explains it.
      if (library && key.display.toLowerCase() !== library.toLowerCase() && env?.ctx.regionAt(env.base + start) === 'code') continue;
      if (key.wholeWord && !wholeWordAt(tokens, i, j)) continue;
      if (key.caseSensitive && !sameCase(tokens, i, j, key.display)) continue;
      if (key.sense) {
        const r = this.senseHolds(key.sense, text, tokens, i, j, env);
        if (r?.pending) (pending ??= []).push({ key, ...r.pending });
        else if (r) return { term: key.term, start, end, key, why: r.why };
        continue;
      }
      if (env && key.caseSensitive && this.namesAPerson(text, tokens, j, env, key.display)) continue;
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
        why = others.length > 0 ? { kind: 'code', because: env.ctx.mlReason, identifier: text.slice(idStart, idEnd) } : codeReason(env.ctx);
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
        if (this.namesAPerson(text, tokenize(text, start, Math.min(text.length, end + 40)), 0, env, word)) continue;
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

function sameCase(tokens: Token[], i: number, j: number, display: string): boolean {
  let raw = '';
  for (let k = i; k <= j; k++) raw += tokens[k].text;
  const want = display.replace(/[\s_\-.]/g, '');
  return raw === want || raw === want + 's';
}
