import * as fs from 'fs';
import * as path from 'path';
import { GlossaryIndex } from '../core/glossaryIndex';
import { parseNotebook } from '../core/notebook';
import { analyzeParts, scanDocument, scanText, type Occurrence } from '../core/scan';
import { languageFamily } from '../core/documentContext';
import type { MatchReason } from '../core/matcher';
import type { GlossaryIndexData } from '../core/types';
import { displaySummary, localizedFields } from '../core/localized';
import { compileGlossary, type CompileResult } from '../core/glossary/compile';
import { WORKSPACE_RULES } from '../core/glossary/workspaceRules';
import { formatProblem, type Problem } from '../core/glossary/problems';
import { joinGlossaries } from '../core/glossary/join';
import { readCompiledBody, readCompiledIndex } from './compiledGlossary';

const USAGE = `ML Lens: find and explain machine-learning terms.

Usage:
  ml-lens scan <files or folders...> [--json] [--glossary <folder>]...
                                                list every glossary term found, with a
                                                team glossary's entries joined to the built-in ones
  ml-lens check <folder>                        validate a team glossary (exit 0: fine, 1: problems)
  ml-lens define <term or alias>                print a glossary entry
  ml-lens help

Scans source files, Markdown, text and Jupyter notebooks (.ipynb, cell by cell).
--locale zh-cn (with scan or define) shows titles and short definitions in that language where
the glossary has them.`;

const TEXT_EXTENSIONS = new Set([
  '.py', '.pyi', '.ipynb', '.md', '.markdown', '.txt', '.rst', '.js', '.mjs', '.cjs', '.ts', '.tsx', '.jsx',
  '.r', '.jl', '.scala', '.java', '.cpp', '.cc', '.c', '.h', '.hpp', '.go', '.rs', '.yaml', '.yml', '.json', '.tex',
]);
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'dist', 'out', '.ipynb_checkpoints']);
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Longest term name `define` looks up; a longer argument cannot be a term. */
const MAX_NAME = 200;

/** One reported occurrence. */
interface Hit {
  file: string;
  cell?: number;
  line: number;
  column: number;
  text: string;
  term: string;
  title: string;
  /** The title in the `--locale` language, when the glossary has it. */
  localTitle?: string;
  /** Why an ambiguous word took this sense. */
  why?: MatchReason;
}

/** Output sinks, injectable for tests. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const stdio: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/**
 * Compiles a team glossary folder (its `*.md` files) against the built-in glossary, with the
 * rules the editor applies. Undefined, with a message, when the folder cannot be read.
 */
