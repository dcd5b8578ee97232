/**
 * A tiny syntax highlighter for the code in glossary entries (Python, JavaScript/TypeScript,
 * shell, JSON). It marks keywords, strings, comments, numbers, function names, constants,
 * decorators and shell variables with `tok-*` classes that the term page colours from the
 * theme. Every character of the input ends up HTML-escaped in the output; only `<span
 * class="tok-…">` elements are added. One pass, sticky regular expressions, no backtracking
 * blow-ups on unterminated strings.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** Token classes the highlighter emits (`tok-kw` etc.). */
export type TokenClass = 'kw' | 'str' | 'com' | 'num' | 'fn' | 'const' | 'dec' | 'var' | 'key' | 'opt' | 'type';

interface Rule {
  re: RegExp;
  /** A fixed class, or a function that classifies the matched text (identifiers). */
  cls: TokenClass | null | ((text: string, src: string, end: number, start: number) => TokenClass | null);
}

interface Grammar {
  rules: Rule[];
}

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

const PY_KEYWORDS = words(`and as assert async await break class continue def del elif else except finally for from
  global if import in is lambda nonlocal not or pass raise return try while with yield match case`);
const PY_CONSTANTS = words('True False None self cls');
const PY_BUILTINS = words(`abs all any bool dict enumerate filter float format getattr hasattr int isinstance iter len
  list map max min next object open print range repr reversed round set setattr slice sorted str sum super tuple type zip`);

const JS_KEYWORDS = words(`async await break case catch class const continue debugger default delete do else export
  extends finally for from function if import in instanceof let new of return static switch throw try typeof var void
  while with yield as implements interface type enum declare readonly private protected public abstract namespace keyof`);
const JS_CONSTANTS = words('true false null undefined this super NaN Infinity');
const JS_TYPES = words('string number boolean any unknown never object void bigint symbol Promise Array Map Set Record');

const SH_KEYWORDS = words('if then else elif fi for while until do done case esac function in return select time export local readonly unset source');

const IDENT = /[A-Za-z_$][\w$]*/y;

function followedByParen(src: string, end: number): boolean {
  let i = end;
  while (src[i] === ' ' || src[i] === '\t') i++;
  return src[i] === '(';
}

function previousWord(src: string, start: number): string {
  const m = /([A-Za-z_]\w*)\s+$/.exec(src.slice(Math.max(0, start - 40), start));
  return m ? m[1] : '';
}

