import * as vscode from 'vscode';
import { createLogger } from './vscode/logger';
import { loadGlossary } from './vscode/glossaryService';
import { registerHover } from './vscode/hoverProvider';
import { registerGlossaryCommands } from './vscode/glossaryCommands';
import { registerLab } from './vscode/labPanel';
import type { Services } from './vscode/services';
import { DocumentContexts } from './vscode/documentContexts';
import { LearningProgress } from './vscode/progress';
import { TermScans } from './vscode/termScans';
import { registerConceptView } from './vscode/conceptView';
import { registerHighlights } from './vscode/highlights';
import { registerMarkdownPreview, type MarkdownPreviewApi } from './vscode/markdownPreview';
import { registerNotebookTerms } from './vscode/notebookTerms';
import { Encounters } from './vscode/encounters';
import { registerGlossaryDiagnostics } from './vscode/glossaryDiagnostics';
import { registerNewGlossaryEntry } from './vscode/newGlossaryEntry';

/**
 * Creates the shared services and registers each feature. Returns the services (for tests) and
 * `extendMarkdownIt`, which VS Code's Markdown preview calls.
 */
export async function activate(context: vscode.ExtensionContext): Promise<Services & MarkdownPreviewApi> {
  const log = createLogger();
  context.subscriptions.push(log);
  const glossary = await loadGlossary(context.extensionUri, log);
  context.subscriptions.push(glossary);
  const contexts = new DocumentContexts(glossary);
  context.subscriptions.push(contexts);
  const progress = new LearningProgress(context.globalState);
  const scans = new TermScans(glossary, contexts);
  const encounters = new Encounters();
  context.subscriptions.push(progress, scans, encounters);
  const services: Services = { extensionUri: context.extensionUri, glossary, log, contexts, progress, scans, encounters };
  context.subscriptions.push(
    ...registerHover(context, services),
    ...registerGlossaryCommands(context, services),
    ...registerLab(context, services),
    ...registerConceptView(context, services),
    ...registerHighlights(context, services),
    ...registerNotebookTerms(context, services),
    ...registerGlossaryDiagnostics(context, services),
    ...registerNewGlossaryEntry(context, services),
  );
  const preview = registerMarkdownPreview(context, services);
  context.subscriptions.push(...preview.disposables);
  return { ...services, ...preview.api };
}

/** Nothing to clean up beyond the disposables registered in `activate`. */
export function deactivate(): void {}
