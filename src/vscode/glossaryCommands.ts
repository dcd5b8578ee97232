import * as vscode from 'vscode';
import type { Services } from './services';
import { registerTermDocuments, TERM_SCHEME } from './termDocument';

/** Argument of the term commands, as hover links pass it. */
interface TermArg {
  id: string;
}

function termId(arg: unknown): string | undefined {
  const id = (arg as TermArg | undefined)?.id;
  return typeof id === 'string' ? id : typeof arg === 'string' ? arg : undefined;
}

/** Opens a term's full entry. */
export async function openTerm(services: Services, arg: unknown): Promise<void> {
  const id = termId(arg);
  const term = id ? services.glossary.index.get(id) : undefined;
  if (!term) {
    void vscode.window.showWarningMessage(`ML Lens: no glossary entry "${String(id)}".`);
    return;
  }
  const uri = vscode.Uri.from({ scheme: TERM_SCHEME, path: `/${term.id}.md` });
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

/** Registers the glossary commands used by hovers. */
export function registerGlossaryCommands(_context: vscode.ExtensionContext, services: Services): vscode.Disposable[] {
  return [
    registerTermDocuments(services),
    vscode.commands.registerCommand('mlLens.glossary.openTerm', (arg: unknown) => openTerm(services, arg)),
    vscode.commands.registerCommand('mlLens.glossary.showRelated', (arg: unknown) => openTerm(services, arg)),
  ];
}
