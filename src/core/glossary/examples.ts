/**
 * The glossary's code blocks as programs: which blocks an entry has, which of them run, and
 * whether a value that a comment claims (`print(x)  # tensor([1., 2.])`) is what the program printed.
 */

/** A fenced code block of a glossary entry. */
export interface CodeBlock {
  /** 1-based number among the entry's fenced blocks. */
  n: number;
  /** The fence's language tag, lowercased (`python`, `js`, `text`). */
  lang: string;
  code: string;
  /** 1-based line of the block's first code line in the file. */
  line: number;
  /** The `## ` section the block is in (`Example`, `In depth`). */
  section: string;
}

/** How a block is treated by the examples runner. */
export type BlockKind = 'python' | 'js' | 'text' | 'other';

const PYTHON = new Set(['python', 'py', 'python3']);
const JS = new Set(['js', 'javascript', 'mjs']);
const TEXT = new Set(['text', 'txt', 'plain']);

/** What the runner does with a block of this language. */
export function blockKind(lang: string): BlockKind {
  if (PYTHON.has(lang)) return 'python';
  if (JS.has(lang)) return 'js';
  if (TEXT.has(lang)) return 'text';
  return 'other';
}

/** Every fenced block of a glossary file, front matter excluded, with its line and section. */
export function codeBlocks(source: string): CodeBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let start = 0;
  if (lines[0] === '---') {
    const close = lines.indexOf('---', 1);
    start = close < 0 ? lines.length : close + 1;
  }
  const blocks: CodeBlock[] = [];
  let section = '';
  let open: { fence: string; lang: string; line: number; body: string[] } | undefined;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i];
    const m = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(l);
    if (open) {
      if (m && m[1].startsWith(open.fence) && !l.trim().slice(m[1].length).trim()) {
        blocks.push({ n: blocks.length + 1, lang: open.lang, code: open.body.join('\n') + '\n', line: open.line, section });
        open = undefined;
      } else open.body.push(l);
    } else if (m) open = { fence: m[1], lang: m[2].toLowerCase(), line: i + 2, body: [] };
    else if (/^## /.test(l)) section = l.slice(3).trim();
  }
  return blocks;
}

/** A printed value that a comment claims, with what the line really printed. */
export interface Claim {
  /** 1-based line in the block. */
  line: number;
  /** The comment's text without `#`. */
  comment: string;
  /** What the statement printed (all of it, possibly several lines). */
  output: string;
}

/** The verdict on one claim. */
export type ClaimVerdict =
  | { kind: 'match' }
  | { kind: 'prose' }
  | { kind: 'mismatch'; why: string };

