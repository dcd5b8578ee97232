import { WORKSPACE_CATEGORY } from '../categories';

/** A new entry's file: its id (file name without `.md`), text, and where the definition goes. */
export interface EntrySkeleton {
  id: string;
  text: string;
  /** 0-based line and the columns of the placeholder definition, which the editor selects. */
  definition: { line: number; start: number; end: number };
}

/** Placeholder for the short definition, selected so that typing replaces it. */
export const DEFINITION_PLACEHOLDER = 'One or two sentences that say what this term means in this project.';

/**
 * The id a title gets as a file name: lowercase ASCII words joined by hyphens (accents dropped),
 * `term` when nothing is left.
 */
export function entryIdFromTitle(title: string): string {
  const id = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return id || 'term';
}

/**
 * A new workspace glossary entry that passes the workspace rules as written: front matter with
 * the title and category, a placeholder definition, and the optional sections to fill in.
 */
export function entrySkeleton(title: string, category: string = WORKSPACE_CATEGORY.id, taken: ReadonlySet<string> = new Set()): EntrySkeleton {
  const base = entryIdFromTitle(title);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const clean = title.replace(/\s+/g, ' ').trim() || id;
  const head = ['---', `title: ${JSON.stringify(clean)}`, `category: ${category}`, 'aliases: []', 'related: []', '---', ''];
  const lines = [
    ...head,
    DEFINITION_PLACEHOLDER,
    '',
    '## In depth',
    '',
    'How the team uses the term, where it comes from, and what it is not.',
    '',
    '## Example',
    '',
    'Where the term shows up in this code base.',
    '',
    '## Common misconceptions',
    '',
    '- A confusion worth clearing up.',
    '',
  ];
  return { id, text: lines.join('\n'), definition: { line: head.length, start: 0, end: DEFINITION_PLACEHOLDER.length } };
}
