/**
 * Markdown rendering for glossary entries, shared by the term page and the tests.
 *
 * Safety: raw HTML is disabled (it renders as text), links are limited to http(s), mailto and
 * links to other glossary terms (everything else, `javascript:`, `data:`, `command:`, `file:`…,
 * stays literal text), images render as their alt text, and table alignment uses classes rather
 * than inline styles (the page's CSP forbids them). Math (`$…$`, `$$…$$`) is typeset by KaTeX
 * (`math.ts`) and code fences are coloured by highlight.js (`highlight.ts`). The glossary
 * compiler renders every body once, so pages receive finished HTML.
 */
import MarkdownIt from 'markdown-it';
import type { TermId } from './types';
import { highlight } from './highlight';
import { escapeHtml } from './html';
import { mathElement, MathError, renderTex } from './math';

type StateInline = MarkdownIt.StateInline;
type StateBlock = MarkdownIt.StateBlock;
type Token = MarkdownIt.Token;

/** Options of {@link createMarkdownRenderer}. */
export interface MarkdownOptions {
  /** Whether a term id exists; links to unknown terms render as plain text. Default: any id. */
  isTerm?: (id: TermId) => boolean;
  /** Called for a formula KaTeX cannot typeset; the formula is then shown as its source. */
  onMathError?: (tex: string, message: string) => void;
}

/** Renders entry Markdown to HTML. */
export interface MarkdownRenderer {
  /** A block of Markdown (the entry body). */
  render(markdown: string): string;
  /** One paragraph's worth of inline Markdown (the short definition), without a `<p>`. */
  renderInline(markdown: string): string;
}

const TERM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * The term a link points at, if it is a glossary link: `term:dropout`, `dropout.md`,
 * `./dropout.md` or `../glossary/dropout.md`.
 */
export function termLinkTarget(href: string): TermId | undefined {
  const t = /^term:([^/?#\s]+)$/i.exec(href) ?? /^(?:\.{1,2}\/)*(?:glossary\/)?([^/?#\s]+)\.md$/i.exec(href);
  return t && TERM_ID.test(t[1]) ? t[1] : undefined;
}

/** Whether a link target may render as a link at all. */
export function isAllowedLink(href: string): boolean {
  const url = href.trim();
  if (termLinkTarget(url)) return true;
  return /^(https?:\/\/|mailto:)[^\s]+$/i.test(url);
}

// ---------------------------------------------------------------------------------------------
// Math

function isSpaceChar(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== '$') return false;
  // $$…$$ inside a paragraph: display math.
  if (src[start + 1] === '$') {
    const end = src.indexOf('$$', start + 2);
    if (end < 0 || end >= state.posMax || end === start + 2) return false;
    if (!silent) {
      const token = state.push('math_inline_display', 'math', 0);
      token.content = src.slice(start + 2, end);
      token.markup = '$$';
    }
    state.pos = end + 2;
    return true;
  }
  // $…$: the opening $ is followed by a non-space, the closing $ preceded by a non-space and
  // not followed by a digit (so "costs $5 and $10" stays text).
  if (isSpaceChar(src[start + 1])) return false;
  let end = start + 1;
  for (;;) {
    end = src.indexOf('$', end);
    if (end < 0 || end >= state.posMax) return false;
    if (src[end - 1] === '\\') {
      end++;
      continue;
    }
    break;
  }
  if (isSpaceChar(src[end - 1]) || /[0-9]/.test(src[end + 1] ?? '')) return false;
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = src.slice(start + 1, end);
    token.markup = '$';
  }
  state.pos = end + 1;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineText = (line: number): string => state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const first = lineText(startLine);
  if (!first.startsWith('$$')) return false;
  let content: string;
  let last = startLine;
  const rest = first.slice(2);
  const closeOnFirst = rest.trimEnd().endsWith('$$') && rest.trim().length >= 2;
  if (closeOnFirst) {
    content = rest.trimEnd().slice(0, -2);
    // "$$a$$ and $$b$$" on one line is a paragraph with inline math, not a block.
    if (content.includes('$$')) return false;
  } else {
    const lines = [rest];
    let found = false;
    for (let line = startLine + 1; line < endLine; line++) {
      const text = lineText(line);
      if (state.sCount[line] < state.blkIndent && text.length > 0) break;
      const trimmed = text.trimEnd();
      if (trimmed.endsWith('$$')) {
        lines.push(trimmed.slice(0, -2));
        last = line;
        found = true;
        break;
      }
      lines.push(text);
    }
    if (!found) return false;
    content = lines.join('\n');
  }
  if (silent) return true;
  state.line = last + 1;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = content.trim();
  token.markup = '$$';
  token.map = [startLine, state.line];
  return true;
}

function mathPlugin(md: MarkdownIt, onError: (tex: string, message: string) => void): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.after('blockquote', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  const render = (tex: string, display: boolean): string => {
    try {
      return renderTex(tex, display);
    } catch (e) {
      onError(tex, e instanceof MathError ? e.message : String(e));
      return `<code class="math-error">${escapeHtml(tex)}</code>`;
    }
  };
  md.renderer.rules.math_inline = (tokens, idx) => mathElement(tokens[idx].content, false, false, render);
  md.renderer.rules.math_inline_display = (tokens, idx) => mathElement(tokens[idx].content, true, false, render);
  md.renderer.rules.math_block = (tokens, idx) => mathElement(tokens[idx].content, true, true, render);
}

// ---------------------------------------------------------------------------------------------
// Links, images and tables

function linkPlugin(md: MarkdownIt, isTerm: (id: TermId) => boolean): void {
  md.validateLink = (url: string) => isAllowedLink(url) && (!termLinkTarget(url.trim()) || isTerm(termLinkTarget(url.trim())!));
  const defaultOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token.attrGet('href') ?? '';
    const term = termLinkTarget(href);
    if (term) {
      token.attrs = [['href', `#${term}`], ['class', 'term-link'], ['data-term', term]];
    } else {
      const title = token.attrGet('title');
      token.attrs = [['href', href], ['class', 'external'], ['rel', 'noopener noreferrer'], ['title', title || href]];
    }
    return defaultOpen(tokens, idx, options, env, self);
  };
  // Images would be blocked by the page's policy anyway: show their description instead.
  md.renderer.rules.image = (tokens, idx) => {
    const alt = tokens[idx].children?.map((t) => t.content).join('') || tokens[idx].content;
    return alt ? `<span class="image-alt">${escapeHtml(alt)}</span>` : '';
  };
  md.core.ruler.push('align_classes', (state) => {
    const visit = (tokens: Token[]): void => {
      for (const t of tokens) {
        if ((t.type === 'th_open' || t.type === 'td_open') && t.attrs) {
          const style = t.attrGet('style');
          t.attrs = t.attrs.filter(([name]) => name !== 'style');
          const m = style && /text-align:\s*(left|right|center)/.exec(style);
          if (m) t.attrJoin('class', `align-${m[1]}`);
        }
        if (t.children) visit(t.children);
      }
    };
    visit(state.tokens);
  });
}

/** Creates a renderer (markdown-it with the glossary's safety rules and plugins). */
export function createMarkdownRenderer(options: MarkdownOptions = {}): MarkdownRenderer {
  const md = new MarkdownIt({
    html: false,
    linkify: false,
    typographer: false,
    breaks: false,
    highlight: (code, lang) => highlight(code, lang || ''),
  });
  mathPlugin(md, options.onMathError ?? (() => undefined));
  linkPlugin(md, options.isTerm ?? (() => true));
  return {
    render: (markdown) => md.render(markdown),
    renderInline: (markdown) => md.renderInline(markdown),
  };
}
