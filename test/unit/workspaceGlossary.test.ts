import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileGlossary, type CompileCache, type SourceFile } from '../../src/core/glossary/compile';
import { parseEntry } from '../../src/core/glossary/parse';
import { WORKSPACE_RULES } from '../../src/core/glossary/workspaceRules';
import { formatProblem } from '../../src/core/glossary/problems';
import { joinGlossaries } from '../../src/core/glossary/join';
import { entryIdFromTitle, entrySkeleton, DEFINITION_PLACEHOLDER } from '../../src/core/glossary/skeleton';
import { CATEGORIES, WORKSPACE_CATEGORY } from '../../src/core/categories';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import { relatedNeighbourhood } from '../../src/core/glossaryTreeModel';
import { runCli, type Io } from '../../src/cli/main';
import { fixtureGlossary } from './fixtures';
import { writeCompiledGlossary } from '../../src/cli/compiledGlossary';

const team = (front: string, body = 'Our short definition.\n'): string => `---\n${front}\n---\n${body}`;
const base = (): ReturnType<typeof fixtureGlossary>['index'] => fixtureGlossary().index;
const compileTeam = (files: SourceFile[], extra: Parameters<typeof compileGlossary>[1] = {}) =>
  compileGlossary(files, { rules: WORKSPACE_RULES, base: base(), ...extra });

describe('workspace glossary entries', () => {
  it('need only a title and a definition: the category defaults to Workspace, sections are optional', () => {
    const r = compileTeam([{ file: 'team/feature-store.md', source: team('title: Feature store') }]);
    assert.deepStrictEqual(r.problems.map(formatProblem), []);
    assert.strictEqual(r.index.terms[0].category, 'workspace');
    assert.ok(r.index.categories.some((c) => c.id === WORKSPACE_CATEGORY.id && c.title === 'Workspace'));
    const joined = new GlossaryIndex(joinGlossaries(base(), [r]));
    assert.strictEqual(joined.categories[joined.categories.length - 1].id, 'workspace');
    assert.strictEqual(joined.matcher.matchAt('load the feature_store', 10)?.term, 'feature-store');
  });

  it('still check a section that is there, and keep a declared category', () => {
    const r = compileTeam([{ file: 'team/x-metric.md', source: team('title: X metric\ncategory: evaluation', 'Def.\n\n## Common misconceptions\n\nno bullet here\n') }]);
    assert.strictEqual(r.index.terms[0].category, 'evaluation');
    assert.deepStrictEqual(r.problems.map(formatProblem), ['team/x-metric.md:7:1: "## Common misconceptions" needs at least one bullet item']);
  });

  it('cannot use "overrides" in the shipped glossary', () => {
    const out = parseEntry('glossary/x.md', team('title: X\ncategory: training\noverrides: dropout\nrelated: [a, b]')).problems.map(formatProblem);
    assert.ok(out.some((m) => m.startsWith('glossary/x.md:4:1: unknown field "overrides"')), out.join('\n'));
  });
});

