import * as vscode from 'vscode';
import {
  notebookLayer,
  NOTEBOOK_TERMS_RENDERER_ID,
  parseNotebookTermsMessage,
  type NotebookTermsSettingsMessage,
} from '../shared/notebookTermsMessages';
import type { Services } from './services';
import { hoverSettings } from './settings';

function settingsMessage(services: Services): NotebookTermsSettingsMessage {
  const s = hoverSettings();
  const layer = services.glossary.layer;
  return { type: 'notebookTerms/settings', enabled: s.enabled, ignore: s.ignore, locale: vscode.env.language, ...(layer ? { workspace: notebookLayer(layer) } : {}) };
}

/**
 * Glossary terms in rendered notebook Markdown cells: the renderer (dist/notebook/markdownTerms.js)
 * asks for the hover settings and the workspace's own glossary, and reports clicks on terms, which
 * open their pages. Both are sent again when they change; cells rendered after that use them.
 */
export function registerNotebookTerms(_context: vscode.ExtensionContext, services: Services): vscode.Disposable[] {
  const messaging = vscode.notebooks.createRendererMessaging(NOTEBOOK_TERMS_RENDERER_ID);
  return [
    messaging.onDidReceiveMessage(({ editor, message }) => {
      const m = parseNotebookTermsMessage(message);
      if (!m) {
        services.log.warn('Ignored a malformed message from the notebook Markdown renderer');
      } else if (m.type === 'notebookTerms/ready') {
        void messaging.postMessage(settingsMessage(services), editor);
      } else if (services.glossary.index.get(m.id)) {
        void vscode.commands.executeCommand('mlLens.glossary.openTerm', { id: m.id });
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlLens.hover.enabled') || e.affectsConfiguration('mlLens.hover.ignore')) void messaging.postMessage(settingsMessage(services));
    }),
    services.glossary.onDidChange(() => void messaging.postMessage(settingsMessage(services))),
  ];
}
