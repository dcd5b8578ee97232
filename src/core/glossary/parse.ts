import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { LEVELS, SENSE_CONDITIONS, type TermL10n, type AliasSpec, type ExampleNote, type Level, type Reference, type RelatedLink, type Relation, type SenseCondition, type SenseSpec } from '../types';
import { CATEGORIES, WORKSPACE_CATEGORY } from '../categories';
import { isRecord } from '../guards';
import type { Problem } from './problems';
import { blockKind, codeBlocks } from './examples';
import { DISPLAY_LOCALES, FIRST_TERMS, LOCALE_TAG, REQUIRED_LOCALES } from '../localized';

/** A glossary entry as parsed from its Markdown file, before cross-file checks. */
export interface ParsedEntry {
  id: string;
  file: string;
  title: string;
  category: string;
  aliases: AliasSpec[];
  code: string[];
  /** Ambiguous words this entry claims only in context. */
  senses: SenseSpec[];
  /** Phrases in which this entry's words mean something else. */
  quiet: string[];
  tags: string[];
  related: RelatedLink[];
  references: Reference[];
  /** How much a reader needs to know first. */
  level?: Level;
  /** The built-in entry this one replaces (workspace glossaries only). */
  overrides?: string;
  /** Code blocks that are not run, with why (1-based block numbers among the body's fenced blocks). */
  examples: ExampleNote[];
  lab: boolean;
  matchTitle: boolean;
  summary: string;
  /** Markdown after the short definition. */
  body: string;
  /** Words in `## In depth`. */
  depthWords: number;
  /** Title and summary in other display languages, by lowercase locale (`zh-cn`); only what the entry gives. */
  l10n: Record<string, TermL10n>;
  /** 1-based line of each front-matter field and of each alias/code item, for cross-file messages. */
  lines: { field: Record<string, number>; alias: number[]; code: number[]; related: number[]; sense: number[]; quiet: number[] };
}

/** Limits that the validator applies to each entry. */
export interface EntryRules {
  maxSummaryChars: number;
  maxSummarySentences: number;
  minDepthWords: number;
  minRelated: number;
  /** Every entry must say its `level`. */
  requireLevel?: boolean;
  /** Every entry must name at least one reference, each with a link. */
  requireReferences?: boolean;
  /** These entries must give a title and a summary in each of these locales (`l10n`). */
  requireL10n?: { locales: readonly string[]; ids: readonly string[] };
  /**
   * A team's own glossary: `category` may be omitted or `workspace`, the body sections are
   * optional (checked when present), and `overrides: <id>` may replace a built-in entry.
   */
  workspace?: boolean;
}

/** The rules the shipped glossary is held to. */
export const DEFAULT_RULES: EntryRules = {
  maxSummaryChars: 300,
  maxSummarySentences: 2,
  minDepthWords: 120,
  minRelated: 2,
};

/** The stricter rules of the glossary that ships with the extension. */
export const SHIPPED_RULES: EntryRules = {
  ...DEFAULT_RULES,
  requireLevel: true,
  requireReferences: true,
  requireL10n: { locales: REQUIRED_LOCALES, ids: FIRST_TERMS },
};

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CODE_RE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const RELATIONS: readonly Relation[] = ['see-also', 'contrast', 'prerequisite', 'part-of', 'example'];
const FIELDS = new Set(['title', 'category', 'level', 'aliases', 'code', 'senses', 'quiet', 'tags', 'related', 'references', 'examples', 'lab', 'matchTitle', 'l10n']);
const WORKSPACE_FIELDS = new Set([...FIELDS, 'overrides']);
const L10N_FIELDS = ['title', 'summary'];
const SENSE_KEYS = ['word', 'when', 'args', 'near', 'with', 'unless'];
const SECTIONS = ['In depth', 'Example', 'Common misconceptions'];
const CATEGORY_IDS = new Set(CATEGORIES.map((c) => c.id));

/** The id of a glossary file: its base name without `.md`. */
export function idFromFileName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/i, '');
}

/**
 * Parses and validates one entry. Returns the entry when it is usable (possibly with problems
 * that do not prevent loading it) and every problem found, each with file and line.
 */