describe('conflicts with the built-in glossary', () => {
  it('reports a reused id, alias and code identifier on their lines, keeps the built-in entry, and says how to override', () => {
    const r = compileTeam([
      { file: 'team/dropout.md', source: team('title: Our dropout') },
      { file: 'team/ours.md', source: team('title: Our trick\naliases: [tm trick, dropout rate]\ncode: [keras.layers.Dropout]') },
    ]);
    assert.deepStrictEqual(r.problems.map(formatProblem), [
      'team/dropout.md:1:1: id "dropout" is a built-in entry\'s id; the built-in entry is kept (rename the file, or add "overrides: dropout" to replace it)',
      'team/ours.md:3:1: alias "dropout rate" is already claimed by "dropout" (the built-in glossary)',
      'team/ours.md:4:1: code identifier "keras.layers.Dropout" is already claimed by "dropout" (the built-in glossary)',
    ]);
    const joined = new GlossaryIndex(joinGlossaries(base(), [r]));
    assert.strictEqual(joined.get('dropout')!.title, 'Dropout');
    assert.strictEqual(joined.matcher.matchAt('p = dropout_rate', 6)?.term, 'dropout');
    assert.strictEqual(joined.matcher.matchAt('x = tm_trick', 6)?.term, 'ours');
  });

  it('lets "overrides: <id>" replace a built-in entry: its id, words and code identifiers become the team\'s', () => {
    const r = compileTeam([{ file: 'team/our-dropout.md', source: team('title: Our dropout\noverrides: dropout\naliases: [dropout rate]\ncode: [nn.Dropout]', 'How we drop units.\n') }]);
    assert.deepStrictEqual(r.problems.map(formatProblem), []);
    assert.deepStrictEqual(r.overridden, ['dropout']);
    const joined = new GlossaryIndex(joinGlossaries(base(), [r]));
    const b = base();
    assert.strictEqual(joined.terms.length, b.terms.length);
    assert.strictEqual(joined.get('dropout')!.title, 'Our dropout');
    assert.strictEqual(joined.get('dropout')!.summary, 'How we drop units.');
    assert.strictEqual(r.bodies['dropout'].summaryHtml, 'How we drop units.');
    assert.strictEqual(joined.matcher.matchAt('nn.Dropout(0.1)', 5)?.term, 'dropout');
    // The built-in entry's other identifier went with it.
    assert.strictEqual(joined.data.keys.filter((k) => k.term === 'dropout').some((k) => k.display === 'keras.layers.Dropout'), false);
    // Built-in entries that link to it now link to the team's entry.
    assert.ok(joined.terms.some((t) => t.related.some((x) => x.id === 'dropout')));
  });

  it('keeps the built-in entry when overrides are not allowed (an untrusted workspace), and reports why', () => {
    const r = compileTeam([{ file: 'team/our-dropout.md', source: team('title: Our dropout\noverrides: dropout') }], { allowOverrides: false });
    assert.deepStrictEqual(r.problems.map(formatProblem), ['team/our-dropout.md:3:1: overrides "dropout": a workspace replaces built-in entries only once it is trusted; the built-in entry is kept']);
    assert.deepStrictEqual(r.overridden, []);
    assert.strictEqual(new GlossaryIndex(joinGlossaries(base(), [r])).get('dropout')!.title, 'Dropout');
  });

  it('reports an override of an id the built-in glossary lacks, and adds the entry under its own id', () => {
    const r = compileTeam([{ file: 'team/our-thing.md', source: team('title: Our thing\noverrides: no-such-entry') }]);
    assert.deepStrictEqual(r.problems.map(formatProblem), ['team/our-thing.md:3:1: overrides "no-such-entry", which is not a built-in entry\'s id (the entry is added under its own id)']);
    assert.deepStrictEqual(r.index.terms.map((t) => t.id), ['our-thing']);
  });

  it('reports two team entries that override the same built-in entry', () => {
    const r = compileTeam([
      { file: 'team/a.md', source: team('title: Dropout A\noverrides: dropout') },
      { file: 'team/b.md', source: team('title: Dropout B\noverrides: dropout') },
    ]);
    assert.deepStrictEqual(r.problems.map(formatProblem), ['team/b.md:1:1: duplicate id "dropout" (also team/a.md)']);
  });
});

describe('links across glossaries', () => {
  it('lets related name built-in ids, and the built-in entry lists the team entry that links to it', () => {
    const r = compileTeam([{ file: 'team/drop-schedule.md', source: team('title: Drop schedule\nrelated: [dropout, {id: learning-rate, rel: contrast}]') }]);
    assert.deepStrictEqual(r.problems.map(formatProblem), []);
    const joined = new GlossaryIndex(joinGlossaries(base(), [r]));
    const mine = relatedNeighbourhood(joined, 'drop-schedule');
    assert.strictEqual(mine.get('dropout'), 'see-also');
    assert.strictEqual(mine.get('learning-rate'), 'contrast');
    assert.strictEqual(relatedNeighbourhood(joined, 'dropout').get('drop-schedule'), 'referenced-by');
    assert.strictEqual(relatedNeighbourhood(joined, 'learning-rate').get('drop-schedule'), 'referenced-by');
  });
});

