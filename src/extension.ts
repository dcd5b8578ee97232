import * as vscode from 'vscode';
import { createLogger } from './vscode/logger';
import { loadGlossary } from './vscode/glossaryService';
import { registerHover } from './vscode/hoverProvider';
import { registerGlossaryCommands } from './vscode/glossaryCommands';
import { registerLab } from './vscode/labPanel';
import type { Services } from './vscode/services';
import { DocumentContexts } from './vscode/documentContexts';
import { registerGlossaryDiagnostics } from './vscode/glossaryDiagnostics';
import { registerNewGlossaryEntry } from './vscode/newGlossaryEntry';

/** Creates the shared services and registers each feature. */
export async function activate(context: vscode.ExtensionContext): Promise<Services> {
  const log = createLogger();
  context.subscriptions.push(log);
  const glossary = await loadGlossary(context.extensionUri, log);
  context.subscriptions.push(glossary);
  const contexts = new DocumentContexts(glossary);
  context.subscriptions.push(contexts);
  const services: Services = { extensionUri: context.extensionUri, glossary, log, contexts };
  context.subscriptions.push(
    ...registerHover(context, services),
    ...registerGlossaryCommands(context, services),
    ...registerLab(context, services),
    ...registerGlossaryDiagnostics(context, services),
    ...registerNewGlossaryEntry(context, services),
  );
  return services;
}

/** Nothing to clean up beyond the disposables registered in `activate`. */
export function deactivate(): void {}