function compileFolder(folder: string, base: GlossaryIndexData, io: Io, cmd: string): CompileResult | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(folder, { withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.md')).map((d) => d.name).sort();
  } catch (e) {
    io.err(`ml-lens ${cmd}: ${folder}: cannot read folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return undefined;
  }
  const files: Array<{ file: string; source: string }> = [];
  const unreadable: Problem[] = [];
  for (const n of names) {
    const file = path.join(folder, n);
    let text: string | undefined;
    try {
      text = decodeText(fs.readFileSync(file));
    } catch {
      text = undefined;
    }
    if (text === undefined) unreadable.push({ file, line: 1, column: 1, message: 'cannot be read as text (the entry is skipped)' });
    else files.push({ file, source: text });
  }
  const result = compileGlossary(files, { base, rules: WORKSPACE_RULES });
  return { ...result, problems: [...unreadable, ...result.problems] };
}

function check(base: GlossaryIndexData, args: string[], io: Io): number {
  if (args.length !== 1 || args[0].startsWith('-')) {
    io.err('ml-lens check: give one glossary folder, e.g. ml-lens check .mllens/glossary');
    return 2;
  }
  const r = compileFolder(args[0], base, io, 'check');
  if (!r) return 2;
  for (const p of r.problems) io.out(formatProblem(p));
  const count = r.problems.length;
  io.err(`${r.index.terms.length} entr${r.index.terms.length === 1 ? 'y' : 'ies'} loaded from ${args[0]}; ${count} problem(s)`);
  return count ? 1 : 0;
}

/**
 * Collects the files to scan. Folders are walked once each by their real path, so symbolic-link
 * cycles end; anything that is not a regular file or folder (a FIFO, a device) is reported and skipped.
 */
function listFiles(target: string, explicit: boolean, out: string[], io: Io, seen = new Set<string>()): boolean {
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    io.err(`ml-lens: ${target}: no such file or folder`);
    return false;
  }
  if (st.isDirectory()) {
    let real: string;
    let names: string[];
    try {
      real = fs.realpathSync(target);
      if (seen.has(real)) return true;
      seen.add(real);
      names = fs.readdirSync(target).sort();
    } catch (e) {
      io.err(`ml-lens: ${target}: cannot read folder (${(e as Error).message})`);
      return false;
    }
    let ok = true;
    for (const name of names) {
      if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
      const p = path.join(target, name);
      // A broken link or an unreadable entry is reported by listFiles; the rest is still scanned.
      const isDir = (() => {
        try {
          return fs.statSync(p).isDirectory();
        } catch {
          return false;
        }
      })();
      if (isDir || TEXT_EXTENSIONS.has(path.extname(name).toLowerCase())) ok = listFiles(p, false, out, io, seen) && ok;
    }
    return ok;
  }
  if (!explicit && !TEXT_EXTENSIONS.has(path.extname(target).toLowerCase())) return true;
  if (!st.isFile()) {
    io.err(`ml-lens: ${target}: skipped, not a regular file`);
    return false;
  }
  out.push(target);
  return true;
}

/** Decodes a file's bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark; undefined for binary data. */
export function decodeText(buf: Buffer): string | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const le = Buffer.from(buf.subarray(2));
    le.swap16();
    return le.toString('utf16le');
  }
  if (buf.subarray(0, 8192).includes(0)) return undefined;
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function scanFile(index: GlossaryIndex, file: string, io: Io, locale?: string): Hit[] | undefined {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      io.err(`ml-lens: ${file}: skipped, not a regular file`);
      return undefined;
    }
    if (st.size > MAX_FILE_BYTES) {
      io.err(`ml-lens: ${file}: skipped, larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      return undefined;
    }
    buf = fs.readFileSync(file);
  } catch (e) {
    io.err(`ml-lens: ${file}: cannot read (${(e as Error).message})`);
    return undefined;
  }
  const text = decodeText(buf);
  if (text === undefined) {
    io.err(`ml-lens: ${file}: skipped, looks like a binary file`);
    return undefined;
  }
  const hit = (o: Occurrence, cell?: number): Hit => ({
    file, ...(cell ? { cell } : {}), line: o.line + 1, column: o.column + 1, text: o.text, term: o.term, title: index.get(o.term)?.title ?? o.term,
    ...(locale && localTitleOf(index, o.term, locale) ? { localTitle: localTitleOf(index, o.term, locale) } : {}),
    ...(o.why ? { why: o.why } : {}),
  });
  if (file.toLowerCase().endsWith('.ipynb')) {
    try {
      const cells = parseNotebook(text);
      const contexts = analyzeParts(index, cells.map((c) => ({ text: c.source, family: c.kind === 'code' ? 'python' : c.kind === 'markdown' ? 'markdown' : 'prose' })));
      return cells.flatMap((c, i) => scanText(index, c.source, undefined, contexts[i]).map((o) => hit(o, c.number)));
    } catch (e) {
      io.err(`ml-lens: ${file}: skipped, ${(e as Error).message}`);
      return undefined;
    }
  }
  return scanDocument(index, text, languageFamily(path.extname(file))).map((o) => hit(o));
}

/** A term's title in the `--locale` language, when the glossary has it. */
function localTitleOf(index: GlossaryIndex, id: string, locale?: string): string | undefined {
  const term = index.get(id);
  return term ? localizedFields(term, locale)?.title : undefined;
}

/** A term's title for output: the localized one (with the English one after it) when asked for and given. */
function termTitle(index: GlossaryIndex, id: string, locale?: string): string {
  const title = index.get(id)?.title ?? id;
  const local = localTitleOf(index, id, locale);
  return local ? `${local} · ${title}` : title;
}

