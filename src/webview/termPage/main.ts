// The term page: renders a glossary entry sent by the extension, handles related-term links
// (navigating within the same panel), back/forward, and the page's buttons.
import './l10nSetup';
import * as l10n from '@vscode/l10n';
import {
  isExtensionToTermPageMessage,
  parseTermPageState,
  type ExtensionToTermPageMessage,
  type TermPageData,
  type TermPageLink,
  type TermPageNav,
  type TermPageState,
  type TermPageToExtensionMessage,
} from '../../shared/messages';
import { sanitizedFragment } from './sanitize';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('term-page') as HTMLElement;

let state: TermPageState | undefined = parseTermPageState(vscode.getState());
let page: TermPageData | undefined;
let nav: TermPageNav = { canBack: false, canForward: false, history: [], index: -1 };
let learned = new Set<string>();
/** Focus the title after the next render (navigation started inside the page). */
let focusTitle = false;

function post(message: TermPageToExtensionMessage): void {
  vscode.postMessage(message);
}

// ------------------------------------------------------------------------------ DOM building

type Child = Node | string | undefined | false | null;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== false && c !== null) el.append(c);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const ICONS: Record<string, string[]> = {
  back: ['M7.5 3.5 3 8l4.5 4.5', 'M3.5 8H13'],
  forward: ['M8.5 3.5 13 8l-4.5 4.5', 'M12.5 8H3'],
  check: ['M3 8.5 6.5 12 13 4.5'],
  undo: ['M4 4v4h4', 'M4.5 8A4.5 4.5 0 1 1 6 11.8'],
  tree: ['M2.5 3.5h4', 'M4.5 3.5v9', 'M4.5 8h3', 'M4.5 12.5h3', 'M9.5 8h4', 'M9.5 12.5h4', 'M8.5 3.5h5'],
  lab: ['M6 2.5h4', 'M6.75 2.5v4L3.2 12.6a1 1 0 0 0 .86 1.4h7.88a1 1 0 0 0 .86-1.4L9.25 6.5v-4', 'M4.6 10h6.8'],
  search: ['M10.2 10.2 13.5 13.5', 'M11 7a4 4 0 1 1-8 0 4 4 0 0 1 8 0Z'],
  copy: ['M5.5 5.5h7v8h-7z', 'M3.5 10.5v-8h7'],
  external: ['M9 3h4v4', 'M13 3 7.5 8.5', 'M11.5 9.5v3h-8v-8h3'],
};

function icon(name: keyof typeof ICONS): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

function button(id: string | undefined, label: string, iconName: keyof typeof ICONS | undefined, cls: string, onClick: () => void, extra: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
  const b = h('button', { id, type: 'button', class: cls, ...extra }, iconName ? icon(iconName) : undefined, h('span', { class: 'label' }, label));
  b.addEventListener('click', onClick);
  return b;
}

/** HTML rendered when the glossary was compiled, as a safe fragment. */
function md(html: string): DocumentFragment {
  return sanitizedFragment(html);
}

const LEVEL_NAME: Record<NonNullable<TermPageData['level']>, string> = {
  beginner: l10n.t('beginner'),
  intermediate: l10n.t('intermediate'),
  advanced: l10n.t('advanced'),
};

const LEVEL_TITLE: Record<NonNullable<TermPageData['level']>, string> = {
  beginner: l10n.t('Beginner: needs no background'),
  intermediate: l10n.t('Intermediate: builds on the basics'),
  advanced: l10n.t('Advanced: research or systems depth'),
};

// ------------------------------------------------------------------------------ rendering

const REL_GROUPS: Array<{ title: string; rels: TermPageLink['rel'][]; cls: string }> = [
  { title: l10n.t('Builds on'), rels: ['prerequisite', 'part-of'], cls: 'rel-prerequisite' },
  { title: l10n.t('See also'), rels: ['see-also', 'example'], cls: 'rel-see-also' },
  { title: l10n.t('Contrast with'), rels: ['contrast'], cls: 'rel-contrast' },
  { title: l10n.t('Mentioned by'), rels: ['referenced-by'], cls: 'rel-referenced-by' },
];

const REL_LABEL: Record<TermPageLink['rel'], string> = {
  prerequisite: l10n.t('prerequisite'),
  'part-of': l10n.t('part of'),
  'see-also': l10n.t('see also'),
  example: l10n.t('example'),
  contrast: l10n.t('contrast'),
  'referenced-by': l10n.t('links here'),
};

function termLink(id: string, title: string, cls = 'term-link', tooltip?: string): HTMLAnchorElement {
  return h('a', { href: `#${id}`, class: cls, 'data-term': id, title: tooltip }, title);
}

