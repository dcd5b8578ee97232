import * as vscode from 'vscode';
import type { Services } from './services';

/** Source shown next to each diagnostic in the Problems panel. */
const SOURCE = 'ML Lens glossary';

/**
 * Shows every problem of the workspace glossaries in the Problems panel, on its file, line and
 * column, and clears it once the file is fixed (the glossary recompiles on each change).
 */
export function registerGlossaryDiagnostics(_context: vscode.ExtensionContext, services: Services): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('mlLens.glossary');
  const publish = (): void => {
    const byFile = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    for (const p of services.glossary.problems) {
      if (!p.uri) continue;
      const line = Math.max(0, p.line - 1);
      const column = Math.max(0, p.column - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER), p.message, vscode.DiagnosticSeverity.Warning);
      d.source = SOURCE;
      const key = p.uri.toString();
      const slot = byFile.get(key) ?? { uri: p.uri, list: [] };
      slot.list.push(d);
      byFile.set(key, slot);
    }
    collection.clear();
    for (const { uri, list } of byFile.values()) collection.set(uri, list);
  };
  publish();
  return [collection, services.glossary.onDidChange(publish)];
}
