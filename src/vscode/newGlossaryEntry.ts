import * as vscode from 'vscode';
import { CATEGORIES, WORKSPACE_CATEGORY } from '../core/categories';
import { entrySkeleton } from '../core/glossary/skeleton';
import type { Services } from './services';
import { WORKSPACE_GLOSSARY_DIR } from './workspaceGlossary';

/**
 * "ML Lens: New Glossary Entry": asks for a title and a category, writes a valid entry into the
 * workspace glossary (`.mllens/glossary/`) and opens it with the placeholder definition selected.
 */
export function registerNewGlossaryEntry(_context: vscode.ExtensionContext, _services: Services): vscode.Disposable[] {
  return [vscode.commands.registerCommand('mlLens.glossary.newEntry', newEntry)];
}

async function newEntry(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: new glossary entries go into its .mllens/glossary folder.'));
    return undefined;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Workspace folder for the new glossary entry') });
  if (!folder) return undefined;
  const title = await vscode.window.showInputBox({
    title: vscode.l10n.t('New Glossary Entry'),
    prompt: vscode.l10n.t('The term, as people write it'),
    placeHolder: vscode.l10n.t('for example: feature store'),
    validateInput: (v) => (/[\p{L}\p{N}]/u.test(v) ? undefined : vscode.l10n.t('Write the term, with at least one letter or digit.')),
  });
  if (!title) return undefined;
  const items = [WORKSPACE_CATEGORY, ...CATEGORIES].map((c) => ({
    label: c.title,
    id: c.id,
    ...(c.id === WORKSPACE_CATEGORY.id ? { description: vscode.l10n.t('terms of this project') } : {}),
  }));
  const category = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('New Glossary Entry'), placeHolder: vscode.l10n.t('Category of "{0}"', title.trim()) });
  if (!category) return undefined;

  const dir = vscode.Uri.joinPath(folder.uri, WORKSPACE_GLOSSARY_DIR);
  let taken = new Set<string>();
  try {
    taken = new Set((await vscode.workspace.fs.readDirectory(dir)).map(([n]) => n.replace(/\.md$/i, '')));
  } catch {
    await vscode.workspace.fs.createDirectory(dir);
  }
  const skeleton = entrySkeleton(title, category.id, taken);
  const uri = vscode.Uri.joinPath(dir, `${skeleton.id}.md`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(skeleton.text));
  const { line, start, end } = skeleton.definition;
  // Opened with the selection, so that typing at once replaces the placeholder.
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, start, line, end) });
  return uri;
}
