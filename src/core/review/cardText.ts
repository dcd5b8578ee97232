/** Longest key idea a card shows. */
export const MAX_KEY_IDEA = 320;

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', eta: 'η', theta: 'θ', lambda: 'λ',
  mu: 'μ', sigma: 'σ', tau: 'τ', phi: 'φ', pi: 'π', omega: 'ω', nabla: '∇', Sigma: 'Σ', Delta: 'Δ',
};
const SYMBOLS: Record<string, string> = { cdot: '·', times: '×', le: '≤', leq: '≤', ge: '≥', geq: '≥', approx: '≈', to: '→', infty: '∞', sum: 'Σ', lVert: '‖', rVert: '‖', in: '∈', sqrt: '√' };

/** Inline TeX made readable as plain text: Greek letters and common symbols as characters, fractions as a/b, markup dropped. */
export function readableTex(tex: string): string {
  let s = tex;
  for (let i = 0; i < 3 && /\\frac\{/.test(s); i++) s = s.replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '$1/$2');
  return s
    .replace(/\\[,;:! ]/g, ' ')
    .replace(/\\\|/g, '‖')
    .replace(/\\\{/g, '\u0001')
    .replace(/\\\}/g, '\u0002')
    .replace(/\\(hat|bar|tilde|vec|mathbf|mathrm|mathcal|text|operatorname|left|right|big|Big)\b\s*/g, '')
    .replace(/\\([A-Za-z]+)\s?/g, (_m, name: string) => GREEK[name] ?? SYMBOLS[name] ?? name)
    .replace(/[{}]/g, '')
    .replace(/\u0001/g, '{')
    .replace(/\u0002/g, '}')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Markdown reduced to plain text for a card: links keep their text, emphasis and code marks go,
 * inline math keeps its source without the dollar signs. The result is shown as text, never as HTML.
 */
export function plainText(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\$\$([^$]+)\$\$/g, (_m, tex: string) => readableTex(tex))
    .replace(/\$([^$\n]+)\$/g, (_m, tex: string) => readableTex(tex))
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts text at a sentence end within `max` characters, else at a word, with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const end = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '));
  if (end > max / 3) return head.slice(0, end + 1);
  const space = head.lastIndexOf(' ');
  return head.slice(0, space > 0 ? space : max - 1) + '…';
}

/** The prose paragraphs of a Markdown text, skipping headings, lists, tables, code and display math. */
function paragraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  let para: string[] = [];
  let fence: string | undefined;
  const flush = (): void => {
    if (para.length) out.push(para.join(' '));
    para = [];
  };
  for (const raw of lines) {
    const l = raw.trim();
    if (fence) {
      if (l.startsWith(fence) || (fence === '$$' && l.endsWith('$$') && l.length > 2)) fence = undefined;
      continue;
    }
    const mark = /^(```|~~~|\$\$)/.exec(l)?.[1];
    if (mark) {
      flush();
      if (!(mark === '$$' && l.length > 2 && l.endsWith('$$'))) fence = mark;
      continue;
    }
    if (!l || /^(#|\||>|[-*+] |\d+\. )/.test(l)) {
      flush();
      continue;
    }
    para.push(l);
  }
  flush();
  return out;
}

/**
 * The key idea of an entry: the first paragraph of its "In depth" section (else of its body) that
 * says something whole, as plain text, cut to {@link MAX_KEY_IDEA} characters. A paragraph that
 * leads into a formula ("…before the gradient step:") ends at its last full sentence, or gives way
 * to the next paragraph. Empty when the body has no prose.
 */
export function keyIdea(bodyMarkdown: string): string {
  const lines = bodyMarkdown.split(/\r?\n/);
  const at = lines.findIndex((l) => /^##\s+In depth\s*$/i.test(l));
  let section = at < 0 ? lines : lines.slice(at + 1);
  const next = section.findIndex((l) => /^##\s/.test(l));
  if (next >= 0) section = section.slice(0, next);
  const texts = paragraphs(section).map(plainText).filter(Boolean);
  const whole = texts.map((text) => {
    if (/[.!?)]$/.test(text)) return text;
    const end = Math.max(text.lastIndexOf('. '), text.lastIndexOf('? '), text.lastIndexOf('! '));
    if (end > 0) return text.slice(0, end + 1);
    // One sentence introducing a formula ("…before the gradient step:") still says the idea.
    return text.endsWith(':') ? text.slice(0, -1) + '.' : undefined;
  });
  // A whole paragraph that starts a thought, not a continuation after a formula ("where λ is…").
  const best = whole.find((t) => t && !/^[a-z]/.test(t)) ?? whole.find(Boolean) ?? texts[0];
  return best ? shorten(best, MAX_KEY_IDEA) : '';
}

/** What stands in for the term in a definition on a "pick the term" card. */
export const MASK = '▁▁▁';

/**
 * Hides the names of a term (title, aliases) in its definition, so that a "pick the term" card
 * does not give the answer away. Whole words only, any case; longer names first.
 */
export function maskNames(text: string, names: readonly string[]): string {
  const escaped = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!escaped.length) return text;
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?:e?s)?(?![\\p{L}\\p{N}])`, 'giu'), MASK);
}
