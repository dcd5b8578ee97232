import * as vscode from 'vscode';
import {
  NOTEBOOK_TERMS_RENDERER_ID,
  parseNotebookTermsMessage,
  type NotebookTermsSettingsMessage,
} from '../shared/notebookTermsMessages';
import type { Services } from './services';
import { hoverSettings } from './settings';

function settingsMessage(): NotebookTermsSettingsMessage {
  const s = hoverSettings();
  return { type: 'notebookTerms/settings', enabled: s.enabled, ignore: s.ignore, locale: vscode.env.language };
}

/**
 * Glossary terms in rendered notebook Markdown cells: the renderer (dist/notebook/markdownTerms.js)
 * asks for the hover settings and reports clicks on terms, which open their pages.
 */
export function registerNotebookTerms(_context: vscode.ExtensionContext, services: Services): vscode.Disposable[] {
  const messaging = vscode.notebooks.createRendererMessaging(NOTEBOOK_TERMS_RENDERER_ID);
  return [
    messaging.onDidReceiveMessage(({ editor, message }) => {
      const m = parseNotebookTermsMessage(message);
      if (!m) {
        services.log.warn('Ignored a malformed message from the notebook Markdown renderer');
      } else if (m.type === 'notebookTerms/ready') {
        void messaging.postMessage(settingsMessage(), editor);
      } else if (services.glossary.index.get(m.id)) {
        void vscode.commands.executeCommand('mlLens.glossary.openTerm', { id: m.id });
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlLens.hover.enabled') || e.affectsConfiguration('mlLens.hover.ignore')) void messaging.postMessage(settingsMessage());
    }),
  ];
}
