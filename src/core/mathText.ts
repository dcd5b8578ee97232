/**
 * Turns the LaTeX used in glossary entries into readable HTML without a math engine: Greek
 * letters and symbols become Unicode, `^`/`_` become `<sup>`/`<sub>`, `\frac` becomes a small
 * stacked fraction, `\sqrt`, accents, `\mathbb`, `\mathbf`, `\text` and friends are handled, and
 * anything unknown degrades to its name in upright text. The output contains only escaped text
 * and fixed `<span>`, `<i>`, `<b>`, `<sup>`, `<sub>` and `<br>` elements.
 */
import { escapeHtml } from './highlight';

/** The table's own entry for a name from user text (`\\constructor` is not Object's). */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ',
  varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  ell: 'ℓ', hbar: 'ℏ', imath: 'ı', jmath: 'ȷ', Re: 'ℜ', Im: 'ℑ', aleph: 'ℵ',
  bigoplus: '⨁', bigotimes: '⨂', bigcup: '⋃', bigcap: '⋂', bigvee: '⋁', bigwedge: '⋀',
  sum: '∑', prod: '∏', coprod: '∐', int: '∫', iint: '∬', oint: '∮', partial: '∂', nabla: '∇', infty: '∞',
  cdot: '·', cdots: '⋯', ldots: '…', dots: '…', vdots: '⋮', ddots: '⋱', times: '×', div: '÷', pm: '±', mp: '∓',
  ast: '∗', star: '⋆', circ: '∘', bullet: '•', odot: '⊙', otimes: '⊗', oplus: '⊕', ominus: '⊖',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', simeq: '≃', cong: '≅', propto: '∝',
  equiv: '≡', ll: '≪', gg: '≫', prec: '≺', succ: '≻', doteq: '≐', triangleq: '≜', coloneqq: '≔',
  in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆', supset: '⊃', supseteq: '⊇', cup: '∪', cap: '∩',
  setminus: '∖', emptyset: '∅', varnothing: '∅', forall: '∀', exists: '∃', nexists: '∄', neg: '¬', lnot: '¬',
  land: '∧', wedge: '∧', lor: '∨', vee: '∨', top: '⊤', bot: '⊥', perp: '⊥', parallel: '∥', mid: '∣',
  to: '→', rightarrow: '→', leftarrow: '←', gets: '←', leftrightarrow: '↔', Rightarrow: '⇒', Leftarrow: '⇐',
  Leftrightarrow: '⇔', iff: '⇔', implies: '⇒', mapsto: '↦', uparrow: '↑', downarrow: '↓', longrightarrow: '⟶',
  langle: '⟨', rangle: '⟩', lvert: '|', rvert: '|', vert: '|', lVert: '‖', rVert: '‖', Vert: '‖',
  lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', lbrace: '{', rbrace: '}', backslash: '∖',
  prime: '′', degree: '°', angle: '∠', triangle: '△', square: '□', checkmark: '✓', dagger: '†',
  colon: ':', vdash: '⊢', models: '⊨',
};

/** Named functions and operators shown upright. */
const FUNCTIONS = new Set([
  'log', 'ln', 'lg', 'exp', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan', 'sec', 'csc',
  'cot', 'max', 'min', 'sup', 'inf', 'lim', 'liminf', 'limsup', 'arg', 'det', 'dim', 'ker', 'deg', 'gcd', 'Pr', 'hom',
  'argmax', 'argmin', 'softmax', 'sign', 'sgn', 'diag', 'tr', 'Tr', 'rank', 'var', 'Var', 'Cov', 'KL', 'mod',
]);

/** Relations and binary operators get a little space around them. */
const SPACED = new Set(['=', '+', '−', '<', '>', '≤', '≥', '≠', '≈', '∼', '≃', '≅', '∝', '≡', '→', '←', '↔', '⇒', '⇐',
  '⇔', '↦', '×', '÷', '±', '∓', '∈', '∉', '⊂', '⊆', '⊃', '⊇', '∪', '∩', '≪', '≫', '≔', '≜', '⟶', '∧', '∨', '⊙', '⊗', '⊕']);

