import { normalizeToken } from './normalize';

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

function gapOf(text: string, from: number, to: number): Gap {
  if (to - from === 1 && text.charCodeAt(from) === 46 /* . */) return Gap.Dot;
  if (to - from > 3) return Gap.Break;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 95 && c !== 45 && c !== 32 && c !== 9) return Gap.Break;
  }
  return Gap.Joined;
}

function splitWord(text: string, start: number, end: number, gap: Gap, out: Token[]): void {
  let s = start;
  let g = gap;
  for (let p = start + 1; p <= end; p++) {
    let cut = p === end;
    if (!cut) {
      const a = kindOf(text.charCodeAt(p - 1));
      const b = kindOf(text.charCodeAt(p));
      if (a === Kind.Lower && b === Kind.Upper) cut = true;
      else if ((a === Kind.Digit) !== (b === Kind.Digit)) cut = true;
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
}

/** Tokenises a phrase (a title, alias or user query) and returns its normalised tokens. */
export function normTokens(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.norm);
}
