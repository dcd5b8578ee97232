import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { markdownTermsPlugin } from '../core/markdownTerms';
import type { TermId } from '../core/types';
import { isTermId } from '../shared/messages';
import type { Services } from './services';
import { hoverSettings } from './settings';

/** What `activate` returns for VS Code's Markdown preview (`contributes.markdown.markdownItPlugins`). */
export interface MarkdownPreviewApi {
  /** Called by the built-in Markdown extension with its markdown-it instance. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

/** Path of the URI that opens a term page: `<uriScheme>://<extension id>/term?id=<term id>`. */
const TERM_PATH = '/term';

/** The URI a marked term in the preview links to; the extension's URI handler opens its page. */
export function termPageUri(extensionId: string, id: TermId): string {
  return `${vscode.env.uriScheme}://${extensionId}${TERM_PATH}?id=${encodeURIComponent(id)}`;
}

/** The term id a URI handed to the URI handler asks for, if it is one of ours and well formed. */
export function termIdOfUri(uri: vscode.Uri): TermId | undefined {
  if (uri.path !== TERM_PATH) return undefined;
  const id = new URLSearchParams(uri.query).get('id');
  return isTermId(id) ? id : undefined;
}

/**
 * Glossary terms in VS Code's Markdown preview: the markdown-it plugin, the URI handler that a
 * click on a term reaches, and a refresh of open previews when the glossary or the settings change.
 */
export function registerMarkdownPreview(context: vscode.ExtensionContext, services: Services): { api: MarkdownPreviewApi; disposables: vscode.Disposable[] } {
  const api: MarkdownPreviewApi = {
    extendMarkdownIt(md) {
      markdownTermsPlugin(md, {
        index: () => services.glossary.index,
        settings: () => ({ ...hoverSettings(), locale: vscode.env.language }),
        href: (id) => termPageUri(context.extension.id, id),
      });
      return md;
    },
  };
  const refresh = (): void => {
    void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
  };
  return {
    api,
    disposables: [
      vscode.window.registerUriHandler({
        handleUri(uri) {
          const id = termIdOfUri(uri);
          if (!id) {
            services.log.warn(`Ignored a link to ML Lens that names no term: ${uri.toString(true)}`);
            return;
          }
          void vscode.commands.executeCommand('mlLens.glossary.openTerm', { id });
        },
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlLens.hover.enabled') || e.affectsConfiguration('mlLens.hover.ignore')) refresh();
      }),
      services.glossary.onDidChange(refresh),
    ],
  };
}
