/**
 * Notebook renderer that extends VS Code's built-in Markdown renderer
 * (`vscode.markdown-it-renderer`): rendered Markdown cells mark glossary terms with the same
 * plugin as the Markdown preview. The glossary index is fetched once from `glossary.json` beside
 * this module (the built-in index cut to what matching and tooltips use, written by esbuild.js);
 * the hover settings and the workspace's own glossary come from the extension over renderer
 * messaging, and a click on a term asks the extension to open its page.
 */
import type MarkdownIt from 'markdown-it';
import { joinGlossaries, type GlossaryLayer } from '../../core/glossary/join';
import { GlossaryIndex } from '../../core/glossaryIndex';
import { markdownTermsPlugin, TERM_ATTRIBUTE, TERM_CLASS, type TermMarkSettings } from '../../core/markdownTerms';
import type { GlossaryIndexData } from '../../core/types';
import { isTermId } from '../../shared/messages';
import { parseNotebookTermsSettings, type NotebookTermsToExtensionMessage } from '../../shared/notebookTermsMessages';

/** The part of VS Code's renderer context this renderer uses. */
interface RendererContext {
  getRenderer(id: string): Promise<{ extendMarkdownIt(f: (md: MarkdownIt) => void): void } | undefined>;
  postMessage?(message: NotebookTermsToExtensionMessage): void;
  onDidReceiveMessage?(listener: (message: unknown) => void): unknown;
}

/** This module's URL (`import.meta.url`), set by the bundle's banner: the type-check runs as CommonJS. */
declare const ML_LENS_MODULE_URL: string;

/** How long rendering waits for the extension's settings before using the defaults. */
const SETTINGS_WAIT_MS = 1500;

/** Subtle dotted underline in the theme's link colour; solid and thicker in high-contrast themes. */
const STYLE = `
.${TERM_CLASS} { text-decoration: underline dotted; text-decoration-color: var(--vscode-textLink-foreground, currentColor);
  text-decoration-thickness: 1px; text-underline-offset: 0.2em; cursor: pointer; }
.${TERM_CLASS}:hover { text-decoration-style: solid; }
body.vscode-high-contrast .${TERM_CLASS}, :host-context(body.vscode-high-contrast) .${TERM_CLASS} {
  text-decoration-color: currentColor; text-decoration-thickness: 2px; }
`;

async function loadIndex(): Promise<GlossaryIndexData | undefined> {
  try {
    const res = await fetch(new URL('glossary.json', ML_LENS_MODULE_URL).toString());
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as GlossaryIndexData;
  } catch (e) {
    console.error('ML Lens: could not load the glossary for notebook Markdown cells', e);
    return undefined;
  }
}

function addStyle(): void {
  // The Markdown renderer copies every `.markdown-style` element into each cell's shadow root.
  const template = document.createElement('template');
  template.classList.add('markdown-style');
  const style = document.createElement('style');
  style.textContent = STYLE;
  template.content.appendChild(style);
  document.head.appendChild(template);
}

/** The term id of a click or key press on a marked term (cells render in shadow roots, so the event's path is read). */
function clickedTerm(event: Event): string | undefined {
  for (const node of event.composedPath()) {
    if (node instanceof Element && node.classList.contains(TERM_CLASS)) {
      const id = node.getAttribute(TERM_ATTRIBUTE);
      return isTermId(id) ? id : undefined;
    }
  }
  return undefined;
}

/** Called by VS Code when the first Markdown cell renders. */
export async function activate(ctx: RendererContext): Promise<void> {
  const markdown = await ctx.getRenderer('vscode.markdown-it-renderer');
  if (!markdown) throw new Error('ML Lens: the built-in Markdown renderer is not available');
  let settings: TermMarkSettings = { enabled: true, ignore: [] };
  let workspace: GlossaryLayer | undefined;
  // Until the built-in index has loaded there is nothing to join the workspace's entries to.
  let rebuild = (): void => undefined;
  const received = new Promise<void>((resolve) => {
    ctx.onDidReceiveMessage?.((message) => {
      const m = parseNotebookTermsSettings(message);
      if (!m) return;
      settings = { enabled: m.enabled, ignore: m.ignore, locale: m.locale };
      workspace = m.workspace;
      rebuild();
      resolve();
    });
    setTimeout(resolve, SETTINGS_WAIT_MS);
  });
  ctx.postMessage?.({ type: 'notebookTerms/ready' });
  const [base] = await Promise.all([loadIndex(), ctx.postMessage ? received : Promise.resolve()]);
  if (!base) return;
  const join = (): GlossaryIndex => new GlossaryIndex(workspace ? joinGlossaries(base, [workspace]) : base);
  let index = join();
  rebuild = () => {
    index = join();
  };
  addStyle();
  markdown.extendMarkdownIt((md) => markdownTermsPlugin(md, { index: () => index, settings: () => settings, focusable: !!ctx.postMessage }));
  const open = (event: Event): void => {
    const id = clickedTerm(event);
    if (!id) return;
    event.preventDefault();
    ctx.postMessage?.({ type: 'notebookTerms/open', id });
  };
  document.addEventListener('click', open);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') open(event);
  });
}