describe('incremental recompiling', () => {
  const files = (n: number): SourceFile[] =>
    Array.from({ length: n }, (_, i) => ({ file: `team/term-${i}.md`, source: team(`title: Team thing ${'abcdefghij'[i]}zq\nrelated: [dropout]`, `Definition ${i}, with $x^2$.\n`) }));

  it('parses only the files whose text changed, and renders only their bodies', () => {
    const cache: CompileCache = {};
    const list = files(6);
    const first = compileTeam(list, { cache });
    assert.strictEqual(cache.parsedLastRun, 6);
    const again = compileTeam(list, { cache });
    assert.strictEqual(cache.parsedLastRun, 0);
    assert.ok(first.entries.every((e, i) => again.entries[i] === e), 'unchanged entries are reused');
    assert.ok(first.entries.every((e) => again.bodies[e.id] === first.bodies[e.id]), 'unchanged bodies are reused');

    const edited = list.map((f, i) => (i === 2 ? { ...f, source: f.source.replace('Definition 2', 'Changed definition') } : f));
    const third = compileTeam(edited, { cache });
    assert.strictEqual(cache.parsedLastRun, 1);
    assert.strictEqual(third.index.terms.find((t) => t.id === 'term-2')!.summary, 'Changed definition, with $x^2$.');
    assert.notStrictEqual(third.bodies['term-2'], first.bodies['term-2']);
    assert.strictEqual(third.bodies['term-3'], first.bodies['term-3']);
    assert.deepStrictEqual(third.index, compileTeam(edited).index, 'the same result as compiling from scratch');
  });

  it('drops a deleted file\'s entry and reports the same problems as a full compile', () => {
    const cache: CompileCache = {};
    const list = [...files(3), { file: 'team/bad.md', source: team('title: Bad\ncategory: nope') }];
    const full = compileTeam(list);
    const warm = (compileTeam(list, { cache }), compileTeam(list, { cache }));
    assert.deepStrictEqual(warm.problems, full.problems);
    assert.ok(full.problems.length > 0);
    const fewer = compileTeam(list.filter((f) => f.file !== 'team/term-1.md'), { cache });
    assert.deepStrictEqual(fewer.index.terms.map((t) => t.id), ['term-0', 'term-2']);
    assert.strictEqual(cache.parsed!.has('team/term-1.md'), false);
  });
});

describe('new entry skeletons', () => {
  it('pass the workspace check as written, in every category', () => {
    for (const c of [WORKSPACE_CATEGORY, ...CATEGORIES]) {
      const s = entrySkeleton('Feature Störe v2', c.id);
      const r = compileTeam([{ file: `team/${s.id}.md`, source: s.text }]);
      assert.deepStrictEqual(r.problems.map(formatProblem), [], c.id);
      assert.strictEqual(r.index.terms[0].category, c.id);
    }
  });

  it('derive a file name from the title, avoid taken names, and point at the definition', () => {
    assert.strictEqual(entryIdFromTitle('  Feature Störe: v2! '), 'feature-store-v2');
    assert.strictEqual(entryIdFromTitle('数据'), 'term');
    const s = entrySkeleton('Feature store', 'workspace', new Set(['feature-store', 'feature-store-2']));
    assert.strictEqual(s.id, 'feature-store-3');
    const line = s.text.split('\n')[s.definition.line];
    assert.strictEqual(line.slice(s.definition.start, s.definition.end), DEFINITION_PLACEHOLDER);
    const quoted = entrySkeleton('a "quoted": title #1');
    assert.strictEqual(compileTeam([{ file: `team/${quoted.id}.md`, source: quoted.text }]).index.terms[0].title, 'a "quoted": title #1');
  });
});

