/**
 * Syntax highlighting for the code in glossary entries, with highlight.js (core plus the
 * languages entries use). Runs when the glossary is compiled, so pages only carry `hljs-*`
 * spans that the term page colours from the theme. Unknown languages and very long blocks are
 * escaped without colour.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import { escapeHtml } from './html';

hljs.registerLanguage('python', python);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('json', json);
hljs.registerLanguage('yaml', yaml);
hljs.configure({ ignoreUnescapedHTML: true });

const ALIASES: Record<string, string> = {
  py: 'python', python3: 'python', js: 'javascript', mjs: 'javascript', jsx: 'javascript', ts: 'typescript', tsx: 'typescript',
  sh: 'bash', shell: 'bash', console: 'bash', zsh: 'bash', yml: 'yaml',
};

/** Longest block that gets colours; a longer one is shown plain. */
export const MAX_HIGHLIGHT_CHARS = 50_000;

/** The language highlight.js knows `lang` as, if any. */
export function highlightLanguage(lang: string): string | undefined {
  const l = lang.trim().toLowerCase().split(/\s+/)[0] ?? '';
  const name = ALIASES[l] ?? l;
  return name && hljs.getLanguage(name) ? name : undefined;
}

/** The code as HTML: escaped text, with `<span class="hljs-…">` around tokens. */
export function highlight(code: string, lang: string): string {
  const language = highlightLanguage(lang);
  if (!language || code.length > MAX_HIGHLIGHT_CHARS) return escapeHtml(code);
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
