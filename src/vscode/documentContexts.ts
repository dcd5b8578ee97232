import * as vscode from 'vscode';
import { languageFamily, type DocumentContext, type LanguageFamily } from '../core/documentContext';
import { analyzeParts } from '../core/scan';
import type { GlossaryService } from './services';

/** Documents (or notebooks) whose analysis is kept. */
const CACHE_SIZE = 24;

function familyOf(document: vscode.TextDocument): LanguageFamily {
  return languageFamily(document.languageId);
}

/**
 * The context of each open document, computed once per document version and shared by hovers
 * and views. A notebook cell's context includes the imports of every cell of its notebook.
 */
export class DocumentContexts implements vscode.Disposable {
  private readonly cache = new Map<string, { version: string; contexts: Map<string, DocumentContext> }>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly glossary: GlossaryService) {
    this.disposables = [
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
      vscode.workspace.onDidCloseNotebookDocument((n) => this.cache.delete(n.uri.toString())),
      glossary.onDidChange(() => this.cache.clear()),
    ];
  }

  /** The context of a text document or notebook cell. */
  get(document: vscode.TextDocument): DocumentContext {
    const notebook = document.uri.scheme === 'vscode-notebook-cell' ? this.notebookOf(document) : undefined;
    if (notebook) {
      const cells = notebook.getCells();
      const version = `${notebook.version}:${cells.map((c) => c.document.version).join(',')}`;
      const entry = this.lookup(notebook.uri.toString(), version, () => {
        const contexts = analyzeParts(this.glossary.index, cells.map((c) => ({ text: c.document.getText(), family: familyOf(c.document) })));
        return new Map(cells.map((c, i) => [c.document.uri.toString(), contexts[i]]));
      });
      const ctx = entry.get(document.uri.toString());
      if (ctx && ctx.text === document.getText()) return ctx;
    }
    const compute = (): Map<string, DocumentContext> => new Map([['', this.glossary.index.analyze(document.getText(), familyOf(document))]]);
    return this.lookup(document.uri.toString(), String(document.version), compute).get('') as DocumentContext;
  }

  private notebookOf(cell: vscode.TextDocument): vscode.NotebookDocument | undefined {
    return vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === cell));
  }

  private lookup(key: string, version: string, compute: () => Map<string, DocumentContext>): Map<string, DocumentContext> {
    const hit = this.cache.get(key);
    if (hit && hit.version === version) return hit.contexts;
    const contexts = compute();
    this.cache.delete(key);
    this.cache.set(key, { version, contexts });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return contexts;
  }

  dispose(): void {
    this.cache.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}
