/**
 * A last line of defence for rendered Markdown before it enters the page: the renderer already
 * escapes raw HTML and drops unsafe links, and the CSP blocks inline script; this keeps only
 * known elements and attributes, so a renderer bug cannot become live markup.
 *
 * KaTeX places glyphs with inline styles, which the page's CSP forbids in markup; the compiler
 * writes them as `data-style`, and this applies the lengths among them through the CSSOM.
 */

const ALLOWED_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'em', 'strong', 'code', 'pre', 'blockquote', 'a',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'span', 'div', 'i', 'b', 'sup', 'sub', 's', 'del',
  'svg', 'path', 'line',
]);

const ALLOWED_ATTRS: Record<string, Set<string>> = {
  '*': new Set(['class', 'title', 'aria-hidden', 'aria-label', 'role']),
  a: new Set(['href', 'data-term', 'rel']),
  ol: new Set(['start']),
  svg: new Set(['xmlns', 'width', 'height', 'viewbox', 'preserveaspectratio']),
  path: new Set(['d']),
  line: new Set(['x1', 'x2', 'y1', 'y2', 'stroke-width']),
};

/** Style properties KaTeX sets, and the only values they may take: lengths and a few keywords. */
const STYLE_PROPS = new Set([
  'height', 'width', 'min-width', 'max-width', 'top', 'bottom', 'left', 'right', 'vertical-align', 'margin-left', 'margin-right',
  'margin-top', 'margin-bottom', 'padding-left', 'padding-right', 'border-bottom-width', 'border-top-width', 'border-right-width',
  'border-left-width', 'border-style', 'position', 'display', 'font-size', 'line-height',
]);
const STYLE_VALUE = /^(?:-?\d*\.?\d+(?:em|ex|px|pt|%)?|auto|solid|dashed|relative|absolute|inline-block|block|none|0)$/;

const SAFE_HREF = /^(#[A-Za-z0-9._-]*|https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/** Parses `html` and returns a fragment holding only allowed elements and attributes. */
export function sanitizedFragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  clean(template.content);
  return template.content;
}

function clean(root: ParentNode): void {
  for (const child of [...root.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE) continue;
    if (child.nodeType !== Node.ELEMENT_NODE) {
      child.remove();
      continue;
    }
    const el = child as Element;
    const tag = el.tagName.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) {
      // Unknown elements keep their text, never their markup.
      el.replaceWith(document.createTextNode(el.textContent ?? ''));
      continue;
    }
    const style = el.getAttribute('data-style');
    for (const name of el.getAttributeNames()) {
      const lower = name.toLowerCase();
      const allowed = lower !== 'style' && (ALLOWED_ATTRS['*'].has(lower) || ALLOWED_ATTRS[tag]?.has(lower));
      if (!allowed || (name === 'href' && !SAFE_HREF.test(el.getAttribute(name) ?? ''))) el.removeAttribute(name);
    }
    if (style) applyStyle(el as HTMLElement | SVGElement, style);
    clean(el);
  }
}

/** Applies `prop: value` pairs whose property and value are on the allowlists (CSSOM writes are allowed by the CSP). */
export function applyStyle(el: HTMLElement | SVGElement, declarations: string): void {
  for (const d of declarations.split(';')) {
    const at = d.indexOf(':');
    if (at < 0) continue;
    const prop = d.slice(0, at).trim().toLowerCase();
    const value = d.slice(at + 1).trim();
    if (STYLE_PROPS.has(prop) && STYLE_VALUE.test(value)) el.style.setProperty(prop, value);
  }
}