describe('ml-lens check and scan --glossary', () => {
  let glossaryDir = '';
  let teamDir = '';
  let brokenDir = '';
  let codeDir = '';
  const run = (args: string[]): { code: number; out: string; err: string } => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
    const code = runCli(args, io, glossaryDir);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  before(() => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-team-'));
    glossaryDir = path.join(root, 'dist');
    teamDir = path.join(root, 'team');
    brokenDir = path.join(root, 'broken');
    codeDir = path.join(root, 'code');
    for (const d of [glossaryDir, teamDir, brokenDir, codeDir]) fs.mkdirSync(d);
    const r = fixtureGlossary();
    writeCompiledGlossary(glossaryDir, r.index, r.bodies);
    fs.writeFileSync(path.join(teamDir, 'zqx-buffer.md'), team('title: Zqx buffer\nrelated: [dropout]'));
    fs.writeFileSync(path.join(teamDir, 'notes.txt'), 'not an entry');
    fs.writeFileSync(path.join(brokenDir, 'zqx-buffer.md'), team('title: Zqx buffer'));
    fs.writeFileSync(path.join(brokenDir, 'bad.md'), team('title: Bad\ncategory: nope\naliases: [dropout rate]'));
    fs.writeFileSync(path.join(codeDir, 'train.py'), 'buf = ZqxBuffer()\nlayer = nn.Dropout(0.1)\n');
  });

  it('check exits 0 on a clean folder', () => {
    const r = run(['check', teamDir]);
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.strictEqual(r.out, '');
    assert.match(r.err, /1 entry loaded from .*team; 0 problem\(s\)/);
  });

  it('check exits 1 and prints each problem with file, line and column', () => {
    const r = run(['check', brokenDir]);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.out, `${path.join(brokenDir, 'bad.md')}:3:1: unknown category "nope" (one of: ${[...CATEGORIES.map((c) => c.id), 'workspace'].join(', ')})`);
    assert.match(r.err, /1 entry loaded .*; 1 problem\(s\)/);
  });

  it('check exits 2 on a usage error or a folder it cannot read', () => {
    assert.strictEqual(run(['check']).code, 2);
    assert.strictEqual(run(['check', teamDir, brokenDir]).code, 2);
    const missing = run(['check', path.join(teamDir, 'nope')]);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.err, /ml-lens check: .*nope: cannot read folder \(ENOENT\)/);
  });

  it('scan --glossary finds the team\'s terms next to the built-in ones', () => {
    const without = run(['scan', codeDir, '--json']);
    assert.deepStrictEqual((JSON.parse(without.out) as Array<{ term: string }>).map((h) => h.term), ['dropout']);
    const r = run(['scan', codeDir, '--glossary', teamDir, '--json']);
    assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual((JSON.parse(r.out) as Array<{ term: string; line: number }>).map((h) => [h.term, h.line]), [['zqx-buffer', 1], ['dropout', 2]]);
  });

  it('scan --glossary prints the glossary\'s problems, still scans, and rejects a missing folder', () => {
    const r = run(['scan', codeDir, '--glossary', brokenDir]);
    assert.strictEqual(r.code, 0);
    assert.match(r.err, /bad\.md:3:1: unknown category "nope"/);
    assert.match(r.out, /train\.py:1:7 {2}ZqxBuffer {2}→ zqx-buffer \(Zqx buffer\)/);
    assert.strictEqual(run(['scan', codeDir, '--glossary']).code, 2);
    assert.strictEqual(run(['scan', codeDir, '--glossary', path.join(teamDir, 'nope')]).code, 2);
  });
});

describe('the extension bundle and workspace glossaries', () => {
  it('leaves the parser (YAML and all) to the compiler bundle, loaded only when a workspace has entries', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    const root = path.resolve(__dirname, '..', '..', '..');
    const r = esbuild.buildSync({ entryPoints: [path.join(root, 'src/extension.ts')], bundle: true, write: false, platform: 'node', external: ['vscode'], metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(r.metafile!.inputs);
    assert.ok(inputs.some((f) => f.endsWith('src/vscode/workspaceGlossary.ts')), 'the workspace glossary is part of the extension');
    assert.deepStrictEqual(inputs.filter((f) => /node_modules\/yaml\/|src\/core\/glossary\/(parse|compile)\.ts$/.test(f)), []);
  });
});
