import * as vscode from 'vscode';

const URI_WITH_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:\/\//;

/**
 * The folder a path setting names: a URI string (`vscode-vfs://github/owner/repo/glossary`,
 * `file:///home/me/glossary`) as it is, anything else as an absolute path on the local disk.
 * A Windows drive path (`C:\…`) is a path: its "scheme" is not followed by `//`.
 */
export function settingUri(value: string): vscode.Uri {
  return URI_WITH_SCHEME.test(value) ? vscode.Uri.parse(value, true) : vscode.Uri.file(value);
}

/**
 * A resource as people read it in messages: the local path for `file:` URIs, else the URI without
 * percent-escapes. For display only; reading always goes through `workspace.fs` and the URI.
 */
export function readablePath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}