function toolbar(p: TermPageData | undefined): HTMLElement {
  return h(
    'nav',
    { class: 'toolbar', 'aria-label': l10n.t('Glossary navigation') },
    button('term-back', l10n.t('Back'), 'back', 'icon-button', () => post({ type: 'term/back' }), { disabled: !nav.canBack, title: l10n.t('Back (Alt+Left)'), 'aria-label': l10n.t('Back') }),
    button('term-forward', l10n.t('Forward'), 'forward', 'icon-button', () => post({ type: 'term/forward' }), { disabled: !nav.canForward, title: l10n.t('Forward (Alt+Right)'), 'aria-label': l10n.t('Forward') }),
    h('span', { class: 'crumbs' }, l10n.t('Glossary'), p ? h('span', { class: 'sep', 'aria-hidden': 'true' }, '›') : undefined, p ? p.category.title : undefined),
    h('span', { class: 'spacer' }),
    button('term-search', l10n.t('Search glossary'), 'search', 'icon-button text', () => post({ type: 'term/search' }), { title: l10n.t('Search the glossary') }),
  );
}

function learnedButton(p: TermPageData): HTMLButtonElement {
  const isLearned = learned.has(p.id);
  return button(
    'term-learned',
    isLearned ? l10n.t('Mark as not learned') : l10n.t('Mark as learned'),
    isLearned ? 'undo' : 'check',
    isLearned ? 'secondary' : 'primary',
    () => post({ type: 'term/setLearned', id: p.id, learned: !learned.has(p.id) }),
    { 'aria-pressed': isLearned ? 'true' : 'false', 'data-learned': isLearned ? 'true' : 'false' },
  );
}

function statusBadge(p: TermPageData): HTMLElement {
  const isLearned = learned.has(p.id);
  return h('span', { id: 'term-status', class: `status ${isLearned ? 'learned' : 'not-learned'}` }, isLearned ? icon('check') : undefined, isLearned ? l10n.t('Learned') : l10n.t('Not learned yet'));
}

function header(p: TermPageData): HTMLElement {
  const names: Child[] = [];
  if (p.aliases.length) {
    names.push(h('div', { class: 'names-row' }, h('span', { class: 'names-label' }, l10n.t('Also called')), h('span', { class: 'chips' }, ...p.aliases.map((a) => h('span', { class: 'chip' }, a)))));
  }
  if (p.code.length) {
    names.push(h('div', { class: 'names-row' }, h('span', { class: 'names-label' }, l10n.t('In code')), h('span', { class: 'chips' }, ...p.code.map((c) => h('code', { class: 'chip code' }, c)))));
  }
  return h(
    'header',
    { class: 'term-header' },
    h(
      'div',
      { class: 'eyebrow' },
      h('span', { class: 'category' }, p.category.title),
      p.position.total > 0 ? h('span', { class: 'position' }, l10n.t('{0} of {1}', p.position.index, p.position.total)) : undefined,
      p.level ? h('span', { class: `level level-${p.level}`, title: LEVEL_TITLE[p.level] }, LEVEL_NAME[p.level]) : undefined,
      statusBadge(p),
    ),
    h('h1', { id: 'term-title', tabindex: '-1' }, p.title),
    h('p', { class: 'summary' }, md(p.summaryHtml)),
    h(
      'div',
      { class: 'actions' },
      learnedButton(p),
      button('term-reveal', l10n.t('Reveal in tree'), 'tree', 'secondary', () => post({ type: 'term/reveal', id: p.id }), { title: l10n.t('Show this term in the Glossary view') }),
      p.lab ? button('term-lab', l10n.t('Try it in the pre-training lab'), 'lab', 'secondary', () => post({ type: 'term/openLab', id: p.id }), { title: l10n.t('Open the pre-training lab, which demonstrates this term') }) : undefined,
    ),
    names.length ? h('div', { class: 'names' }, ...names) : undefined,
  );
}