export function parseEntry(file: string, source: string, rules: EntryRules = DEFAULT_RULES): { entry?: ParsedEntry; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (line: number, message: string, column = 1): void => {
    problems.push({ file, line, column, message });
  };
  const id = idFromFileName(file);
  if (!ID_RE.test(id)) report(1, `file name "${id}" is not a valid id: use lowercase letters, digits and hyphens (the entry is skipped)`);

  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0] !== '---') {
    report(1, 'missing front matter: the file must start with a line "---"');
    return { problems };
  }
  const close = lines.indexOf('---', 1);
  if (close < 0) {
    report(1, 'unterminated front matter: no closing "---" line');
    return { problems };
  }
  const fmText = lines.slice(1, close).join('\n');
  const lc = new LineCounter();
  const doc = parseDocument(fmText, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: YamlNode | null | undefined): number => {
    const off = node?.range?.[0];
    return off === undefined ? 2 : lc.linePos(off).line + 1;
  };
  for (const err of doc.errors) {
    const pos = lc.linePos(err.pos[0]);
    report(pos.line + 1, `malformed front matter: ${err.message.split('\n')[0]}`, pos.col);
  }
  if (doc.errors.length > 0) return { problems };
  if (!isMap(doc.contents)) {
    report(2, 'front matter must be a YAML mapping of fields (title, category, ...)');
    return { problems };
  }

  // Keys come from the file: no prototype, so that `__proto__:` is just an unknown field.
  const field: Record<string, number> = Object.create(null) as Record<string, number>;
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const nodes: Record<string, YamlNode | undefined> = Object.create(null) as Record<string, YamlNode | undefined>;
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    field[key] = lineOf(keyNode);
    const fields = rules.workspace ? WORKSPACE_FIELDS : FIELDS;
    if (!fields.has(key)) {
      report(field[key], `unknown field "${key}" (allowed: ${[...fields].join(', ')})`);
      continue;
    }
    nodes[key] = (pair.value ?? undefined) as YamlNode | undefined;
    values[key] = (pair.value as YamlNode | null)?.toJSON?.() ?? (pair.value as unknown);
  }
  const at = (key: string): number => field[key] ?? 2;
  const itemLines = (key: string): number[] => {
    const n = nodes[key];
    return isSeq(n) ? n.items.map((it) => lineOf(it as YamlNode)) : [];
  };

  const title = typeof values.title === 'string' ? values.title.trim() : '';
  if (!title) report(at('title'), 'missing field "title" (a non-empty string)');
  const categoryIds = rules.workspace ? new Set([...CATEGORY_IDS, WORKSPACE_CATEGORY.id]) : CATEGORY_IDS;
  const category = typeof values.category === 'string' ? values.category : rules.workspace && values.category === undefined ? WORKSPACE_CATEGORY.id : '';
  if (!category) report(at('category'), 'missing field "category"');
  else if (!categoryIds.has(category)) report(at('category'), `unknown category "${category}" (one of: ${[...categoryIds].join(', ')})`);

  let overrides: string | undefined;
  if (values.overrides !== undefined) {
    if (typeof values.overrides === 'string' && ID_RE.test(values.overrides)) overrides = values.overrides;
    else report(at('overrides'), '"overrides" must be the id of a built-in entry, such as learning-rate');
  }

  const aliases: AliasSpec[] = [];
  const aliasLines = itemLines('aliases');
  listOf(values.aliases, 'aliases', at('aliases'), report).forEach((a, i) => {
    const line = aliasLines[i] ?? at('aliases');
    if (typeof a === 'string' && a.trim()) aliases.push({ text: a.trim(), caseSensitive: false, wholeWord: false });
    else if (isRecord(a) && typeof a.text === 'string' && a.text.trim()) {
      const extra = Object.keys(a).filter((k) => !['text', 'caseSensitive', 'wholeWord'].includes(k));
      if (extra.length) report(line, `alias has unknown keys: ${extra.join(', ')} (allowed: text, caseSensitive, wholeWord)`);
      aliases.push({ text: a.text.trim(), caseSensitive: a.caseSensitive === true, wholeWord: a.wholeWord === true });
    } else report(line, 'an alias must be a non-empty string or { text, caseSensitive?, wholeWord? }');
  });

  const code: string[] = [];
  const codeLines = itemLines('code');
  listOf(values.code, 'code', at('code'), report).forEach((c, i) => {
    if (typeof c === 'string' && CODE_RE.test(c.trim())) code.push(c.trim());
    else report(codeLines[i] ?? at('code'), `code identifier ${JSON.stringify(c)} is not a dotted identifier such as torch.nn.Dropout`);
  });

  const senses: SenseSpec[] = [];
  /** Line of each accepted sense and quiet phrase (skipped items are not counted). */
  const senseLines: number[] = [];
  const senseItemLines = itemLines('senses');
  listOf(values.senses, 'senses', at('senses'), report).forEach((v, i) => {
    const line = senseItemLines[i] ?? at('senses');
    const sense = parseSense(v, line, report);
    if (sense) {
      senses.push(sense);
      senseLines.push(line);
    }
  });

  const quiet: string[] = [];
  const quietLines: number[] = [];
  const quietItemLines = itemLines('quiet');
  listOf(values.quiet, 'quiet', at('quiet'), report).forEach((q, i) => {
    const line = quietItemLines[i] ?? at('quiet');
    if (typeof q === 'string' && q.trim()) {
      quiet.push(q.trim());
      quietLines.push(line);
    } else report(line, 'a quiet phrase must be a non-empty string such as "Unix epoch"');
  });

  const tags = listOf(values.tags, 'tags', at('tags'), report).filter((t): t is string => {
    if (typeof t === 'string' && t.trim()) return true;
    report(at('tags'), 'tags must be strings');
    return false;
  });

  const related: RelatedLink[] = [];
  const relatedLines = itemLines('related');
  listOf(values.related, 'related', at('related'), report).forEach((r, i) => {
    const line = relatedLines[i] ?? at('related');
    if (typeof r === 'string') related.push({ id: r, rel: 'see-also' });
    else if (isRecord(r) && typeof r.id === 'string') {
      const rel = (r.rel ?? 'see-also') as Relation;
      if (!RELATIONS.includes(rel)) report(line, `unknown relation "${String(r.rel)}" (one of: ${RELATIONS.join(', ')})`);
      related.push({ id: r.id, rel: RELATIONS.includes(rel) ? rel : 'see-also' });
    } else report(line, 'a related item must be an id or { id, rel }');
  });
  if (related.length < rules.minRelated) report(at('related'), `needs at least ${rules.minRelated} related entries (has ${related.length})`);
  if (related.some((r) => r.id === id)) report(at('related'), 'an entry cannot be related to itself');

  const references: Reference[] = [];
  listOf(values.references, 'references', at('references'), report).forEach((r) => {
    if (!isRecord(r) || typeof r.title !== 'string' || !r.title.trim()) {
      report(at('references'), 'a reference needs a "title" (and optionally authors, year, url)');
      return;
    }
    const year = r.year === undefined ? undefined : Number(r.year);
    if (year !== undefined && !(Number.isInteger(year) && year >= 1700 && year <= 2100)) report(at('references'), `reference year "${String(r.year)}" is not a year`);
    if (r.url !== undefined && !(typeof r.url === 'string' && /^https:\/\/[^\s]+$/.test(r.url))) report(at('references'), 'a reference url must start with https://');
    else if (r.url === undefined && rules.requireReferences) report(at('references'), `reference "${r.title.trim()}" needs a url (an arXiv abs page, https://doi.org/… or the documentation page)`);
    references.push({
      title: r.title.trim(),
      authors: typeof r.authors === 'string' ? r.authors : Array.isArray(r.authors) ? r.authors.join(', ') : undefined,
      year,
      url: typeof r.url === 'string' ? r.url : undefined,
    });
  });
  if (rules.requireReferences && references.length === 0) report(at('title'), 'missing "references": name the paper, book chapter or documentation behind this entry, with a url');

  let level: Level | undefined;
  if (values.level === undefined) {
    if (rules.requireLevel) report(at('title'), `missing field "level" (one of: ${LEVELS.join(', ')})`);
  } else if (LEVELS.includes(values.level as Level)) level = values.level as Level;
  else report(at('level'), `unknown level "${String(values.level)}" (one of: ${LEVELS.join(', ')})`);

  const examples: ExampleNote[] = [];
  const exampleLines = itemLines('examples');
  listOf(values.examples, 'examples', at('examples'), report).forEach((x, i) => {
    const line = exampleLines[i] ?? at('examples');
    const extra = isRecord(x) ? Object.keys(x).filter((k) => !['block', 'runnable', 'reason'].includes(k)) : [];
    if (!isRecord(x) || !Number.isInteger(x.block) || (x.block as number) < 1 || x.runnable !== false || typeof x.reason !== 'string' || !x.reason.trim()) {
      report(line, 'an examples item must be { block: <1-based number of the code block>, runnable: false, reason: "<why it cannot run here>" }');
    } else {
      if (extra.length) report(line, `examples item has unknown keys: ${extra.join(', ')} (allowed: block, runnable, reason)`);
      examples.push({ block: x.block as number, reason: x.reason.trim(), line });
    }
  });

  for (const flag of ['lab', 'matchTitle']) {
    if (values[flag] !== undefined && typeof values[flag] !== 'boolean') report(at(flag), `"${flag}" must be true or false`);
  }

  const bodyStartLine = close + 2; // 1-based line of the first body line
  const body = checkBody(lines.slice(close + 1), bodyStartLine, rules, report);
  const l10n = parseL10n(nodes.l10n, at('l10n'), values.l10n !== undefined, { title, summary: body?.summary }, rules, lineOf, report);
  const required = rules.requireL10n;
  if (required?.ids.includes(id)) {
    for (const loc of required.locales) {
      const missing = L10N_FIELDS.filter((k) => !l10n[loc]?.[k as keyof TermL10n]);
      if (missing.length) report(field.l10n ?? at('title'), `a term learners meet first needs l10n.${loc} with ${missing.map((k) => `"${k}"`).join(' and ')}`);
    }
  }
  const blocks = examples.length ? codeBlocks(text) : [];
  for (const x of examples) {
    const b = blocks.find((k) => k.n === x.block);
    if (!b) report(x.line, `examples: there is no code block ${x.block} (the entry has ${blocks.length})`);
    else if (blockKind(b.lang) === 'text') report(x.line, `examples: block ${x.block} is text, which is never run; it needs no note`);
  }
  if (!ID_RE.test(id) || !title || !category || !categoryIds.has(category) || !body) return { problems };
  return {
    entry: {
      id, file, title, category, aliases, code, senses, quiet, tags, related, references, level, examples,
      ...(overrides ? { overrides } : {}),
      lab: values.lab === true,
      matchTitle: values.matchTitle !== false,
      summary: body.summary,
      body: body.rest,
      depthWords: body.depthWords,
      l10n,
      lines: { field, alias: aliasLines, code: codeLines, related: relatedLines, sense: senseLines, quiet: quietLines },
    },
    problems,
  };
}