const BLACKBOARD: Record<string, string> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', E: '𝔼', P: 'ℙ', H: 'ℍ', '1': '𝟙' };

const ACCENTS: Record<string, string> = {
  hat: '\u0302', widehat: '\u0302', tilde: '\u0303', widetilde: '\u0303', bar: '\u0304', overline: '\u0305',
  vec: '\u20d7', dot: '\u0307', ddot: '\u0308', check: '\u030c', breve: '\u0306', acute: '\u0301', grave: '\u0300',
};

const IGNORED = new Set(['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr',
  'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits', 'middle', 'nonumber', 'notag', 'label']);

const MAX_LENGTH = 4000;
const MAX_DEPTH = 40;

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly src: string, private readonly display: boolean, private readonly nesting = 0) {}

  /** A sequence of atoms until the end, a closing `}` or (inside `\left`…) nothing special. */
  sequence(stopAtBrace: boolean): string {
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '}') {
        if (stopAtBrace) return out;
        this.pos++;
        out += '}';
        continue;
      }
      out += this.atom(true);
    }
    return out;
  }

  /** One atom (with any scripts that follow it when `scripts`). */
  private atom(scripts: boolean): string {
    if (++this.depth > MAX_DEPTH) {
      // Nesting this deep is not real math: show the rest as text.
      const rest = this.src.slice(this.pos);
      this.pos = this.src.length;
      this.depth--;
      return escapeHtml(rest);
    }
    let out = this.base();
    if (scripts) {
      for (;;) {
        this.skipSpaces();
        const c = this.src[this.pos];
        if (c !== '^' && c !== '_') break;
        this.pos++;
        this.skipSpaces();
        const arg = this.src[this.pos] === '{' ? this.group() : this.atom(false);
        out += c === '^' ? `<sup>${arg}</sup>` : `<sub>${arg}</sub>`;
      }
    }
    this.depth--;
    return out;
  }

  private skipSpaces(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  /** `{…}` as HTML (the braces dropped); a single atom when there is no brace. */
  private group(): string {
    this.skipSpaces();
    if (this.src[this.pos] !== '{') return this.pos < this.src.length ? this.atom(false) : '';
    this.pos++;
    const inner = this.sequence(true);
    if (this.src[this.pos] === '}') this.pos++;
    return inner;
  }

  /** The raw text of `{…}` (for `\text`, `\begin` and friends). */
  private rawGroup(): string {
    this.skipSpaces();
    if (this.src[this.pos] !== '{') return '';
    let depth = 0;
    const start = this.pos + 1;
    for (; this.pos < this.src.length; this.pos++) {
      const c = this.src[this.pos];
      if (c === '\\') this.pos++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    const text = this.src.slice(start, this.pos);
    if (this.src[this.pos] === '}') this.pos++;
    return text;
  }

  private base(): string {
    const src = this.src;
    if (this.pos >= src.length) return '';
    const c = src[this.pos];
    if (c === '{') return this.group();
    if (c === '\\') return this.command();
    if (/\s/.test(c)) {
      this.pos++;
      return '';
    }
    if (/[A-Za-z]/.test(c)) {
      const m = /[A-Za-z]+/y;
      m.lastIndex = this.pos;
      const run = m.exec(src)![0];
      this.pos += run.length;
      return `<i>${run}</i>`;
    }
    if (/[0-9.]/.test(c)) {
      const m = /[0-9]*\.?[0-9]+|[0-9]+\.?|\./y;
      m.lastIndex = this.pos;
      const num = m.exec(src)![0];
      this.pos += num.length;
      return escapeHtml(num);
    }
    this.pos++;
    if (c === '&') return this.display ? '<span class="math-gap"> </span>' : ' ';
    if (c === '~') return '\u00a0';
    if (c === "'") return '′';
    if (c === '-') return op('−');
    if (c === '*') return '∗';
    if (SPACED.has(c)) return op(c);
    if (c === '^' || c === '_') return '';
    return escapeHtml(c);
  }

  /**
   * `\begin{cases|matrix|aligned…}…\end{…}` as a small table: rows split at `\\`, cells at `&`,
   * with a brace for `cases` and brackets for the matrix variants.
   */
  private environment(env: string): string {
    if (/array|tabular/.test(env)) this.rawGroup();
    const src = this.src;
    const begin = `\\begin{${env}}`;
    const end = `\\end{${env}}`;
    let depth = 1;
    let i = this.pos;
    let close = -1;
    while (i < src.length) {
      const b = src.indexOf(begin, i);
      const e = src.indexOf(end, i);
      if (e < 0) break;
      if (b >= 0 && b < e) {
        depth++;
        i = b + begin.length;
        continue;
      }
      if (--depth === 0) {
        close = e;
        break;
      }
      i = e + end.length;
    }
    const inner = src.slice(this.pos, close < 0 ? src.length : close);
    this.pos = close < 0 ? src.length : close + end.length;
    if (this.nesting >= 4) return escapeHtml(inner);
    const rows = splitTopLevel(inner, '\\\\').map((row) => splitTopLevel(row, '&'));
    const html = rows
      .filter((cells) => cells.some((c) => c.trim()))
      .map((cells) => `<span class="mrow">${cells.map((c) => `<span class="mcell">${new Parser(c, this.display, this.nesting + 1).sequence(false)}</span>`).join('')}</span>`)
      .join('');
    const table = `<span class="mtable">${html}</span>`;
    if (env === 'cases') return `<span class="mbrace">{</span>${table}`;
    const brackets: Record<string, [string, string]> = { pmatrix: ['(', ')'], bmatrix: ['[', ']'], Bmatrix: ['{', '}'], vmatrix: ['|', '|'], Vmatrix: ['‖', '‖'] };
    const b = own(brackets, env);
    return b ? `<span class="mbrace">${escapeHtml(b[0])}</span>${table}<span class="mbrace">${escapeHtml(b[1])}</span>` : table;
  }

  private command(): string {
    const src = this.src;
    this.pos++; // the backslash
    const m = /[A-Za-z]+/y;
    m.lastIndex = this.pos;
    const name = m.exec(src)?.[0];
    if (!name) {
      const ch = src[this.pos] ?? '';
      this.pos++;
      switch (ch) {
        case ',': return '\u2009';
        case ':':
        case '>':
        case ';': return '\u2005';
        case '!': return '';
        case ' ': return ' ';
        case '\\': return this.display ? '<br>' : ' ';
        case '|': return '‖';
        default: return escapeHtml(ch);
      }
    }
    this.pos += name.length;
    if (own(SYMBOLS, name)) {
      const s = SYMBOLS[name];
      return SPACED.has(s) ? op(s) : escapeHtml(s);
    }
    if (FUNCTIONS.has(name)) return `<span class="mu">${name}</span>`;
    if (IGNORED.has(name)) {
      if ((name === 'left' || name === 'right' || name === 'middle') && src[this.pos] === '.') this.pos++;
      if (name === 'label') this.rawGroup();
      return '';
    }
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac':
      case 'cfrac': {
        const num = this.group();
        const den = this.group();
        return `<span class="frac"><span class="num">${num}</span><span class="den">${den}</span></span>`;
      }
      case 'binom':
      case 'dbinom':
      case 'tbinom': {
        const n = this.group();
        const k = this.group();
        return `(<span class="frac binom"><span class="num">${n}</span><span class="den">${k}</span></span>)`;
      }
      case 'sqrt': {
        let index = '';
        if (src[this.pos] === '[') {
          const close = src.indexOf(']', this.pos);
          if (close > 0) {
            index = `<sup>${escapeHtml(src.slice(this.pos + 1, close))}</sup>`;
            this.pos = close + 1;
          }
        }
        return `${index}√<span class="sqrt">${this.group()}</span>`;
      }
      case 'text':
      case 'textrm':
      case 'textnormal':
      case 'mbox':
      case 'mathrm':
      case 'textit':
      case 'operatorname':
      case 'mathit':
      case 'mathsf':
      case 'textsf':
      case 'mathtt':
      case 'texttt': {
        const raw = this.rawGroup().replace(/\\([{}%$&#_ ])/g, '$1');
        const cls = name === 'textit' || name === 'mathit' ? 'mi' : 'mu';
        return `<span class="${cls}">${escapeHtml(raw)}</span>`;
      }
      case 'mathbf':
      case 'textbf':
      case 'boldsymbol':
      case 'bm':
      case 'pmb':
        return `<b>${this.group()}</b>`;
      case 'mathbb': {
        const raw = this.rawGroup();
        return escapeHtml([...raw].map((ch) => BLACKBOARD[ch] ?? ch).join(''));
      }
      case 'mathcal':
      case 'mathscr':
      case 'mathfrak':
        return `<span class="mcal">${this.group()}</span>`;
      case 'overline':
        return `<span class="over">${this.group()}</span>`;
      case 'underline':
        return `<span class="under">${this.group()}</span>`;
      case 'underbrace':
      case 'overbrace':
        return this.group();
      case 'overset':
      case 'stackrel': {
        const top = this.group();
        const body = this.group();
        return `${body}<sup>${top}</sup>`;
      }
      case 'underset': {
        const bottom = this.group();
        const body = this.group();
        return `${body}<sub>${bottom}</sub>`;
      }
      case 'begin':
        return this.environment(this.rawGroup());
      case 'end':
        this.rawGroup();
        return '';
      case 'quad': return '\u2003';
      case 'qquad': return '\u2003\u2003';
      case 'mathbin':
      case 'mathrel':
      case 'mathop':
      case 'mathord':
        return this.group();
      case 'not': {
        return withMark(this.atom(false), '\u0338');
      }
      default:
        if (own(ACCENTS, name)) {
          const body = this.group();
          // One character: a combining accent on it; longer bodies keep the accent visible after them.
          const plain = body.replace(/<[^>]*>/g, '');
          if ([...plain].length === 1) return withMark(body, ACCENTS[name]);
          return name === 'bar' || name === 'overline' ? `<span class="over">${body}</span>` : `${body}<sup>${escapeHtml(ACCENTS[name] === '\u0302' ? '^' : ACCENTS[name] === '\u0303' ? '~' : '→')}</sup>`;
        }
        return `<span class="mu">${escapeHtml(name)}</span>`;
    }
  }
}

/** Splits `s` at `sep` outside braces and nested environments. */
function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && s.startsWith('\\begin', i)) depth++;
    else if (c === '\\' && s.startsWith('\\end', i)) depth--;
    if (c === '\\' && !s.startsWith(sep, i)) {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      out.push(s.slice(start, i));
      i += sep.length - 1;
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** Puts a combining mark after the last character of `html`, inside its closing tags. */
function withMark(html: string, mark: string): string {
  const m = /((?:<\/[a-z]+>)*)$/.exec(html);
  const tail = m ? m[1] : '';
  return html.slice(0, html.length - tail.length) + mark + tail;
}

function op(s: string): string {
  return `<span class="mo">${escapeHtml(s)}</span>`;
}

/** Renders a TeX math expression as HTML (see the module comment). */
export function renderMath(tex: string, display = false): string {
  if (tex.length > MAX_LENGTH) return escapeHtml(tex);
  return new Parser(tex, display).sequence(false);
}
