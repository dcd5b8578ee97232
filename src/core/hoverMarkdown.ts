import type { GlossaryIndex } from './glossaryIndex';
import type { MatchKey, TermSummary } from './types';
import type { MatchReason } from './matcher';
import { displayTitle, localizedFields } from './localized';
import { english, type Translate } from './l10n';

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
 * (`lr → learning rate`), related terms and command links, in the language of `t`. With a `locale`
 * (VS Code's display language) the entry's localized title leads, followed by the English one in
 * parentheses (the term page and the code stay English), and its localized summary replaces the English one.
 */
export function hoverMarkdown(index: GlossaryIndex, term: TermSummary, key: MatchKey | undefined, matchedText: string, why?: MatchReason, t: Translate = english, locale?: string): string {
  const category = index.categories.find((c) => c.id === term.category)?.title ?? term.category;
  const local = localizedFields(term, locale);
  const heading = local?.title ? `**${escapeMarkdown(local.title)}** (${escapeMarkdown(term.title)})` : `**${escapeMarkdown(term.title)}**`;
  const parts: string[] = [];
  parts.push(`${heading} · *${escapeMarkdown(category)}*${term.level ? ` · ${levelName(term.level, t)}` : ''}`);
  parts.push(local?.summary ?? term.summary);
  if (why) parts.push(senseLine(index, term, matchedText, why, t, locale));
  else if (key && !sameName(matchedText, term.title)) {
    // The text as written, not the key's own spelling: `tf.train.adam` must not read as `optax.adam`.
    parts.push(`${code(matchedText)} → ${escapeMarkdown(displayTitle(term, locale).toLowerCase())}`);
  }
  const related = term.related
    .map((r) => ({ r, rt: index.get(r.id) }))
    .filter((x): x is { r: (typeof term.related)[number]; rt: TermSummary } => !!x.rt)
    .slice(0, 4)
    .map(({ r, rt }) => `[${escapeMarkdown(displayTitle(rt, locale))}](${commandUri('mlLens.glossary.openTerm', { id: rt.id })} "${linkTitle(r.rel === 'contrast' ? t('Contrast with') : t('See also'))}")`);
  if (related.length) parts.push(t('Related: {0}', related.join(' · ')));
  parts.push(
    `[$(book) ${escapeMarkdown(t('Open in glossary'))}](${commandUri('mlLens.glossary.openTerm', { id: term.id })} "${linkTitle(t('Open the full entry'))}") · ` +
      `[$(list-tree) ${escapeMarkdown(t('Show related'))}](${commandUri('mlLens.glossary.showRelated', { id: term.id })} "${linkTitle(t('Show this term and its related terms'))}")`,
  );
  return parts.join('\n\n');
}

/** A link title goes between double quotes: a translation must not end it early. */
function linkTitle(s: string): string {
  return s.replace(/["\\]/g, '');
}

/** The level as shown to learners (`beginner`), translated. */
export function levelName(level: string, t: Translate = english): string {
  switch (level) {
    case 'beginner': return t('beginner');
    case 'intermediate': return t('intermediate');
    case 'advanced': return t('advanced');
    default: return level;
  }
}

/** Levels as a phrase: `beginner or intermediate`, translated. */
export function levelList(levels: readonly string[], t: Translate = english): string {
  const names = levels.map((l) => levelName(l, t));
  return names.length ? names.reduce((a, b) => t('{0} or {1}', a, b)) : '';
}

function code(s: string): string {
  return `\`${s.replace(/`/g, '').slice(0, 80)}\``;
}

/** Says which sense an ambiguous word took and why: "`bias=` in `nn.Linear` → bias term". */
export function senseLine(index: GlossaryIndex, term: TermSummary, matchedText: string, why: MatchReason, t: Translate = english, locale?: string): string {
  const title = escapeMarkdown(displayTitle(term, locale).toLowerCase());
  switch (why.kind) {
    case 'argument':
      return t('{0} in {1} → {2}', code(matchedText + '='), code(why.callee), title);
    case 'compound':
      return why.identifier === matchedText ? `${code(matchedText)} → ${title}` : t('{0} in {1} → {2}', code(matchedText), code(why.identifier), title);
    case 'code': {
      const where = why.identifier && why.identifier !== matchedText ? t('{0} in {1}', code(matchedText), code(why.identifier)) : code(matchedText);
      return t('{0} → {1}, in code that {2}', where, title, escapeMarkdown(codeReason(why.because, t)));
    }
    case 'prose':
      return t('“{0}” → {1}, in text about {2}', escapeMarkdown(matchedText), title, escapeMarkdown(displayTitle(index.get(why.near) ?? { title: t('machine learning') }, locale).toLowerCase()));
  }
}

/** The document context's reason (`imports torch and numpy`, `is full of ML terms`) in the language of `t`. */
function codeReason(because: string, t: Translate): string {
  if (because === 'is full of ML terms') return t('is full of ML terms');
  const libs = /^imports (\S+)(?: and (\S+))?$/.exec(because);
  if (libs) return libs[2] ? t('imports {0} and {1}', libs[1], libs[2]) : t('imports {0}', libs[1]);
  return because;
}

function sameName(a: string, b: string): boolean {
  const n = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return n(a) === n(b) || n(a) === n(b) + 's';
}
