import * as vscode from 'vscode';

/** The languages hovers work in unless `mlLens.hover.languages` says otherwise. */
export const DEFAULT_HOVER_LANGUAGES = [
  'python', 'jupyter', 'markdown', 'plaintext', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact',
  'r', 'julia', 'scala', 'java', 'cpp', 'c', 'go', 'rust', 'yaml', 'json', 'jsonc', 'latex', 'tex', 'bibtex',
];

/** Typed view of the `mlLens.*` settings. */
export interface HoverSettings {
  enabled: boolean;
  languages: string[];
  ignore: string[];
}

/** Reads the hover settings now (they are cheap to read, so callers read them per request). */
export function hoverSettings(): HoverSettings {
  const c = vscode.workspace.getConfiguration('mlLens.hover');
  return {
    enabled: c.get<boolean>('enabled', true),
    languages: c.get<string[]>('languages', DEFAULT_HOVER_LANGUAGES),
    ignore: c.get<string[]>('ignore', []),
  };
}
