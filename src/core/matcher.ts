import type { MatchKey, TermId } from './types';
import { Gap, tokenize, type Token } from './tokenizer';
import { normalizeToken } from './normalize';

/** A term found in a piece of text. */
export interface TermMatch {
  term: TermId;
  /** Offsets into the scanned text, end exclusive. */
  start: number;
  end: number;
  /** The key that matched (its `display` explains the match in hovers). */
  key: MatchKey;
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

  constructor(keys: readonly MatchKey[]) {
    for (const k of keys) this.add(k);
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
  scan(text: string, ignore?: ReadonlySet<TermId>): TermMatch[] {
    const tokens = tokenize(text);
    return this.resolve(this.collect(text, tokens, 0, tokens.length, ignore));
  }

  /**
   * The term at `offset`: the longest match covering it, else the longest match inside the
   * identifier under the cursor (so hovering `model` in `pretrained_model` still explains it).
   * Only a bounded window around the cursor is read, so huge lines cost the same as short ones.
   */
  matchAt(text: string, offset: number, opts: MatchAtOptions = {}): TermMatch | undefined {
    const w = opts.window ?? DEFAULT_WINDOW;
    if (offset < 0 || offset > text.length) return undefined;
    let from = Math.max(0, offset - w);
    let to = Math.min(text.length, offset + w);
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
    const found = this.collect(text, tokens, lo, hi, opts.ignore);
    let best: TermMatch | undefined;
    for (const m of found) {
      if (m.start <= offset && offset < m.end && (!best || m.end - m.start > best.end - best.start)) best = m;
    }
    if (best) return best;
    for (const m of found) {
      if (m.start >= segStart && m.end <= segEnd && (!best || m.end - m.start > best.end - best.start)) best = m;
    }
    return best;
  }

  /** Longest trie match starting at each token in [lo, hi), plus exact identifier matches. */
  private collect(text: string, tokens: Token[], lo: number, hi: number, ignore?: ReadonlySet<TermId>): TermMatch[] {
    const out: TermMatch[] = [];
    for (let i = lo; i < hi; i++) {
      const t = tokens[i];
      if (this.exactHeads.has(t.text) && (i === 0 || t.gap !== Gap.Glued)) {
        const m = this.exactAt(text, t.start, ignore);
        if (m) out.push(m);
      }
      let node = this.root.next?.get(t.norm);
      let j = i;
      let best: TermMatch | undefined;
      while (node) {
        if (node.ends) {
          const key = this.accept(node.ends, tokens, i, j, ignore);
          if (key) best = { term: key.term, start: t.start, end: tokens[j].end, key };
        }
        j++;
        if (j >= tokens.length || (tokens[j].gap !== Gap.Glued && tokens[j].gap !== Gap.Joined)) break;
        node = node.next?.get(tokens[j].norm);
      }
      if (best) out.push(best);
    }
    return out;
  }

  private accept(ends: MatchKey[], tokens: Token[], i: number, j: number, ignore?: ReadonlySet<TermId>): MatchKey | undefined {
    for (const key of ends) {
      if (ignore?.has(key.term)) continue;
      if (key.wholeWord && (tokens[i].gap === Gap.Glued || (j + 1 < tokens.length && tokens[j + 1].gap === Gap.Glued))) continue;
      if (key.caseSensitive && !sameCase(tokens, i, j, key.display)) continue;
      return key;
    }
    return undefined;
  }

  private exactAt(text: string, start: number, ignore?: ReadonlySet<TermId>): TermMatch | undefined {
    let end = start;
    while (end < text.length && end - start < 80 && isSegmentChar(text.charCodeAt(end))) end++;
    const keys = this.exact.get(text.slice(start, end));
    if (!keys) return undefined;
    for (const key of keys) {
      if (ignore?.has(key.term)) continue;
      if (key.qualifier) {
        const q = key.qualifier + '.';
        if (text.slice(Math.max(0, start - q.length), start) !== q) continue;
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
