/**
 * TeX to HTML with KaTeX, for the glossary compiler. Output is HTML only (no MathML), with the
 * formula's source as the accessible label. KaTeX positions glyphs with inline `style`
 * attributes, which the term page's Content-Security-Policy forbids; they are emitted as
 * `data-style` and applied by the page through the CSSOM after sanitising.
 */
import katex from 'katex';
import { escapeHtml } from './html';

/** What went wrong with a formula. */
export class MathError extends Error {}

/**
 * Renders `tex`. Throws {@link MathError} on a formula KaTeX cannot typeset (unknown macro,
 * unbalanced braces), so the glossary build can report it with the entry's file and line.
 */
export function renderTex(tex: string, display: boolean): string {
  let html: string;
  try {
    html = katex.renderToString(tex, {
      displayMode: display,
      output: 'html',
      throwOnError: true,
      strict: 'ignore',
      trust: false,
      maxSize: 20,
      maxExpand: 200,
    });
  } catch (e) {
    throw new MathError(e instanceof Error ? e.message.replace(/^KaTeX parse error: /, '') : String(e));
  }
  return html.replace(/ style="/g, ' data-style="');
}

/** Wraps rendered math in the element the page styles, labelled with its source. */
export function mathElement(tex: string, display: boolean, block: boolean, render: (tex: string, display: boolean) => string): string {
  const label = escapeHtml(tex.replace(/\s+/g, ' ').trim());
  const tag = block ? 'div' : 'span';
  return `<${tag} class="math ${display ? 'math-display' : 'math-inline'}" role="img" aria-label="${label}" title="${label}">${render(tex, display)}</${tag}>${block ? '\n' : ''}`;
}
