/**
 * A markdown-it plugin that marks glossary terms in rendered Markdown (VS Code's preview, notebook
 * Markdown cells). It finds terms with the same matcher and document context as hovers: the
 * rendered text is laid out again as Markdown (prose as prose, code spans in backticks, code
 * blocks fenced) and analysed once, so ambiguous words take the same sense as in the editor.
 *
 * What gets marked: the first occurrence of each term in each section (a heading starts a new
 * section), in paragraphs, lists, tables and code spans. Never inside a link (the link stays as it
 * is), never in headings, never in fenced code blocks (the highlighter renders those). Titles and
 * summaries go into attributes through markdown-it's own escaping, so they never become markup.
 */
import type MarkdownIt from 'markdown-it';
import type { GlossaryIndex } from './glossaryIndex';
import type { TermMatch } from './matcher';
import type { TermId, TermSummary } from './types';
import { escapeHtml } from './html';
import { displaySummary, displayTitle } from './localized';

type Token = MarkdownIt.Token;
type StateCore = MarkdownIt.StateCore;

/** Class of every marked term; the preview's and the notebook's styles key on it. */
export const TERM_CLASS = 'ml-lens-term';

/** Attribute holding the term id of a marked term. */
export const TERM_ATTRIBUTE = 'data-ml-lens-term';

/** The settings the plugin honours, read at every render. */
export interface TermMarkSettings {
  /** `mlLens.hover.enabled`: when false nothing is marked. */
  enabled: boolean;
  /** `mlLens.hover.ignore`: terms never marked, by id, title or alias. */
  ignore: readonly string[];
  /** VS Code's display language: tooltips use an entry's title and summary in it when it has them. */
  locale?: string;
}

/** Options of {@link markdownTermsPlugin}. */
export interface MarkdownTermsOptions {
  /** The current glossary; undefined while it is not loaded (nothing is marked then). */
  index: () => GlossaryIndex | undefined;
  /** The current settings. */
  settings: () => TermMarkSettings;
  /** The link a marked term opens; without it terms are marked with `<abbr>` and open nothing. */
  href?: (id: TermId) => string;
  /** Without `href`: make each `<abbr>` reachable with Tab and announced as a link (the host handles its clicks and Enter). */
  focusable?: boolean;
}

/** Longest tooltip, in characters: a title plus a short definition fits. */
const MAX_TOOLTIP = 320;

/** A text or code-span token and where its content sits in the re-assembled document. */
interface Segment {
  token: Token;
  /** Offset of the token's content in the re-assembled text. */
  base: number;
  /** Marks are allowed here (not in a link, a heading or an image's alt text). */
  markable: boolean;
  /** The section (heading count so far): first occurrences are counted per section. */
  section: number;
}

/** A term found in a segment, at offsets into the token's content. */
interface Hit {
  term: TermSummary;
  start: number;
  end: number;
}

/** Tooltips already made, per term object (a reloaded glossary has new objects) and display language. */
const TOOLTIPS = new WeakMap<TermSummary, Map<string, string>>();

/**
 * Plain text of a summary for a tooltip, in the display language when the entry has it: Markdown
 * markup and formulas' dollar signs removed, length bounded.
 */
export function tooltipText(term: TermSummary, locale?: string): string {
  let byLocale = TOOLTIPS.get(term);
  if (!byLocale) TOOLTIPS.set(term, (byLocale = new Map()));
  let text = byLocale.get(locale ?? '');
  if (text === undefined) byLocale.set(locale ?? '', (text = makeTooltip(term, locale)));
  return text;
}