function relatedSection(p: TermPageData): HTMLElement | undefined {
  if (!p.related.length) return undefined;
  const groups = REL_GROUPS.map((g) => ({ ...g, links: p.related.filter((r) => g.rels.includes(r.rel)) })).filter((g) => g.links.length);
  return h(
    'section',
    { id: 'term-related', class: 'related', 'aria-labelledby': 'term-related-title' },
    h('h2', { id: 'term-related-title' }, l10n.t('Related terms')),
    ...groups.map((g) =>
      h(
        'div',
        { class: `related-group ${g.cls}` },
        h('h3', {}, g.title),
        h(
          'ul',
          { class: 'related-list' },
          ...g.links.map((r) => {
            const isLearned = learned.has(r.id);
            const li = h(
              'li',
              { class: `related-item rel-${r.rel}${isLearned ? ' is-learned' : ''}`, 'data-related': r.id, 'data-rel': r.rel },
              r.rel === 'contrast' ? h('span', { class: 'rel-mark', title: l10n.t('Contrast: often confused with this term'), 'aria-hidden': 'true' }, '⇄') : undefined,
              termLink(r.id, r.title, 'term-link related-link', r.summary),
              // The group's heading already says "see also" etc.; contrast stays marked on every item.
              r.rel !== g.rels[0] || r.rel === 'contrast' ? h('span', { class: 'rel-badge' }, REL_LABEL[r.rel]) : undefined,
              isLearned ? h('span', { class: 'learned-mark', title: l10n.t('Learned') }, icon('check')) : undefined,
            );
            return li;
          }),
        ),
      ),
    ),
  );
}

function referencesSection(p: TermPageData): HTMLElement | undefined {
  if (!p.references.length) return undefined;
  return h(
    'section',
    { id: 'term-references', class: 'references', 'aria-labelledby': 'term-references-title' },
    h('h2', { id: 'term-references-title' }, l10n.t('References')),
    h(
      'ol',
      {},
      ...p.references.map((r) => {
        const url = r.url && /^https?:\/\//i.test(r.url) ? r.url : undefined;
        const title = url ? h('a', { href: url, class: 'external', title: url }, r.title, icon('external')) : h('span', { class: 'ref-title' }, r.title);
        const meta = [r.authors, r.year ? String(r.year) : undefined].filter(Boolean).join(', ');
        return h('li', {}, title, meta ? h('span', { class: 'ref-meta' }, ` ${meta}`) : undefined);
      }),
    ),
  );
}

function pager(p: TermPageData): HTMLElement | undefined {
  if (!p.previous && !p.next) return undefined;
  return h(
    'footer',
    { class: 'pager', 'aria-label': l10n.t('More in {0}', p.category.title) },
    p.previous ? h('a', { href: `#${p.previous.id}`, class: 'term-link pager-prev', 'data-term': p.previous.id }, h('span', { class: 'pager-hint' }, l10n.t('Previous')), p.previous.title) : h('span'),
    p.next ? h('a', { href: `#${p.next.id}`, class: 'term-link pager-next', 'data-term': p.next.id }, h('span', { class: 'pager-hint' }, l10n.t('Next')), p.next.title) : h('span'),
  );
}

/** Adds a language label, a copy button and, for a block the checks do not run, why, to each code block. */
function decorateCodeBlocks(container: HTMLElement, notRun: TermPageData['notRun']): void {
  [...container.querySelectorAll('pre')].forEach((pre, i) => {
    const code = pre.querySelector('code');
    const lang = /language-([\w+-]+)/.exec(code?.className ?? '')?.[1];
    const wrap = h('div', { class: 'code-block' });
    pre.replaceWith(wrap);
    const skipped = notRun.find((n) => n.block === i + 1);
    const bar = h(
      'div',
      { class: 'code-bar' },
      h('span', { class: 'code-lang' }, lang && lang !== 'text' ? lang : ''),
      skipped ? h('span', { class: 'not-run', title: l10n.t("This example is not run by the glossary's checks: {0}", skipped.reason) }, l10n.t('Not run: {0}', skipped.reason)) : undefined,
    );
    bar.append(button(undefined, l10n.t('Copy'), 'copy', 'icon-button text small', () => post({ type: 'term/copy', text: code?.textContent ?? pre.textContent ?? '' }), { title: l10n.t('Copy the code') }));
    wrap.append(bar, pre);
  });
}

function renderPage(p: TermPageData): void {
  const body = h('section', { class: 'term-body markdown' });
  if (p.html.trim()) {
    body.append(md(p.html));
    decorateCodeBlocks(body, p.notRun);
  } else {
    body.append(h('p', { class: 'muted' }, l10n.t('The full entry could not be loaded.')));
  }
  const article = h('article', { class: 'term', 'aria-labelledby': 'term-title' }, header(p), body, relatedSection(p), referencesSection(p), pager(p));
  root.dataset.term = p.id;
  root.setAttribute('aria-busy', 'false');
  root.replaceChildren(toolbar(p), article);
  document.title = p.title;
}