const WORD_LIST_RE = /^[A-Za-z0-9][A-Za-z0-9 _-]*$/;

/** Counts sentences in English (`. ` before a capital) and in scripts that end them with `。！？`. */
function sentenceCount(text: string): number {
  return text.split(/(?<=[.!?])\s+(?=\p{Lu})|(?<=[。！？])\s*(?=\S)/u).length;
}

const LATEX_RE = /\$|\\[A-Za-z]/;

/**
 * Parses `l10n: { <locale>: { title?, summary? } }`: locales as VS Code names them, each with a
 * non-empty title and/or summary held to the English summary's limits. A title or summary that
 * repeats the English one is reported: it would add nothing.
 */
function parseL10n(
  node: YamlNode | undefined,
  fieldLine: number,
  given: boolean,
  english: { title: string; summary?: string },
  rules: EntryRules,
  lineOf: (node: YamlNode | null | undefined) => number,
  report: (line: number, message: string) => void,
): Record<string, TermL10n> {
  // Keys are checked against DISPLAY_LOCALES before use, so a plain object is safe.
  const out: Record<string, TermL10n> = {};
  if (!given) return out;
  if (!isMap(node)) {
    report(fieldLine, '"l10n" must map locales to a title and summary, e.g. l10n: { zh-cn: { title: 学习率, summary: … } }');
    return out;
  }
  for (const pair of node.items) {
    const keyNode = pair.key as YamlNode;
    const loc = isScalar(keyNode) ? String(keyNode.value) : '';
    const line = lineOf(keyNode);
    const where = `l10n.${loc}`;
    if (LOCALE_TAG.test(loc.toLowerCase()) && loc !== loc.toLowerCase()) {
      report(line, `locale "${loc}" must be lowercase, as VS Code names display languages: "${loc.toLowerCase()}"`);
      continue;
    }
    if (loc === 'en' || loc.startsWith('en-')) {
      report(line, `locale "${loc}": the entry itself is the English text; l10n is for other languages`);
      continue;
    }
    if (!DISPLAY_LOCALES.includes(loc)) {
      report(line, `unknown locale "${loc}" (one of: ${DISPLAY_LOCALES.join(', ')})`);
      continue;
    }
    if (out[loc]) continue; // a repeated key is already a YAML error
    const value = pair.value as YamlNode | null;
    if (!isMap(value)) {
      report(line, `${where} must be a mapping with "title" and/or "summary"`);
      continue;
    }
    const fields: TermL10n = {};
    for (const sub of value.items) {
      const subKey = sub.key as YamlNode;
      const name = isScalar(subKey) ? String(subKey.value) : '';
      const subLine = lineOf(subKey);
      if (!L10N_FIELDS.includes(name)) {
        report(subLine, `${where}: unknown field "${name}" (allowed: ${L10N_FIELDS.join(', ')})`);
        continue;
      }
      const raw = (sub.value as YamlNode | null)?.toJSON?.() ?? (sub.value as unknown);
      const text = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
      if (raw !== null && raw !== undefined && typeof raw !== 'string') {
        report(subLine, `${where}.${name} must be text`);
        continue;
      }
      if (!text) {
        report(subLine, `${where}.${name} is empty: give the text or leave the field out`);
        continue;
      }
      if (name === 'title') {
        if (text.toLowerCase() === english.title.toLowerCase()) {
          report(subLine, `${where}.title is the English title; leave it out (the English title is shown anyway)`);
          continue;
        }
        fields.title = text;
      } else {
        let ok = true;
        if (LATEX_RE.test(text)) {
          report(subLine, `${where}.summary shows in hovers as plain text: write it without LaTeX ($…$, \\macros), with Unicode symbols where needed`);
          ok = false;
        }
        if (text.length > rules.maxSummaryChars) {
          report(subLine, `${where}.summary is ${text.length} characters; the limit is ${rules.maxSummaryChars}`);
          ok = false;
        }
        const sentences = sentenceCount(text);
        if (sentences > rules.maxSummarySentences) {
          report(subLine, `${where}.summary has ${sentences} sentences; use at most ${rules.maxSummarySentences}`);
          ok = false;
        }
        if (english.summary !== undefined && text === english.summary) {
          report(subLine, `${where}.summary is the English summary; translate it or leave it out`);
          ok = false;
        }
        if (ok) fields.summary = text;
      }
    }
    if (fields.title || fields.summary) out[loc] = fields;
    else if (value.items.length === 0) report(line, `${where} gives neither "title" nor "summary"`);
  }
  return out;
}