function scan(base: GlossaryIndexData, argv: string[], io: Io, locale?: string): number {
  const folders: string[] = [];
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--glossary') {
      const f = argv[++i];
      if (f === undefined) {
        io.err('ml-lens scan: --glossary needs a folder');
        return 2;
      }
      folders.push(f);
    } else args.push(argv[i]);
  }
  const json = args.includes('--json');
  const targets = args.filter((a) => a !== '--json');
  if (targets.length === 0) {
    io.err('ml-lens scan: give at least one file or folder');
    return 2;
  }
  const layers = [];
  for (const folder of folders) {
    const r = compileFolder(folder, base, io, 'scan');
    if (!r) return 2;
    // The scan still runs with the entries that loaded; `ml-lens check` is the gate for problems.
    for (const p of r.problems) io.err(formatProblem(p));
    layers.push(r);
  }
  const index = new GlossaryIndex(layers.length ? joinGlossaries(base, layers) : base);
  const files: string[] = [];
  let failed = false;
  const seen = new Set<string>();
  for (const t of targets) failed = !listFiles(t, true, files, io, seen) || failed;
  // Hits are printed file by file, so that memory stays flat however many there are.
  let count = 0;
  const terms = new Set<string>();
  let held: string | undefined;
  if (json) io.out('[');
  for (const f of files) {
    const hits = scanFile(index, f, io, locale);
    if (!hits) {
      failed = true;
      continue;
    }
    for (const h of hits) {
      count++;
      terms.add(h.term);
      if (json) {
        if (held !== undefined) io.out(held + ',');
        held = '  ' + JSON.stringify(h);
      } else {
        const where = h.cell ? `${h.file} cell ${h.cell}:${h.line}:${h.column}` : `${h.file}:${h.line}:${h.column}`;
        io.out(`${where}  ${h.text}  → ${h.term} (${termTitle(index, h.term, locale)})`);
      }
    }
  }
  if (json) {
    if (held !== undefined) io.out(held);
    io.out(']');
  } else io.err(`${count} occurrence(s) of ${terms.size} term(s) in ${files.length} file(s)`);
  return failed ? 1 : 0;
}

function define(index: GlossaryIndex, dir: string, args: string[], io: Io, locale?: string): number {
  const name = args.join(' ').trim().slice(0, MAX_NAME);
  if (!name) {
    io.err('ml-lens define: give a term, e.g. ml-lens define "learning rate"');
    return 2;
  }
  const term = index.get(name) ?? index.lookup(name);
  if (!term) {
    const close = index.suggest(name);
    const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
    io.err(`ml-lens: no glossary entry for "${shown}".` + (close.length ? ` Did you mean: ${close.map((t) => t.title).join(', ')}?` : ''));
    return 1;
  }
  const body = readCompiledBody(dir, term.id);
  const category = index.categories.find((c) => c.id === term.category)?.title ?? term.category;
  const lines = [`${termTitle(index, term.id, locale)}  [${category}${term.level ? ` · ${term.level}` : ''}]`, '', displaySummary(term, locale), ''];
  if (term.aliases.length) lines.push(`Also: ${term.aliases.join(', ')}`);
  if (term.code.length) lines.push(`Code: ${term.code.join(', ')}`);
  if (term.related.length) lines.push(`Related: ${term.related.map((r) => termTitle(index, r.id, locale)).join(', ')}`);
  if (body) {
    lines.push('', body.markdown.trim());
    if (body.references.length) {
      lines.push('', 'References:', ...body.references.map((r) => `  - ${r.title}${r.authors ? `. ${r.authors}` : ''}${r.year ? ` (${r.year})` : ''}${r.url ? ` ${r.url}` : ''}`));
    }
  }
  io.out(lines.join('\n'));
  return 0;
}

/** Takes `--locale X` or `--locale=X` out of the arguments. */
function takeLocale(args: string[]): { locale?: string; rest: string[]; error?: string } {
  const rest: string[] = [];
  let locale: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--locale') {
      locale = args[++i];
      if (!locale || locale.startsWith('-')) return { rest, error: '--locale needs a language, e.g. --locale zh-cn' };
    } else if (a.startsWith('--locale=')) locale = a.slice('--locale='.length);
    else rest.push(a);
  }
  return { locale, rest };
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export function runCli(argv: string[], io: Io = stdio, glossaryDir = path.join(__dirname, 'glossary')): number {
  const [cmd, ...args] = argv;
  const { locale, rest, error } = takeLocale(args);
  if (error) {
    io.err(`ml-lens: ${error}`);
    return 2;
  }
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    io.out(USAGE);
    return cmd ? 0 : 2;
  }
  let data: GlossaryIndexData;
  try {
    data = readCompiledIndex(glossaryDir);
  } catch (e) {
    io.err(`ml-lens: cannot load the glossary index from ${glossaryDir} (${(e as Error).message}); run "npm run build"`);
    return 2;
  }
  if (cmd === 'scan') return scan(data, rest, io, locale);
  if (cmd === 'check') return check(data, rest, io);
  if (cmd === 'define') return define(new GlossaryIndex(data), glossaryDir, rest, io, locale);
  io.err(`ml-lens: unknown command "${cmd}"\n\n${USAGE}`);
  return 2;
}

if (require.main === module) {
  // `ml-lens scan . | head` closes the pipe early: stop quietly instead of crashing.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = runCli(process.argv.slice(2));
}