function makeTooltip(term: TermSummary, locale: string | undefined): string {
  const summary = displaySummary(term, locale)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`|\$)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const text = `${displayTitle(term, locale)} — ${summary}`;
  return text.length <= MAX_TOOLTIP ? text : `${text.slice(0, MAX_TOOLTIP - 1).trimEnd()}…`;
}

/**
 * Registers the plugin on `md`: a core rule that marks terms after inline parsing, and a
 * `code_inline` renderer that can mark terms inside code spans.
 */
export function markdownTermsPlugin(md: MarkdownIt, options: MarkdownTermsOptions): void {
  let ignoreKey = '';
  let ignoreIndex: GlossaryIndex | undefined;
  let ignoreIds: ReadonlySet<TermId> | undefined;
  const ignored = (index: GlossaryIndex, names: readonly string[]): ReadonlySet<TermId> | undefined => {
    const key = names.join('\n');
    if (key !== ignoreKey || index !== ignoreIndex) {
      ignoreKey = key;
      ignoreIndex = index;
      ignoreIds = names.length ? index.resolveNames(names) : undefined;
    }
    return ignoreIds;
  };

  md.core.ruler.push('ml_lens_terms', (state: StateCore): boolean => {
    const settings = options.settings();
    const index = options.index();
    if (!settings.enabled || !index || state.inlineMode) return false;
    markTerms(state, index, ignored(index, settings.ignore), options, settings.locale);
    return false;
  });

  // Each term's opening tag is escaped once per display language: a document repeats its terms across renders.
  const tags = new WeakMap<TermSummary, Map<string, string>>();
  const openTag = (tokens: Token[], idx: number, opts: MarkdownIt.Options, self: MarkdownIt.Renderer): string => {
    const { term, locale = '' } = tokens[idx].meta as { term: TermSummary; locale?: string };
    let byLocale = tags.get(term);
    if (!byLocale) tags.set(term, (byLocale = new Map()));
    let tag = byLocale.get(locale);
    if (tag === undefined) byLocale.set(locale, (tag = self.renderToken(tokens, idx, opts)));
    return tag;
  };
  md.renderer.rules.ml_lens_term_open = (tokens, idx, opts, _env, self) => openTag(tokens, idx, opts, self);

  const codeInline = md.renderer.rules.code_inline;
  md.renderer.rules.code_inline = (tokens, idx, opts, env, self) => {
    const token = tokens[idx];
    const { mlLensTerms: hits, mlLensLocale: locale } = (token.meta as { mlLensTerms?: Hit[]; mlLensLocale?: string } | null) ?? {};
    if (!hits) return codeInline ? codeInline(tokens, idx, opts, env, self) : `<code>${escapeHtml(token.content)}</code>`;
    let html = `<code${self.renderAttrs(token)}>`;
    let at = 0;
    for (const h of hits) {
      html += escapeHtml(token.content.slice(at, h.start));
      html += openTag([openToken(tokenClass(token), h.term, options, locale)], 0, opts, self);
      html += escapeHtml(token.content.slice(h.start, h.end));
      html += `</${options.href ? 'a' : 'abbr'}>`;
      at = h.end;
    }
    return html + escapeHtml(token.content.slice(at)) + '</code>';
  };
}

/** markdown-it's Token class, taken from a token: the plugin uses the host's markdown-it and never imports its own. */
type TokenClass = new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;

function tokenClass(token: Token): TokenClass {
  return token.constructor as TokenClass;
}

function openToken(Tok: TokenClass, term: TermSummary, options: MarkdownTermsOptions, locale: string | undefined): Token {
  const t = new Tok('ml_lens_term_open', options.href ? 'a' : 'abbr', 1);
  t.meta = { term, locale };
  t.attrs = [['class', TERM_CLASS], [TERM_ATTRIBUTE, term.id], ['title', tooltipText(term, locale)]];
  if (options.href) t.attrs.push(['href', options.href(term.id)]);
  else if (options.focusable) t.attrs.push(['tabindex', '0'], ['role', 'link']);
  return t;
}

/** Lays the document out again, finds its terms and splits the text tokens around them. */
function markTerms(state: StateCore, index: GlossaryIndex, ignore: ReadonlySet<TermId> | undefined, options: MarkdownTermsOptions, locale: string | undefined): void {
  const { text, segments } = layOut(state.tokens);
  if (!segments.some((s) => s.markable)) return;
  const ctx = index.analyze(text, 'markdown');
  const matches = index.matcher.scan(text, ignore, { ctx, base: 0 });
  const hits = assign(matches, segments, index);
  if (!hits.size) return;
  const Tok = state.Token as unknown as TokenClass;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let changed = false;
    const out: Token[] = [];
    for (const child of block.children) {
      const found = hits.get(child);
      if (!found) {
        out.push(child);
        continue;
      }
      if (child.type === 'code_inline') {
        child.meta = { ...(child.meta as object | null), mlLensTerms: found, mlLensLocale: locale };
        out.push(child);
        continue;
      }
      changed = true;
      let at = 0;
      for (const h of found) {
        if (h.start > at) out.push(textToken(Tok, child, child.content.slice(at, h.start)));
        out.push(openToken(Tok, h.term, options, locale));
        out.push(textToken(Tok, child, child.content.slice(h.start, h.end)));
        out.push(new Tok('ml_lens_term_close', options.href ? 'a' : 'abbr', -1));
        at = h.end;
      }
      if (at < child.content.length) out.push(textToken(Tok, child, child.content.slice(at)));
    }
    if (changed) block.children = out;
  }
}

function textToken(Tok: TokenClass, like: Token, content: string): Token {
  const t = new Tok('text', '', 0);
  t.content = content;
  t.level = like.level;
  return t;
}

/**
 * The rendered document as Markdown text for analysis: text as prose, code spans between
 * backticks, code blocks fenced, blocks apart. Backticks inside content become spaces so that
 * the lexer pairs spans as markdown-it did; offsets stay the same.
 */
function layOut(tokens: readonly Token[]): { text: string; segments: Segment[] } {
  let text = '';
  const segments: Segment[] = [];
  let section = 0;
  let heading = false;
  for (const block of tokens) {
    if (block.type === 'heading_open') {
      heading = true;
      section++;
    } else if (block.type === 'heading_close') {
      heading = false;
    } else if (block.type === 'fence' || block.type === 'code_block') {
      text += '```\n' + block.content.replace(/`/g, ' ') + (block.content.endsWith('\n') ? '' : '\n') + '```\n\n';
    } else if (block.type === 'inline' && block.children) {
      let link = 0;
      for (const t of block.children) {
        switch (t.type) {
          case 'link_open':
            link++;
            break;
          case 'link_close':
            link--;
            break;
          case 'image':
            // Alt text is no rendered text: it only separates what is around it.
            text += ' ';
            break;
          case 'html_inline':
            if (/^<a[\s>]/i.test(t.content)) link++;
            else if (/^<\/a\s*>/i.test(t.content)) link = Math.max(0, link - 1);
            text += ' ';
            break;
          case 'softbreak':
          case 'hardbreak':
            text += '\n';
            break;
          case 'text':
            segments.push({ token: t, base: text.length, markable: !heading && link === 0, section });
            text += t.content.replace(/`/g, "'");
            break;
          case 'code_inline':
            text += '`';
            segments.push({ token: t, base: text.length, markable: !heading && link === 0, section });
            text += t.content.replace(/`/g, ' ') + '`';
            break;
          default:
            break;
        }
      }
      text += '\n\n';
    }
  }
  return { text, segments };
}

/** Gives each segment the matches that lie wholly inside it, first occurrence per term and section. */
function assign(matches: readonly TermMatch[], segments: readonly Segment[], index: GlossaryIndex): Map<Token, Hit[]> {
  const out = new Map<Token, Hit[]>();
  const seen = new Set<string>();
  let s = 0;
  for (const m of matches) {
    while (s < segments.length && segments[s].base + segments[s].token.content.length <= m.start) s++;
    if (s >= segments.length) break;
    const seg = segments[s];
    if (!seg.markable || m.start < seg.base || m.end > seg.base + seg.token.content.length) continue;
    const key = `${seg.section}\n${m.term}`;
    if (seen.has(key)) continue;
    const term = index.get(m.term);
    if (!term) continue;
    seen.add(key);
    const list = out.get(seg.token) ?? [];
    list.push({ term, start: m.start - seg.base, end: m.end - seg.base });
    out.set(seg.token, list);
  }
  return out;
}