const NUM_RE = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;
const APPROX_RE = /^(?:≈|~|about\b|approx(?:\.|imately)?\b)\s*/i;
/** Words anywhere in a comment that make its values approximate: `close to 2*mu = 1.0`. */
const APPROX_ANYWHERE_RE = /≈|~|\b(?:close to|about|around|roughly|nearly|approximately|approx\.?)(?=\s|$)/i;
const VALUE_START_RE = /^(?:[-+]?[\d.]|[[({'"]|tensor\(|array\(|Array\(|torch\.Size|True\b|False\b|None\b|nan\b|inf\b)/;

interface NumTok { text: string; value: number; index: number }

function numbers(s: string): NumTok[] {
  const out: NumTok[] = [];
  for (const m of s.matchAll(NUM_RE)) {
    // A digit glued to letters (`fp16`, `x2`, `top5`) is part of a name, not a value.
    const before = s[m.index - 1] ?? ' ';
    if (/[A-Za-z_]/.test(before)) continue;
    out.push({ text: m[0], value: Number(m[0]), index: m.index });
  }
  return out;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

function decimals(t: string): number {
  const m = /\.(\d*)/.exec(t.replace(/[eE].*$/, ''));
  return m ? m[1].length : 0;
}

function numberAgrees(claim: NumTok, out: NumTok, approx: boolean): boolean {
  if (claim.value === out.value && /[eE]/.test(claim.text) === /[eE]/.test(out.text)) return true;
  if (!Number.isFinite(claim.value) || !Number.isFinite(out.value)) return false;
  if (approx) return Math.abs(claim.value - out.value) <= 0.1 * Math.abs(out.value) + 1e-9;
  // A claim may round what was printed (`0.333` for `0.3333333`), not reformat it (`80000.` for `8.e+04`).
  if (/[eE]/.test(claim.text) || /[eE]/.test(out.text)) return false;
  const d = decimals(claim.text);
  if (decimals(out.text) <= d) return false;
  return Math.abs(out.value - claim.value) <= 0.5 * 10 ** -d + 1e-12;
}

const ELLIPSIS_RE = /\.\.\.|…/;
/** Where a value ends and a remark about it begins: `0.75  (3 of 4)`, `[1 2]: the labels`, `5 — one per class`. */
const REMARK_RE = /\s{2,}|\s[—–-]\s|\s\(|[:;]\s|\s←|\s<-|\s#/;
/** Words a printed value may contain that are not in the output's own text. */
const VALUE_WORDS = /^(?:tensor|array|dtype|device|grad_fn|Size|torch|True|False|None|nan|inf|e)$/;

/**
 * The candidate value parts of a comment: the right side of a final `=`/`->`/`→` and the text
 * before a remark, tried in both orders (`2 / (2 + 1) = 0.667`, `[0.5 10.] : n / (K * n_c) = …`).
 */
function claimedValues(comment: string): string[] {
  const afterResult = (v: string): string => {
    const m = /^(.*)(?:=|->|→)\s*(.*)$/.exec(v);
    return m && VALUE_START_RE.test(m[2]) && balanced(m[1]) ? m[2] : v;
  };
  const beforeRemark = (v: string): string => {
    const r = REMARK_RE.exec(v);
    return r && r.index > 0 && balanced(v.slice(0, r.index)) ? v.slice(0, r.index) : v;
  };
  return [...new Set([beforeRemark(afterResult(comment)), afterResult(beforeRemark(comment))].map((v) => collapse(v)))];
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
  }
  return depth === 0;
}

/**
 * Judges a comment against what its statement printed. A comment is a claim when its value
 * part starts like a value (`0.75`, `[1 2]`, `tensor(`, `True`) and has no words the output
 * lacks; other comments are prose and not judged. `expr = value` claims the value; text after
 * two spaces, ` (`, `: `, ` — ` is a remark. The claimed numbers must appear in the output in
 * order (rounding allowed; `≈`/`~`/`about` allows 10 %); `...` ends what is compared.
 */
export function judgeClaim(comment: string, output: string): ClaimVerdict {
  const o = collapse(output);
  const raw = comment.trim();
  const approx = APPROX_RE.test(raw) || APPROX_ANYWHERE_RE.test(raw);
  const c = collapse(raw.replace(APPROX_RE, ''));
  if (c === o || (o && c.startsWith(o) && /^[\s,;:(—–-]/.test(c.slice(o.length)))) return { kind: 'match' };
  const verdicts = claimedValues(raw.replace(APPROX_RE, '')).map((v) => judgeValue(v, o, approx));
  return verdicts.find((x) => x.kind === 'match') ?? verdicts.find((x) => x.kind === 'mismatch') ?? { kind: 'prose' };
}

function judgeValue(value: string, o: string, approx: boolean): ClaimVerdict {
  let v = value;
  if (!VALUE_START_RE.test(v)) return { kind: 'prose' };
  const words = v.match(/[A-Za-z_]{2,}/g) ?? [];
  if (words.some((w) => !VALUE_WORDS.test(w) && !o.includes(w))) return { kind: 'prose' };
  const cut = ELLIPSIS_RE.exec(v);
  if (cut) {
    const head = collapse(v.slice(0, cut.index));
    if (!numbers(head).length) return o.startsWith(head.replace(/[\s,]+$/, '')) ? { kind: 'match' } : { kind: 'mismatch', why: `printed ${JSON.stringify(o)}` };
    v = head;
  }
  const cn = numbers(v);
  const on = numbers(o);
  if (on.length === 0 || cn.length === 0) {
    return o.startsWith(v) || v.startsWith(o) ? { kind: 'match' } : { kind: 'mismatch', why: `printed ${JSON.stringify(o)}` };
  }
  for (let start = 0; start + cn.length <= on.length; start++) {
    if (cn.every((n, i) => numberAgrees(n, on[start + i], approx))) return { kind: 'match' };
  }
  return { kind: 'mismatch', why: `printed ${JSON.stringify(o)}` };
}

/** Most entries whose example may be text only (worked numbers); the rest must be code that runs. */
export const MAX_TEXT_ONLY = 15;

/** True when an entry's `## Example` section has no block that runs (only text, or nothing). */
export function textOnlyExample(blocks: readonly CodeBlock[]): boolean {
  const inExample = blocks.filter((b) => b.section.toLowerCase() === 'example');
  return !inExample.some((b) => blockKind(b.lang) === 'python' || blockKind(b.lang) === 'js');
}
