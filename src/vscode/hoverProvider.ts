import * as vscode from 'vscode';
import { HOVER_COMMANDS, hoverMarkdown } from '../core/hoverMarkdown';
import type { Services } from './services';
import { hoverSettings } from './settings';

/** Characters read on each side of the cursor: a 1 MB line costs the same as a short one. */
const WINDOW = 256;

/** Provides glossary hovers in code, Markdown and notebook cells. */
export class GlossaryHoverProvider implements vscode.HoverProvider {
  constructor(private readonly services: Services) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const settings = hoverSettings();
    if (!settings.enabled) return undefined;
    const { index } = this.services.glossary;
    const ctx = this.services.contexts.get(document);
    const offset = document.offsetAt(position);
    const ignore = settings.ignore.length ? index.resolveNames(settings.ignore) : undefined;
    const m = index.matcher.matchAt(ctx.text, offset, { ignore, window: WINDOW, env: { ctx, base: 0 } });
    if (!m) return undefined;
    const term = index.get(m.term);
    if (!term) return undefined;
    const md = new vscode.MarkdownString(hoverMarkdown(index, term, m.key, ctx.text.slice(m.start, m.end), m.why, vscode.l10n.t, vscode.env.language), true);
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    md.supportHtml = false;
    const start = document.positionAt(m.start);
    this.services.encounters.meetAt(term.id, 'hover', document, start);
    return new vscode.Hover(md, new vscode.Range(start, document.positionAt(m.end)));
  }
}

/** Registers the hover provider for the configured languages, re-registering when they change. */
export function registerHover(_context: vscode.ExtensionContext, services: Services): vscode.Disposable[] {
  const provider = new GlossaryHoverProvider(services);
  let registration: vscode.Disposable | undefined;
  const register = (): void => {
    registration?.dispose();
    const selector = hoverSettings().languages.map((language) => ({ language }));
    registration = vscode.languages.registerHoverProvider(selector, provider);
  };
  register();
  // Build the matcher just after activation rather than on the first hover.
  const warm = setTimeout(() => services.glossary.index.matcher, 100);
  return [
    { dispose: () => clearTimeout(warm) },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlLens.hover.languages')) register();
    }),
    { dispose: () => registration?.dispose() },
  ];
}
