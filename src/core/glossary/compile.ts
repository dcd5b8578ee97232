import type { GlossaryIndexData, MatchKey, TermBody, TermSummary } from '../types';
import { CATEGORIES, WORKSPACE_CATEGORY } from '../categories';
import { normTokens, tokenize } from '../tokenizer';
import { normalizeToken } from '../normalize';
import { isStopKey } from '../stopwords';
import { DEFAULT_RULES, parseEntry, type EntryRules, type ParsedEntry } from './parse';
import type { Problem } from './problems';
import { createMarkdownRenderer } from '../markdown';

/** A glossary source file. */
export interface SourceFile {
  /** Path shown in messages. */
  file: string;
  source: string;
}

/** Options for {@link compileGlossary}. */
export interface CompileOptions {
  rules?: EntryRules;
  /** Each category must have at least this many entries (0 turns the check off). */
  minPerCategory?: number;
  /**
   * A glossary these entries join (the built-in one, for a team's own folder): `related` may
   * name its ids, and an id, alias or code identifier it already has is reported; its entry wins.
   */
  base?: GlossaryIndexData;
  /**
   * Whether `overrides: <id>` may replace an entry of {@link base}. When false (an untrusted
   * workspace), such an entry is reported and the built-in entry is kept.
   */
  allowOverrides?: boolean;
  /**
   * Kept between compiles of the same folder: a file whose text has not changed is not parsed
   * again and its body is not rendered again, so a live reload costs about one file.
   */
  cache?: CompileCache;
}

/** What {@link compileGlossary} keeps between runs; create it empty (`{}`) and pass it each time. */
export interface CompileCache {
  parsed?: Map<string, { source: string; rules: EntryRules; result: ReturnType<typeof parseEntry> }>;
  bodies?: Map<string, { source: string; known: string; body: TermBody; problems: Problem[] }>;
  /** How many files were parsed (not taken from the cache) by the last compile. */
  parsedLastRun?: number;
}

/** Largest entry file compiled; a bigger one is reported and skipped. */
export const MAX_ENTRY_CHARS = 100_000;
/** Most aliases (and most code identifiers) an entry may list; the rest are reported and ignored. */
export const MAX_ALIASES = 100;

/** What compiling a glossary folder produces. */
export interface CompileResult {
  index: GlossaryIndexData;
  bodies: Record<string, TermBody>;
  entries: ParsedEntry[];
  problems: Problem[];
  /** Ids of {@link CompileOptions.base} entries that an entry replaces with `overrides`. */
  overridden: string[];
}

/**
 * Parses every file, checks them against each other (duplicate ids, aliases claimed twice,
 * dangling related ids, empty categories) and builds the compact index. Broken files are
 * reported and left out; everything else still compiles.
 */