const python: Grammar = {
  rules: [
    { re: /#[^\n]*/y, cls: 'com' },
    { re: /[rRbBfFuU]{0,2}("""[\s\S]*?(?:"""|$(?![\s\S]))|'''[\s\S]*?(?:'''|$(?![\s\S])))/y, cls: 'str' },
    { re: /[rRbBfFuU]{0,2}("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)/y, cls: 'str' },
    { re: /@[A-Za-z_][\w.]*/y, cls: (_t, src, _e, start) => (/(^|\n)[ \t]*$/.test(src.slice(Math.max(0, start - 80), start)) ? 'dec' : null) },
    { re: /(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)(?![\w])/y, cls: 'num' },
    {
      re: /[A-Za-z_]\w*/y,
      cls: (t, src, end, start) => {
        if (PY_KEYWORDS.has(t)) return 'kw';
        if (PY_CONSTANTS.has(t)) return 'const';
        const prev = previousWord(src, start);
        if (prev === 'def' || prev === 'class') return 'fn';
        if (followedByParen(src, end)) return PY_BUILTINS.has(t) ? 'type' : 'fn';
        return null;
      },
    },
  ],
};

const javascript: Grammar = {
  rules: [
    { re: /\/\/[^\n]*/y, cls: 'com' },
    { re: /\/\*[\s\S]*?(?:\*\/|$(?![\s\S]))/y, cls: 'com' },
    { re: /"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\[\s\S])*`?/y, cls: 'str' },
    { re: /@[A-Za-z_][\w.]*/y, cls: 'dec' },
    { re: /(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?n?)(?![\w$])/y, cls: 'num' },
    {
      re: IDENT,
      cls: (t, src, end, start) => {
        if (src[start - 1] === '.' && followedByParen(src, end)) return 'fn';
        if (src[start - 1] === '.') return null;
        if (JS_KEYWORDS.has(t)) return 'kw';
        if (JS_CONSTANTS.has(t)) return 'const';
        if (JS_TYPES.has(t)) return 'type';
        if (previousWord(src, start) === 'function' || followedByParen(src, end)) return 'fn';
        return null;
      },
    },
  ],
};

const shell: Grammar = {
  rules: [
    { re: /#[^\n]*/y, cls: (_t, src, _e, start) => (start === 0 || /\s/.test(src[start - 1]) ? 'com' : null) },
    { re: /"(?:[^"\\]|\\[\s\S])*"?|'[^']*'?/y, cls: 'str' },
    { re: /\$\{[^}\n]*\}?|\$[A-Za-z_]\w*|\$[0-9@#?*$!-]/y, cls: 'var' },
    { re: /(?<![\w-])--?[A-Za-z][\w-]*/y, cls: 'opt' },
    { re: /\d+(?:\.\d+)?(?![\w.])/y, cls: 'num' },
    {
      re: /[A-Za-z_][\w.-]*/y,
      cls: (t, src, _end, start) => {
        if (SH_KEYWORDS.has(t)) return 'kw';
        // A command: first word of a line or after a pipe, `;`, `&&`, `||` or `$(`.
        const before = src.slice(Math.max(0, start - 80), start);
        if (/(^|\n|[|;&(]|\$\()[ \t]*(sudo[ \t]+)?$/.test(before)) return 'fn';
        return null;
      },
    },
  ],
};

const json: Grammar = {
  rules: [
    { re: /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$(?![\s\S]))/y, cls: 'com' },
    { re: /"(?:[^"\\\n]|\\.)*"?/y, cls: (_t, src, end) => (/^\s*:/.test(src.slice(end, end + 20)) ? 'key' : 'str') },
    { re: /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y, cls: 'num' },
    { re: /true|false|null/y, cls: 'const' },
  ],
};

const GRAMMARS: Record<string, Grammar> = {
  python, py: python, python3: python, ipython: python, pycon: python,
  javascript, js: javascript, jsx: javascript, mjs: javascript, cjs: javascript,
  typescript: javascript, ts: javascript, tsx: javascript,
  bash: shell, sh: shell, shell, zsh: shell, console: shell, shellsession: shell,
  json, jsonc: json, json5: json,
};

/** Whether `lang` (a fence's info string) has a grammar. */
export function canHighlight(lang: string): boolean {
  return Object.prototype.hasOwnProperty.call(GRAMMARS, lang.trim().toLowerCase());
}

/** Highlights `code` as `lang`; unknown languages come back escaped and otherwise unchanged. */
export function highlight(code: string, lang: string): string {
  const key = lang.trim().toLowerCase();
  const grammar = Object.prototype.hasOwnProperty.call(GRAMMARS, key) ? GRAMMARS[key] : undefined;
  if (!grammar) return escapeHtml(code);
  let out = '';
  let plain = '';
  let pos = 0;
  const flush = (): void => {
    if (plain) out += escapeHtml(plain);
    plain = '';
  };
  outer: while (pos < code.length) {
    for (const rule of grammar.rules) {
      rule.re.lastIndex = pos;
      const m = rule.re.exec(code);
      if (!m || m[0].length === 0) continue;
      const text = m[0];
      const end = pos + text.length;
      const cls = typeof rule.cls === 'function' ? rule.cls(text, code, end, pos) : rule.cls;
      if (cls) {
        flush();
        out += `<span class="tok-${cls}">${escapeHtml(text)}</span>`;
      } else {
        plain += text;
      }
      pos = end;
      continue outer;
    }
    plain += code[pos++];
  }
  flush();
  return out;
}
