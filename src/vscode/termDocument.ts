import * as vscode from 'vscode';
import type { TermSummary } from '../core/types';
import type { Services } from './services';

/** Scheme of the read-only Markdown documents that show a full glossary entry. */
export const TERM_SCHEME = 'mllens-term';

/** The full entry as one Markdown document: title, definition, body and references. */
export async function termMarkdown(services: Services, term: TermSummary): Promise<string> {
  const body = await services.glossary.body(term.id);
  const refs = body?.references.length
    ? '\n## References\n\n' + body.references.map((r) => `- ${r.title}${r.authors ? `. ${r.authors}` : ''}${r.year ? ` (${r.year})` : ''}`).join('\n') + '\n'
    : '';
  return `# ${term.title}\n\n${term.summary}\n\n${body?.markdown ?? ''}${refs}`;
}

/** Serves `mllens-term:/<id>.md` documents. */
export function registerTermDocuments(services: Services): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(TERM_SCHEME, {
    provideTextDocumentContent: async (uri) => {
      const term = services.glossary.index.get(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
      return term ? termMarkdown(services, term) : '# Unknown term\n';
    },
  });
}