/** Parses one `senses` item: `{ word, when?, args?, near?, with?, unless? }`. */
function parseSense(v: unknown, line: number, report: (line: number, message: string) => void): SenseSpec | undefined {
  if (!isRecord(v) || typeof v.word !== 'string' || !v.word.trim()) {
    report(line, 'a sense needs a "word" (the ambiguous word) and "when" and/or "args"');
    return undefined;
  }
  const extra = Object.keys(v).filter((k) => !SENSE_KEYS.includes(k));
  if (extra.length) report(line, `sense has unknown keys: ${extra.join(', ')} (allowed: ${SENSE_KEYS.join(', ')})`);
  const strings = (key: string, re: RegExp, what: string): string[] | undefined => {
    const raw = v[key];
    if (raw === undefined) return undefined;
    if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string' || !re.test(x))) {
      report(line, `sense "${String(v.word)}": "${key}" must be a list of ${what}`);
      return undefined;
    }
    return raw as string[];
  };
  const when = strings('when', /^[a-z]+$/, `conditions (${SENSE_CONDITIONS.join(', ')})`) ?? [];
  const unknown = when.filter((w) => !SENSE_CONDITIONS.includes(w as SenseCondition));
  if (unknown.length) report(line, `sense "${v.word}": unknown condition ${unknown.map((u) => `"${u}"`).join(', ')} (one of: ${SENSE_CONDITIONS.join(', ')})`);
  const args = strings('args', CODE_RE, 'call names such as nn.Linear');
  const near = strings('near', ID_RE, 'entry ids');
  const withWords = strings('with', WORD_LIST_RE, 'words');
  const unless = strings('unless', WORD_LIST_RE, 'words');
  const known = when.filter((w): w is SenseCondition => SENSE_CONDITIONS.includes(w as SenseCondition));
  if (known.length === 0 && !args?.length) {
    report(line, `sense "${v.word}" never applies: give "when" (${SENSE_CONDITIONS.join(', ')}) or "args"`);
    return undefined;
  }
  return {
    word: v.word.trim(),
    when: known,
    ...(args ? { args } : {}),
    ...(near ? { near } : {}),
    ...(withWords ? { with: withWords } : {}),
    ...(unless ? { unless } : {}),
  };
}

