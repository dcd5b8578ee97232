import * as vscode from 'vscode';

const URI_WITH_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:\/\//;

/**
 * The folder a path setting names: a URI string (`vscode-vfs://github/owner/repo/glossary`,
 * `file:///home/me/glossary`) as it is, anything else as an absolute path. A Windows drive path
 * (`C:\…`) is a path: its "scheme" is not followed by `//`.
 */
export function settingUri(value: string): vscode.Uri {
  if (URI_WITH_SCHEME.test(value)) return vscode.Uri.parse(value, true);
  const local = vscode.Uri.file(value);
  // A browser window (web worker extension host) may have no `file:` file system at all: a path
  // then names a file on the machine that serves the workspace (a remote, as with code-server).
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (folder && folder.scheme !== 'file' && vscode.workspace.fs.isWritableFileSystem('file') === undefined) {
    return folder.with({ path: local.path, query: '', fragment: '' });
  }
  return local;
}

/**
 * A resource as people read it in messages: the local path for `file:` URIs, else the URI without
 * percent-escapes. For display only; reading always goes through `workspace.fs` and the URI.
 */
export function readablePath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}