export function compileGlossary(files: readonly SourceFile[], opts: CompileOptions = {}): CompileResult {
  const problems: Problem[] = [];
  const entries: ParsedEntry[] = [];
  const byId = new Map<string, ParsedEntry>();
  const baseIds = new Set((opts.base?.terms ?? []).map((t) => t.id.toLowerCase()));
  const sources = new Map<string, string>();
  const overridden = new Set<string>();
  const rules = opts.rules ?? DEFAULT_RULES;
  const cache = opts.cache;
  const parsed = cache ? (cache.parsed ??= new Map()) : undefined;
  const stale = new Set(parsed?.keys());
  if (cache) cache.parsedLastRun = 0;
  for (const f of files) {
    if (f.source.length > MAX_ENTRY_CHARS) {
      problems.push({ file: f.file, line: 1, column: 1, message: `entry is ${f.source.length} characters; the limit is ${MAX_ENTRY_CHARS} (the entry is skipped)` });
      continue;
    }
    stale.delete(f.file);
    let r: ReturnType<typeof parseEntry>;
    const hit = parsed?.get(f.file);
    if (hit && hit.source === f.source && hit.rules === rules) r = hit.result;
    else {
      try {
        r = parseEntry(f.file, f.source, rules);
      } catch (e) {
        // A parser bug on one file must not stop the others from loading.
        problems.push({ file: f.file, line: 1, column: 1, message: `could not be read: ${e instanceof Error ? e.message : String(e)}` });
        continue;
      }
      parsed?.set(f.file, { source: f.source, rules, result: r });
      if (cache) cache.parsedLastRun = (cache.parsedLastRun ?? 0) + 1;
    }
    problems.push(...r.problems);
    if (!r.entry) continue;
    const target = r.entry.overrides;
    if (target !== undefined) {
      const line = r.entry.lines.field.overrides ?? 2;
      if (!baseIds.has(target)) {
        problems.push({ file: f.file, line, column: 1, message: `overrides "${target}", which is not a built-in entry's id (the entry is added under its own id)` });
      } else if (opts.allowOverrides === false) {
        problems.push({ file: f.file, line, column: 1, message: `overrides "${target}": a workspace replaces built-in entries only once it is trusted; the built-in entry is kept` });
        continue;
      } else {
        r = { ...r, entry: { ...r.entry, id: target } };
        overridden.add(target);
      }
    }
    const entry = r.entry!;
    if (baseIds.has(entry.id.toLowerCase()) && !overridden.has(entry.id)) {
      problems.push({ file: f.file, line: 1, column: 1, message: `id "${entry.id}" is a built-in entry's id; the built-in entry is kept (rename the file, or add "overrides: ${entry.id}" to replace it)` });
      continue;
    }
    for (const [list, lines, what] of [[entry.aliases, entry.lines.alias, 'aliases'], [entry.code, entry.lines.code, 'code identifiers']] as const) {
      if (list.length > MAX_ALIASES) {
        problems.push({ file: f.file, line: lines[MAX_ALIASES] ?? 1, column: 1, message: `${list.length} ${what}; only the first ${MAX_ALIASES} are used` });
        list.splice(MAX_ALIASES);
      }
    }
    const prev = byId.get(entry.id.toLowerCase());
    if (prev) {
      problems.push({ file: f.file, line: 1, column: 1, message: `duplicate id "${entry.id}" (also ${prev.file})` });
      continue;
    }
    sources.set(entry.id, f.source.replace(/\r\n?/g, '\n'));
    byId.set(entry.id.toLowerCase(), entry);
    entries.push(entry);
  }
  for (const file of stale) parsed?.delete(file);
  entries.sort((a, b) => a.id.localeCompare(b.id));
  /** An id of these entries or of the glossary they join. */
  const known = (id: string): boolean => byId.has(id.toLowerCase()) || baseIds.has(id.toLowerCase());

  const keys: MatchKey[] = [];
  const owners = new Map<string, { entry: Pick<ParsedEntry, 'id' | 'file'>; line: number }>();
  for (const k of opts.base?.keys ?? []) {
    if (overridden.has(k.term)) continue;
    const owner = { entry: { id: k.term, file: 'the built-in glossary' }, line: 0 };
    if (k.exact) owners.set(codeSlot(k.qualifier, k.exact), owner);
    else if (k.tokens && !k.sense && !k.quiet) {
      owners.set(phraseSlot(k.tokens), owner);
      if (k.caseSensitive) owners.set(caseSlot(k.display), owner);
    }
  }
  const claim = (slot: string, entry: ParsedEntry, line: number, what: string): boolean => {
    const other = owners.get(slot);
    if (other && other.entry !== entry) {
      const where = other.line ? `${other.entry.file}:${other.line}` : other.entry.file;
      problems.push({ file: entry.file, line, column: 1, message: `${what} is already claimed by "${other.entry.id}" (${where})` });
      return false;
    }
    owners.set(slot, { entry, line });
    return true;
  };
  const report = (entry: ParsedEntry, line: number, message: string): void => {
    problems.push({ file: entry.file, line, column: 1, message });
  };

  /** Single-word keys by their word, to tell which code identifiers need their module to be unambiguous. */
  const wordOwners = new Map<string, string>();
  for (const e of entries) {
    const seen = new Set<string>();
    const addPhrase = (written: string, line: number, what: string, caseSensitive: boolean, wholeWord: boolean): void => {
      // Accents are dropped, so that `Fréchet` also matches `frechet_distance`.
      const text = written.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      const norm = normTokens(text);
      if (norm.length === 0) return report(e, line, `${what} "${text}" has no letters or digits`);
      if (/[^\x00-\x7F]/.test(text)) {
        return report(e, line, `${what} "${text}" has letters outside A–Z, which matching ignores (it would match as "${norm.join(' ')}"); spell it out, e.g. epsilon for ε`);
      }
      if (isStopKey(norm)) return report(e, line, `${what} "${text}" is an everyday word or variable name and would fire on unrelated code; use a more specific phrase, a sense with conditions${what === 'title' ? ', or set matchTitle: false' : ''}`);
      const joined = norm.join('');
      if (joined.length < 2) return report(e, line, `${what} "${text}" is too short to match reliably`);
      if (norm.length === 1 && joined.length <= 3 && !wholeWord && what !== 'title') {
        return report(e, line, `short ${what} "${text}" must use the object form with wholeWord: true (and caseSensitive: true if the lowercase form is an ordinary word)`);
      }
      const tokens = norm.join(' ');
      if (seen.has(tokens + '|' + caseSensitive)) return;
      seen.add(tokens + '|' + caseSensitive);
      const slot = caseSensitive ? caseSlot(text) : phraseSlot(tokens);
      if (!claim(slot, e, line, `${what} "${text}"`)) return;
      if (caseSensitive || norm.length > 1) claim(phraseSlot(tokens), e, line, `${what} "${text}"`);
      if (norm.length === 1) wordOwners.set(tokens, e.id);
      keys.push({ term: e.id, tokens, display: text, ...(caseSensitive ? { caseSensitive } : {}), ...(wholeWord ? { wholeWord } : {}) });
    };
    if (e.matchTitle) addPhrase(e.title, e.lines.field.title ?? 2, 'title', false, false);
    e.aliases.forEach((a, i) => addPhrase(a.text, e.lines.alias[i] ?? e.lines.field.aliases ?? 2, 'alias', a.caseSensitive, a.wholeWord));
    e.senses.forEach((sense, i) => {
      const line = e.lines.sense[i] ?? e.lines.field.senses ?? 2;
      const norm = normTokens(sense.word);
      if (norm.length === 0) return report(e, line, `sense "${sense.word}" has no letters or digits`);
      const tokens = norm.join(' ');
      const signature = [tokens, [...sense.when].sort().join(','), (sense.args ?? []).join(',')].join('|');
      if (!claim(`s:${signature}`, e, line, `sense "${sense.word}" with the same conditions`)) return;
      const { word: _word, ...rest } = sense;
      keys.push({
        term: e.id,
        tokens,
        display: sense.word,
        sense: {
          ...rest,
          ...(sense.with ? { with: sense.with.map(normalizeToken) } : {}),
          ...(sense.unless ? { unless: sense.unless.map(normalizeToken) } : {}),
        },
      });
    });
    e.quiet.forEach((q, i) => {
      const line = e.lines.quiet[i] ?? e.lines.field.quiet ?? 2;
      const norm = normTokens(q);
      if (norm.length < 2) return report(e, line, `quiet phrase "${q}" needs at least two words: the entry's word and what makes it mean something else`);
      if (!claim(`q:${norm.join(' ')}`, e, line, `quiet phrase "${q}"`)) return;
      keys.push({ term: e.id, tokens: norm.join(' '), display: q, quiet: true });
    });
  }
  for (const e of entries) {
    e.code.forEach((c, i) => {
      const line = e.lines.code[i] ?? e.lines.field.code ?? 2;
      const segs = c.split('.');
      const last = segs[segs.length - 1];
      const lastNorm = normTokens(last);
      const owner = wordOwners.get(lastNorm.join(' '));
      // A last segment that is another entry's word (`checkpoint`) only means this entry after its module.
      const generic = isStopKey(lastNorm) || lastNorm.join('').length <= 2 || (owner !== undefined && owner !== e.id);
      const qualifier = generic ? segs[segs.length - 2] : undefined;
      if (generic && !qualifier) return report(e, line, `code identifier "${c}" is too generic on its own; qualify it with its module (e.g. module.${last})`);
      if (!claim(codeSlot(qualifier, last), e, line, `code identifier "${c}"`)) return;
      if (keys.some((k) => k.term === e.id && k.exact === last && k.qualifier === qualifier)) return;
      keys.push({ term: e.id, exact: last, display: c, ...(qualifier ? { qualifier } : {}) });
    });
  }

  for (const e of entries) {
    e.related.forEach((r, i) => {
      if (!known(r.id)) report(e, e.lines.related[i] ?? e.lines.field.related ?? 2, `related id "${r.id}" does not exist`);
    });
    e.senses.forEach((sense, i) => {
      for (const id of sense.near ?? []) {
        if (!known(id)) report(e, e.lines.sense[i] ?? e.lines.field.senses ?? 2, `sense "${sense.word}": near id "${id}" does not exist`);
      }
    });
  }
  const required = opts.rules?.requireL10n;
  for (const id of required?.ids ?? []) {
    if (!byId.has(id)) problems.push({ file: 'glossary/', line: 1, column: 1, message: `"${id}" is listed among the terms learners meet first, but there is no such entry` });
  }
  const min = opts.minPerCategory ?? 0;
  if (min > 0) {
    for (const c of CATEGORIES) {
      const n = entries.filter((e) => e.category === c.id).length;
      if (n < min) problems.push({ file: 'glossary/', line: 1, column: 1, message: `category "${c.id}" has ${n} entries; it needs at least ${min}` });
    }
  }

  const terms: TermSummary[] = entries.map((e) => ({
    id: e.id,
    title: e.title,
    category: e.category,
    summary: e.summary,
    aliases: e.aliases.map((a) => a.text),
    code: e.code,
    tags: e.tags,
    related: e.related.filter((r) => known(r.id)),
    ...(e.level ? { level: e.level } : {}),
    ...(e.lab ? { lab: true } : {}),
    ...(Object.keys(e.l10n).length ? { l10n: e.l10n } : {}),
  }));
  const bodies: Record<string, TermBody> = {};
  let current: ParsedEntry | undefined;
  const renderer = createMarkdownRenderer({
    isTerm: known,
    onMathError: (tex, message) => {
      if (!current) return;
      const source = sources.get(current.id) ?? '';
      const at = source.indexOf(tex);
      const line = at < 0 ? 1 : source.slice(0, at).split('\n').length;
      report(current, line, `formula does not typeset: ${message} (in "${tex.length > 80 ? tex.slice(0, 77) + '...' : tex}")`);
    },
  });
  // A body's links depend on which ids exist, so a cached body is reused only while they are the same.
  const knownSig = cache ? [...byId.keys()].sort().join(' ') + '|' + baseIds.size : '';
  const rendered = cache ? (cache.bodies ??= new Map()) : undefined;
  const renderedBefore = new Set(rendered?.keys());
  for (const e of entries) {
    const source = sources.get(e.id) ?? '';
    renderedBefore.delete(e.id);
    const hit = rendered?.get(e.id);
    if (hit && hit.source === source && hit.known === knownSig) {
      bodies[e.id] = hit.body;
      problems.push(...hit.problems);
      continue;
    }
    current = e;
    const before = problems.length;
    bodies[e.id] = {
      id: e.id,
      markdown: e.body,
      html: renderer.render(e.body),
      summaryHtml: renderer.renderInline(e.summary),
      references: e.references,
      ...(e.examples.length ? { notRun: e.examples.map((x) => ({ block: x.block, reason: x.reason })) } : {}),
    };
    rendered?.set(e.id, { source, known: knownSig, body: bodies[e.id], problems: problems.slice(before) });
  }
  for (const id of renderedBefore) rendered?.delete(id);
  current = undefined;
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const categories = entries.some((e) => e.category === WORKSPACE_CATEGORY.id) ? [...CATEGORIES, WORKSPACE_CATEGORY] : [...CATEGORIES];
  return { index: { version: 1, categories, terms, keys }, bodies, entries, problems, overridden: [...overridden] };
}

/** The claim slots that keep two entries from owning one word: a phrase, an exact spelling, a code identifier. */
function phraseSlot(tokens: string): string {
  return `t:${tokens}`;
}

function caseSlot(text: string): string {
  return `cs:${tokenize(text).map((t) => t.text).join('')}`;
}

function codeSlot(qualifier: string | undefined, last: string): string {
  return `x:${qualifier ?? ''}.${last}`;
}