function renderMissing(id: string): void {
  root.dataset.term = '';
  root.setAttribute('aria-busy', 'false');
  root.replaceChildren(
    toolbar(undefined),
    h(
      'article',
      { class: 'term missing' },
      h('h1', { id: 'term-title', tabindex: '-1' }, l10n.t('Term not found')),
      h('p', {}, id ? l10n.t('The glossary has no entry "{0}" (it may have been removed).', id) : l10n.t('This page has no term to show.')),
      h('div', { class: 'actions' }, button(undefined, l10n.t('Search the glossary'), 'search', 'primary', () => post({ type: 'term/search' }))),
    ),
  );
}

function renderEmpty(message: string): void {
  root.dataset.term = '';
  root.setAttribute('aria-busy', 'false');
  root.replaceChildren(toolbar(undefined), h('article', { class: 'term empty' }, h('p', { class: 'empty-message' }, message)));
}

/** Updates the learned button, status badge and related marks without re-rendering the page. */
function renderProgress(): void {
  if (!page) return;
  const p = page;
  const old = document.getElementById('term-learned');
  const hadFocus = !!old && document.activeElement === old;
  const fresh = learnedButton(p);
  old?.replaceWith(fresh);
  if (hadFocus) fresh.focus();
  document.getElementById('term-status')?.replaceWith(statusBadge(p));
  for (const li of document.querySelectorAll<HTMLElement>('[data-related]')) {
    const isLearned = learned.has(li.dataset.related ?? '');
    li.classList.toggle('is-learned', isLearned);
    const mark = li.querySelector('.learned-mark');
    if (isLearned && !mark) li.append(h('span', { class: 'learned-mark', title: l10n.t('Learned') }, icon('check')));
    if (!isLearned && mark) mark.remove();
  }
}

// ------------------------------------------------------------------------------ state

function scrollKey(): string {
  return `${nav.index}:${page?.id ?? ''}`;
}

function saveState(): void {
  if (!page) return;
  const scroll = { ...(state?.scroll ?? {}) };
  scroll[scrollKey()] = Math.round(window.scrollY);
  // Keep the scroll map small.
  const keys = Object.keys(scroll);
  if (keys.length > 60) for (const k of keys.slice(0, keys.length - 60)) delete scroll[k];
  state = { id: page.id, history: nav.history, index: nav.index, scroll };
  vscode.setState(state);
}

let scrollQueued = false;
window.addEventListener('scroll', () => {
  if (scrollQueued) return;
  scrollQueued = true;
  requestAnimationFrame(() => {
    scrollQueued = false;
    saveState();
  });
});

function onMessage(msg: ExtensionToTermPageMessage): void {
  switch (msg.type) {
    case 'term/show': {
      if (page) saveState();
      page = msg.page;
      nav = msg.nav;
      learned = new Set(msg.learned);
      renderPage(page);
      const y = state?.scroll?.[scrollKey()] ?? 0;
      requestAnimationFrame(() => window.scrollTo(0, y));
      if (focusTitle) document.getElementById('term-title')?.focus({ preventScroll: true });
      focusTitle = false;
      saveState();
      return;
    }
    case 'term/progress':
      learned = new Set(msg.learned);
      renderProgress();
      return;
    case 'term/missing':
      page = undefined;
      nav = msg.nav;
      renderMissing(msg.id);
      return;
    case 'term/empty':
      page = undefined;
      nav = msg.nav;
      renderEmpty(msg.message);
      return;
  }
}

window.addEventListener('message', (e: MessageEvent) => {
  if (isExtensionToTermPageMessage(e.data)) onMessage(e.data);
});

// ------------------------------------------------------------------------------ links and keys

function onLinkActivated(e: MouseEvent): void {
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a) return;
  e.preventDefault();
  const term = a.getAttribute('data-term');
  if (term) {
    focusTitle = true;
    post({ type: 'term/open', id: term });
    return;
  }
  const href = a.getAttribute('href') ?? '';
  if (/^https?:\/\//i.test(href)) post({ type: 'term/openExternal', url: href });
}

document.addEventListener('click', onLinkActivated);
document.addEventListener('auxclick', (e) => {
  if (e.button === 1) onLinkActivated(e);
});
document.addEventListener('keydown', (e) => {
  if (e.altKey && e.key === 'ArrowLeft' && nav.canBack) {
    e.preventDefault();
    post({ type: 'term/back' });
  } else if (e.altKey && e.key === 'ArrowRight' && nav.canForward) {
    e.preventDefault();
    post({ type: 'term/forward' });
  }
});
// Mouse back/forward buttons.
document.addEventListener('mouseup', (e) => {
  if (e.button === 3 && nav.canBack) post({ type: 'term/back' });
  if (e.button === 4 && nav.canForward) post({ type: 'term/forward' });
});

post({ type: 'term/ready' });