function checkBody(
  lines: string[],
  firstLine: number,
  rules: EntryRules,
  report: (line: number, message: string) => void,
): { summary: string; rest: string; depthWords: number } | undefined {
  let i = 0;
  while (i < lines.length && !lines[i].trim()) i++;
  const sumStart = i;
  while (i < lines.length && lines[i].trim()) i++;
  const summary = lines.slice(sumStart, i).map((l) => l.trim()).join(' ');
  if (!summary || summary.startsWith('#')) {
    report(firstLine + sumStart, 'missing short definition: the body must start with a one- or two-sentence paragraph');
    return undefined;
  }
  if (LATEX_RE.test(summary)) report(firstLine + sumStart, 'the short definition shows in hovers as plain text: write it without LaTeX ($…$, \\macros), with Unicode symbols (ᾱ, β, √, ≈) where needed');
  if (summary.length > rules.maxSummaryChars) report(firstLine + sumStart, `short definition is ${summary.length} characters; the limit is ${rules.maxSummaryChars}`);
  const sentences = summary.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
  if (sentences > rules.maxSummarySentences) report(firstLine + sumStart, `short definition has ${sentences} sentences; use at most ${rules.maxSummarySentences}`);

  const headings: Array<{ name: string; line: number; index: number }> = [];
  let fence: string | undefined;
  for (let k = i; k < lines.length; k++) {
    const m = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[k]);
    if (m) {
      if (!fence) {
        fence = m[2];
        if (!m[3].trim()) report(firstLine + k, 'code block without a language tag (write ```python, ```js, ```text...)');
      } else if (m[2].startsWith(fence) && !m[3].trim()) fence = undefined;
      continue;
    }
    if (!fence && /^## /.test(lines[k])) headings.push({ name: lines[k].slice(3).trim(), line: firstLine + k, index: k });
  }
  if (fence) report(firstLine + lines.length - 1, 'unclosed code block');

  let cursor = 0;
  const sections: Record<string, string[]> = {};
  /** 1-based line of each section's heading, however it is capitalised. */
  const sectionLine: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const name of SECTIONS) {
    const h = headings.findIndex((x, idx) => idx >= cursor && x.name.toLowerCase() === name.toLowerCase());
    if (h < 0) {
      if (rules.workspace) continue;
      report(firstLine + lines.length - 1, `missing section "## ${name}" (sections must be ${SECTIONS.map((s) => `"## ${s}"`).join(', ')}, in that order)`);
      continue;
    }
    const end = h + 1 < headings.length ? headings[h + 1].index : lines.length;
    sections[name] = lines.slice(headings[h].index + 1, end);
    sectionLine[name] = headings[h].line;
    cursor = h + 1;
  }
  const depth = sections['In depth'];
  const depthWords = depth ? depth.join(' ').split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length : 0;
  if (depth && depthWords < rules.minDepthWords) {
    report(sectionLine['In depth'], `"## In depth" has ${depthWords} words; write at least ${rules.minDepthWords}`);
  }
  const example = sections['Example'];
  if (example && !example.some((l) => l.trim())) report(sectionLine['Example'], '"## Example" is empty');
  const mis = sections['Common misconceptions'];
  if (mis && !mis.some((l) => /^\s*([-*]|\d+\.)\s+\S/.test(l))) {
    report(sectionLine['Common misconceptions'], '"## Common misconceptions" needs at least one bullet item');
  }
  return { summary, rest: lines.slice(i).join('\n').trim() + '\n', depthWords };
}

function listOf(v: unknown, name: string, line: number, report: (line: number, message: string) => void): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  report(line, `"${name}" must be a list`);
  return [];
}
