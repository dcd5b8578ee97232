/**
 * A last line of defence for rendered Markdown before it enters the page: the renderer already
 * escapes raw HTML and drops unsafe links, and the CSP blocks inline script; this keeps only
 * known elements and attributes, so a renderer bug cannot become live markup.
 */

const ALLOWED_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'em', 'strong', 'code', 'pre', 'blockquote', 'a',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'span', 'div', 'i', 'b', 'sup', 'sub', 's', 'del',
]);

const ALLOWED_ATTRS: Record<string, Set<string>> = {
  '*': new Set(['class', 'title']),
  a: new Set(['href', 'data-term', 'rel']),
  ol: new Set(['start']),
};

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
    for (const name of el.getAttributeNames()) {
      const allowed = ALLOWED_ATTRS['*'].has(name) || ALLOWED_ATTRS[tag]?.has(name);
      if (!allowed || (name === 'href' && !SAFE_HREF.test(el.getAttribute(name) ?? ''))) el.removeAttribute(name);
    }
    clean(el);
  }
}
