import * as vscode from 'vscode';

const URI_WITH_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:\/\//;

/**
 * The folder a path setting names: a URI string (`vscode-vfs://github/owner/repo/glossary`,
 * `file:///home/me/glossary`) as it is, anything else as an absolute path. A Windows drive path
 * (`C:\…`) is a path: its "scheme" is not followed by `//`.
 *
 * A path names a file where the workspace lives. When the extension runs on the UI side (the web
 * worker extension host of a browser window) while the workspace is on a remote (code-server,
 * Codespaces), `file:` there is the browser's own file system: the path is resolved on the remote.
 */
export function settingUri(value: string, extensionUri: vscode.Uri): vscode.Uri {
  if (URI_WITH_SCHEME.test(value)) return vscode.Uri.parse(value, true);
  const local = vscode.Uri.file(value);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (folder?.scheme === 'vscode-remote' && runsOnUiSide(extensionUri)) {
    return folder.with({ path: local.path, query: '', fragment: '' });
  }
  return local;
}

function runsOnUiSide(extensionUri: vscode.Uri): boolean {
  const self = vscode.extensions.all.find((e) => e.extensionUri.toString() === extensionUri.toString());
  return self?.extensionKind === vscode.ExtensionKind.UI;
}

/**
 * A resource as people read it in messages: the path for `file:` and remote URIs, else the URI
 * without percent-escapes. For display only; reading always goes through `workspace.fs` and the URI.
 */
export function readablePath(uri: vscode.Uri): string {
  if (uri.scheme === 'file') return uri.fsPath;
  // The path as typed in the setting, for a folder on the window's remote.
  if (uri.scheme === 'vscode-remote') return uri.path;
  return uri.toString(true);
}
