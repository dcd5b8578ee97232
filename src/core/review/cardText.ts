/** Longest key idea a card shows. */
export const MAX_KEY_IDEA = 320;

/**
 * Markdown reduced to plain text for a card: links keep their text, emphasis and code marks go,
 * inline math keeps its source without the dollar signs. The result is shown as text, never as HTML.
 */
export function plainText(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\$\$([^$]+)\$\$/g, '$1')
    .replace(/\$([^$\n]+)\$/g, '$1')
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

/**
 * The key idea of an entry: the first paragraph of its "In depth" section (else of its body), as
 * plain text, cut to {@link MAX_KEY_IDEA} characters. Empty when the body has no prose paragraph.
 */
export function keyIdea(bodyMarkdown: string): string {
  const lines = bodyMarkdown.split(/\r?\n/);
  let start = lines.findIndex((l) => /^##\s+In depth\s*$/i.test(l));
  start = start < 0 ? 0 : start + 1;
  const para: string[] = [];
  let fence: string | undefined;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i].trim();
    const mark = /^(```|~~~|\$\$)/.exec(l)?.[1];
    if (fence) {
      if (l.startsWith(fence) || (fence === '$$' && l.endsWith('$$') && l.length > 2)) fence = undefined;
      continue;
    }
    if (mark && !(mark === '$$' && l.length > 2 && l.endsWith('$$'))) {
      if (para.length) break;
      fence = mark;
      continue;
    }
    if (!l) {
      if (para.length) break;
      continue;
    }
    if (/^(#|```|~~~|\$\$|\||>|[-*+] |\d+\. )/.test(l)) {
      if (para.length) break;
      continue;
    }
    para.push(l);
  }
  return shorten(plainText(para.join(' ')), MAX_KEY_IDEA);
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
