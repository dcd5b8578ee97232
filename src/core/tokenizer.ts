import { normalizeToken } from './normalize';
import { ABBREVIATIONS, PROPER_NAMES } from './abbreviations';

/** How a token is joined to the one before it. */
export const enum Gap {
  /** First token of the text, or separated by something terms never span (brackets, commas...). */
  Break = 0,
  /** A camelCase, ACRONYMWord or letter/digit boundary inside one word: no character between. */
  Glued = 1,
  /** `_`, `-` or whitespace: parts of one name or phrase. */
  Joined = 2,
  /** A `.` between identifier segments, as in `nn.Dropout`. */
  Dot = 3,
}

/** One sub-token of an identifier or a sentence. */
export interface Token {
  /** Text as written. */
  text: string;
  /** Normalised form used for matching. */
  norm: string;
  start: number;
  end: number;
  /** How this token is joined to the previous one. */
  gap: Gap;
  /**
   * Set on the second and later words of an expanded abbreviation (`ffn` → feed, forward, network):
   * they share the abbreviation's span and never start a match of their own.
   */
  cont?: true;
}

const enum Kind {
  Other = 0,
  Lower = 1,
  Upper = 2,
  Digit = 3,
}

const KIND = new Uint8Array(128);
for (let c = 97; c <= 122; c++) KIND[c] = Kind.Lower;
for (let c = 65; c <= 90; c++) KIND[c] = Kind.Upper;
for (let c = 48; c <= 57; c++) KIND[c] = Kind.Digit;

function kindOf(c: number): Kind {
  return c < 128 ? (KIND[c] as Kind) : Kind.Other;
}

interface Expansion {
  words: string[];
  inIdentifierOnly: boolean;
  notLast: boolean;
}

const EXPANSIONS = new Map<string, Expansion>(
  ABBREVIATIONS.map((a) => [normalizeToken(a.abbr), { words: a.expansion.split(' '), inIdentifierOnly: !!a.inIdentifierOnly, notLast: !!a.notLast }]),
);

/** Proper names by their first CamelCase part: `Tensor` → [`TensorFlow`, `TensorBoard`, …]. */
const PROPER = new Map<string, string[]>();
for (const name of PROPER_NAMES) {
  const head = /^[A-Z][a-z]*/.exec(name)?.[0] ?? name;
  PROPER.set(head, [...(PROPER.get(head) ?? []), name]);
}

/** First letter and length of each proper name's first part, checked before slicing any text. */
const PROPER_SHAPES = new Set([...PROPER.keys()].map((h) => (h.charCodeAt(0) << 8) | h.length));

/** Length of the proper name starting at `s` whose first part ends at `p`, or 0. */
function properNameAt(text: string, s: number, p: number, end: number): number {
  if (!PROPER_SHAPES.has((text.charCodeAt(s) << 8) | (p - s))) return 0;
  const names = PROPER.get(text.slice(s, p));
  if (!names) return 0;
  for (const n of names) {
    const e = s + n.length;
    if (e <= end && text.startsWith(n, s) && (e === end || kindOf(text.charCodeAt(e)) !== Kind.Lower)) return n.length;
  }
  return 0;
}

/** Maximum length of a single sub-token; longer runs (hashes, base64) are skipped. */
const MAX_TOKEN = 40;

/**
 * Splits `text[from, to)` into sub-tokens the way a spell checker does: camelCase, PascalCase,
 * ACRONYMWords (`LRScheduler` → `LR` + `Scheduler`), snake_case, SCREAMING_CASE, kebab-case,
 * dotted paths, digits and plain prose.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  let lastEnd = -1;
  while (i < to) {
    if (kindOf(text.charCodeAt(i)) === Kind.Other) {
      i++;
      continue;
    }
    let j = i;
    while (j < to && kindOf(text.charCodeAt(j)) !== Kind.Other) j++;
    splitWord(text, i, j, lastEnd < 0 ? Gap.Break : gapOf(text, lastEnd, i), out);
    lastEnd = j;
    i = j;
  }
  return out;
}

const APOSTROPHE = 39;
const LEFT_QUOTE = 0x2018;
const RIGHT_QUOTE = 0x2019;
const AT = 64;

function gapOf(text: string, from: number, to: number): Gap {
  const c = text.charCodeAt(from);
  if (to - from === 1) {
    if (c === 46 /* . */) return Gap.Dot;
    // `Cohen's kappa`, `precision@k`: one name, as a phrase with a space would be.
    if (c === APOSTROPHE || c === RIGHT_QUOTE || c === AT) return Gap.Joined;
  }
  // A plural possessive, `Bayes' theorem`, but not the end of a quoted word (`'loss' rate`).
  if (to - from === 2 && (c === APOSTROPHE || c === RIGHT_QUOTE) && text.charCodeAt(from + 1) === 32 && text.charCodeAt(from - 1) === 115 /* s */ && !quotedBefore(text, from)) return Gap.Joined;
  if (to - from > 3) return Gap.Break;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 95 && c !== 45 && c !== 32 && c !== 9) return Gap.Break;
  }
  return Gap.Joined;
}

