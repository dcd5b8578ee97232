import type { GlossaryIndex } from './glossaryIndex';
import type { MatchKey, TermSummary } from './types';
import type { MatchReason } from './matcher';
import { displayTitle, localizedFields } from './localized';

/** Command ids that hover links may run; the hover's MarkdownString trusts exactly these. */
export const HOVER_COMMANDS = ['mlLens.glossary.openTerm', 'mlLens.glossary.showRelated'] as const;

/** A `command:` link URI with JSON arguments. */
export function commandUri(command: (typeof HOVER_COMMANDS)[number], arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}

/** Escapes inline text (titles) for Markdown so that it renders literally: no emphasis, links, HTML or code. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]#|<>~$]/g, (c) => '\\' + c);
}

/**
 * The hover's Markdown for a term: title, category, the short definition, why it matched
 * (`lr → learning rate`), related terms and command links. With a `locale` (VS Code's display
 * language) the entry's localized title leads, followed by the English one in parentheses (the
 * term page and the code stay English), and its localized summary replaces the English one.
 */
export function hoverMarkdown(index: GlossaryIndex, term: TermSummary, key: MatchKey | undefined, matchedText: string, why?: MatchReason, locale?: string): string {
  const category = index.categories.find((c) => c.id === term.category)?.title ?? term.category;
  const local = localizedFields(term, locale);
  const heading = local?.title ? `**${escapeMarkdown(local.title)}** (${escapeMarkdown(term.title)})` : `**${escapeMarkdown(term.title)}**`;
  const parts: string[] = [];
  parts.push(`${heading} · *${escapeMarkdown(category)}*${term.level ? ` · ${term.level}` : ''}`);
  parts.push(local?.summary ?? term.summary);
  if (why) parts.push(senseLine(index, term, matchedText, why, locale));
  else if (key && !sameName(matchedText, term.title)) {
    // The text as written, not the key's own spelling: `tf.train.adam` must not read as `optax.adam`.
    parts.push(`${code(matchedText)} → ${escapeMarkdown(displayTitle(term, locale).toLowerCase())}`);
  }
  const related = term.related
    .map((r) => ({ r, t: index.get(r.id) }))
    .filter((x): x is { r: (typeof term.related)[number]; t: TermSummary } => !!x.t)
    .slice(0, 4)
    .map(({ r, t }) => `[${escapeMarkdown(displayTitle(t, locale))}](${commandUri('mlLens.glossary.openTerm', { id: t.id })} "${r.rel === 'contrast' ? 'Contrast with' : 'See also'}")`);
  if (related.length) parts.push(`Related: ${related.join(' · ')}`);
  parts.push(
    `[$(book) Open in glossary](${commandUri('mlLens.glossary.openTerm', { id: term.id })} "Open the full entry") · ` +
      `[$(list-tree) Show related](${commandUri('mlLens.glossary.showRelated', { id: term.id })} "Show this term and its related terms")`,
  );
  return parts.join('\n\n');
}

function code(s: string): string {
  return `\`${s.replace(/`/g, '').slice(0, 80)}\``;
}

/** Says which sense an ambiguous word took and why: "`bias=` in `nn.Linear` → bias term". */
export function senseLine(index: GlossaryIndex, term: TermSummary, matchedText: string, why: MatchReason, locale?: string): string {
  const title = escapeMarkdown(displayTitle(term, locale).toLowerCase());
  switch (why.kind) {
    case 'argument':
      return `${code(matchedText + '=')} in ${code(why.callee)} → ${title}`;
    case 'compound':
      return why.identifier === matchedText ? `${code(matchedText)} → ${title}` : `${code(matchedText)} in ${code(why.identifier)} → ${title}`;
    case 'code': {
      const where = why.identifier && why.identifier !== matchedText ? `${code(matchedText)} in ${code(why.identifier)}` : code(matchedText);
      return `${where} → ${title}, in code that ${escapeMarkdown(why.because)}`;
    }
    case 'prose':
      return `“${escapeMarkdown(matchedText)}” → ${title}, in text about ${escapeMarkdown(displayTitle(index.get(why.near) ?? { title: 'machine learning' }, locale).toLowerCase())}`;
  }
}

function sameName(a: string, b: string): boolean {
  const n = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return n(a) === n(b) || n(a) === n(b) + 's';
}