/** True when the word ending at `end` opens with a quote. */
function quotedBefore(text: string, end: number): boolean {
  let i = end - 1;
  while (i >= 0 && isWordAt(text, i)) i--;
  const q = text.charCodeAt(i);
  return q === APOSTROPHE || q === RIGHT_QUOTE || q === LEFT_QUOTE;
}

function splitWord(text: string, start: number, end: number, gap: Gap, out: Token[]): void {
  let s = start;
  let g = gap;
  const first = out.length;
  for (let p = start + 1; p <= end; p++) {
    let cut = p === end;
    if (!cut) {
      const a = kindOf(text.charCodeAt(p - 1));
      const b = kindOf(text.charCodeAt(p));
      if (a === Kind.Lower && b === Kind.Upper) {
        const proper = kindOf(text.charCodeAt(s)) === Kind.Upper ? properNameAt(text, s, p, end) : 0;
        if (proper > 0) {
          p = s + proper - 1;
          continue;
        }
        cut = true;
      } else if ((a === Kind.Digit) !== (b === Kind.Digit)) cut = true;
      else if (a === Kind.Upper && b === Kind.Upper && p + 1 < end && kindOf(text.charCodeAt(p + 1)) === Kind.Lower) {
        // `LRScheduler` splits before `Sc`, but a plural acronym such as `GANs` stays whole.
        cut = !(text.charCodeAt(p + 1) === 115 && (p + 2 === end || kindOf(text.charCodeAt(p + 2)) !== Kind.Lower));
      }
    }
    if (cut) {
      if (p - s <= MAX_TOKEN) {
        const raw = text.slice(s, p);
        out.push({ text: raw, norm: normalizeToken(raw), start: s, end: p, gap: g });
      }
      g = Gap.Glued;
      s = p;
    }
  }
  for (let k = first; k < out.length; k++) {
    const x = EXPANSIONS.get(out[k].norm);
    if (x) k += expand(text, out, k, x, start, end);
  }
}

/** Replaces the abbreviation at `out[k]` by its words; returns how many tokens were added. */
function expand(text: string, out: Token[], k: number, x: Expansion, wordStart: number, wordEnd: number): number {
  const t = out[k];
  if (x.inIdentifierOnly && t.start === wordStart && t.end === wordEnd && !underscoreJoined(text, t.start, t.end)) return 0;
  if (x.notLast && t.end === wordEnd && !joinedAfter(text, t.end) && t.text.charCodeAt(t.text.length - 1) !== 115) return 0;
  t.norm = x.words[0];
  for (let w = 1; w < x.words.length; w++) {
    out.splice(k + w, 0, { text: '', norm: x.words[w], start: t.start, end: t.end, gap: Gap.Joined, cont: true });
  }
  return x.words.length - 1;
}

/** True when `_` joins the token at [start, end) to another word of the same identifier. */
function underscoreJoined(text: string, start: number, end: number): boolean {
  return (text.charCodeAt(start - 1) === 95 && isWordAt(text, start - 2)) || joinedAfter(text, end);
}

/** True when `_` and another word follow `end` (`iter_num`). */
function joinedAfter(text: string, end: number): boolean {
  return text.charCodeAt(end) === 95 && isWordAt(text, end + 1);
}

function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && kindOf(text.charCodeAt(i)) !== Kind.Other;
}

/** Tokenises a phrase (a title, alias or user query) and returns its normalised tokens. */
export function normTokens(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.norm);
}
