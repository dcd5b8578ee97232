import * as assert from 'assert';
import * as path from 'path';
import { compileGlossary } from '../../src/core/glossary/compile';
import { parseEntry } from '../../src/core/glossary/parse';
import { formatProblem } from '../../src/core/glossary/problems';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import { fixtureGlossary, readFolder, ROOT } from './fixtures';

const entry = (front: string, body = 'A short definition.\n\n## In depth\n\n' + 'word '.repeat(130) + '\n\n## Example\n\n```python\nx = 1\n```\n\n## Common misconceptions\n\n- A real confusion.\n') =>
  `---\n${front}\n---\n${body}`;

const messages = (file: string, src: string): string[] => parseEntry(file, src).problems.map(formatProblem);

describe('glossary parser and validator', () => {
  it('parses a valid entry into its fields, summary and body', () => {
    const r = parseEntry('glossary/dropout.md', entry('title: Dropout\ncategory: building-blocks\naliases: [dropout rate, {text: DO, wholeWord: true}]\ncode: [nn.Dropout]\nrelated: [a, {id: b, rel: contrast}]\nreferences:\n  - {title: "Dropout: A Simple Way", authors: Srivastava et al., year: 2014}'));
    assert.deepStrictEqual(r.problems, []);
    const e = r.entry!;
    assert.strictEqual(e.id, 'dropout');
    assert.strictEqual(e.summary, 'A short definition.');
    assert.deepStrictEqual(e.aliases[1], { text: 'DO', caseSensitive: false, wholeWord: true });
    assert.deepStrictEqual(e.related, [{ id: 'a', rel: 'see-also' }, { id: 'b', rel: 'contrast' }]);
    assert.strictEqual(e.references[0].year, 2014);
    assert.ok(e.body.startsWith('## In depth'));
  });

  it('reports malformed front matter with the file and line', () => {
    const out = messages('glossary/bad-yaml.md', readFolder(path.join(ROOT, 'test/fixtures/broken')).find((f) => f.file.endsWith('bad-yaml.md'))!.source);
    assert.strictEqual(out.length, 1);
    assert.match(out[0], /^glossary\/bad-yaml\.md:[45]:\d+: malformed front matter/);
  });

  it('reads prototype names in front matter as plain unknown fields', () => {
    const out = messages('glossary/proto.md', entry('title: X\n__proto__: 1\nconstructor: 2\ncategory: training\nrelated: [a, b]'));
    assert.ok(out.includes('glossary/proto.md:3:1: unknown field "__proto__" (allowed: title, category, level, aliases, code, senses, quiet, tags, related, references, examples, lab, matchTitle, l10n)'), out.join('\n'));
    assert.ok(out.some((m) => m.startsWith('glossary/proto.md:4:1: unknown field "constructor"')), out.join('\n'));
  });

  it('reports a missing or unterminated front matter', () => {
    assert.match(messages('glossary/x.md', 'Just text')[0], /x\.md:1:1: missing front matter/);
    assert.match(messages('glossary/x.md', '---\ntitle: X\n')[0], /unterminated front matter/);
  });

  it('reports every problem of a bad entry, each on its line', () => {
    const src = readFolder(path.join(ROOT, 'test/fixtures/broken')).find((f) => f.file.endsWith('long-summary.md'))!.source;
    const out = messages('glossary/long-summary.md', src).join('\n');
    assert.match(out, /:6:1: unknown field "unknownField"/);
    assert.match(out, /:8:1: short definition is \d+ characters; the limit is 300/);
    assert.match(out, /:8:1: short definition has 3 sentences/);
    assert.match(out, /"## In depth" has 1 words/);
    assert.match(out, /code block without a language tag/);
    assert.match(out, /needs at least one bullet item/);
  });

  it('reports thin sections whatever the case of their headings, and still compiles the other files', () => {
    const thin = entry('title: Thin\ncategory: training\nrelated: [u, v]', 'Def.\n\n## in depth\n\nToo short.\n\n## example\n\n## common misconceptions\n\nNo bullet.\n');
    const r = compileGlossary([{ file: 'glossary/t.md', source: thin },
      { file: 'glossary/u.md', source: entry('title: Upsilon\ncategory: training\nrelated: [t, v]') }, { file: 'glossary/v.md', source: entry('title: Vega\ncategory: training\nrelated: [t, u]') }]);
    const out = r.problems.map(formatProblem);
    assert.deepStrictEqual(out, [
      'glossary/t.md:8:1: "## In depth" has 2 words; write at least 120',
      'glossary/t.md:12:1: "## Example" is empty',
      'glossary/t.md:14:1: "## Common misconceptions" needs at least one bullet item',
    ]);
    assert.deepStrictEqual(r.index.terms.map((t) => t.id), ['t', 'u', 'v']);
  });

  it('reports missing fields, a bad category, bad ids and missing sections', () => {
    const out = messages('glossary/Bad_Name.md', entry('category: nowhere\nrelated: [x]', 'Def.\n\n## Example\n\n```text\nx\n```\n')).join('\n');
    assert.match(out, /not a valid id/);
    assert.match(out, /missing field "title"/);
    assert.match(out, /unknown category "nowhere"/);
    assert.match(out, /needs at least 2 related/);
    assert.match(out, /missing section "## In depth"/);
    assert.match(out, /missing section "## Common misconceptions"/);
  });

  it('skips an otherwise valid entry whose file name is not an id', () => {
    const r = parseEntry('glossary/Learning_Rate.md', entry('title: Learning rate\ncategory: training\nrelated: [a, b]'));
    assert.strictEqual(r.entry, undefined);
    assert.match(r.problems.map(formatProblem).join('\n'), /Learning_Rate\.md:1:1: file name "Learning_Rate" is not a valid id/);
  });

  it('rejects everyday words and undecided short aliases', () => {
    const r = compileGlossary([{ file: 'glossary/t.md', source: entry('title: Thing\ncategory: training\naliases: [model, lr, {text: bn, wholeWord: true}]\ncode: [fit, nn.Linear]\nrelated: [u, v]') },
      { file: 'glossary/u.md', source: entry('title: Upsilon\ncategory: training\nrelated: [t, v]') }, { file: 'glossary/v.md', source: entry('title: Vega\ncategory: training\nrelated: [t, u]') }]);
    const out = r.problems.map(formatProblem).join('\n');
    assert.match(out, /t\.md:4:1: alias "model" is an everyday word/);
    assert.match(out, /t\.md:4:1: short alias "lr" must use the object form/);
    assert.match(out, /code identifier "fit" is too generic/);
    assert.doesNotMatch(out, /"bn"/);
    assert.doesNotMatch(out, /nn\.Linear/);
    assert.doesNotMatch(out, /[uv]\.md/);
  });

  it('validates senses and quiet phrases, each problem on its line, and compiles the valid ones', () => {
    const front = [
      'title: Thing',
      'category: training',
      'senses:',
      '  - word: loss',
      '    when: [code, compound]',
      '  - word: bias',
      '    when: [sometimes]',
      '  - word: init',
      '  - word: momentum',
      '    args: [BatchNorm2d]',
      '    near: [nope]',
      '  - {when: [code]}',
      'quiet:',
      '  - Unix epoch',
      '  - epoch',
      'related: [u, v]',
    ].join('\n');
    const r = compileGlossary([{ file: 'glossary/t.md', source: entry(front) },
      { file: 'glossary/u.md', source: entry('title: Upsilon\ncategory: training\nrelated: [t, v]\naliases: [ε-greedy]') }, { file: 'glossary/v.md', source: entry('title: Vega\ncategory: training\nrelated: [t, u]') }]);
    const out = r.problems.map(formatProblem).join('\n');
    assert.match(out, /t\.md:7:1: sense "bias": unknown condition "sometimes"/);
    assert.match(out, /t\.md:9:1: sense "init" never applies/);
    assert.match(out, /t\.md:10:1: sense "momentum": near id "nope" does not exist/);
    assert.match(out, /t\.md:13:1: a sense needs a "word"/);
    assert.match(out, /t\.md:16:1: quiet phrase "epoch" needs at least two words/);
    assert.match(out, /u\.md:5:1: alias "ε-greedy" has letters outside A–Z/);
    const keys = r.index.keys.filter((k) => k.term === 't');
    assert.deepStrictEqual(keys.find((k) => k.tokens === 'loss')?.sense, { when: ['code', 'compound'] });
    assert.deepStrictEqual(keys.find((k) => k.tokens === 'momentum')?.sense, { when: [], args: ['BatchNorm2d'], near: ['nope'] });
    assert.ok(keys.some((k) => k.tokens === 'unix epoch' && k.quiet));
  });

  it('qualifies a code identifier whose last segment is another entry\'s word', () => {
    const r = compileGlossary([
      { file: 'glossary/a.md', source: entry('title: Checkpoint\ncategory: training\nrelated: [b, c]') },
      { file: 'glossary/b.md', source: entry('title: Recompute\ncategory: training\ncode: [torch.utils.checkpoint, jax.remat]\nrelated: [a, c]') },
      { file: 'glossary/c.md', source: entry('title: Gamma\ncategory: training\nrelated: [a, b]') },
    ]);
    assert.deepStrictEqual(r.problems.map(formatProblem), []);
    const b = r.index.keys.filter((k) => k.term === 'b' && k.exact);
    assert.deepStrictEqual(b.map((k) => [k.exact, k.qualifier]), [['checkpoint', 'utils'], ['remat', undefined]]);
  });

  it('checks entries against each other and still compiles the good ones', () => {
    const good = (id: string, title: string, aliases: string) => ({ file: `glossary/${id}.md`, source: entry(`title: ${title}\ncategory: training\naliases: ${aliases}\nrelated: [${id === 'a' ? 'b' : 'a'}, c]`) });
    const r = compileGlossary([good('a', 'Alpha', '[shared name]'), good('b', 'Beta', '[Shared-Names]'), good('c', 'Gamma', '[]'),
      { file: 'glossary/d.md', source: entry('title: Delta\ncategory: training\nrelated: [a, nope]') }, { file: 'glossary/broken.md', source: 'oops' }]);
    const out = r.problems.map(formatProblem).join('\n');
    assert.match(out, /b\.md:4:1: alias "Shared-Names" is already claimed by "a" \(glossary\/a\.md:4\)/);
    assert.match(out, /d\.md:4:1: related id "nope" does not exist/);
    assert.match(out, /broken\.md:1:1: missing front matter/);
    assert.deepStrictEqual(r.index.terms.map((t) => t.id), ['a', 'b', 'c', 'd']);
    assert.deepStrictEqual(r.index.terms.find((t) => t.id === 'd')!.related.map((x) => x.id), ['a']);
  });

  it('reports categories with too few entries when asked', () => {
    const r = compileGlossary([], { minPerCategory: 1 });
    assert.strictEqual(r.problems.length, 13);
    assert.match(formatProblem(r.problems[0]), /category "\S+" has 0 entries; it needs at least 1/);
  });

  it('compiles the fixture glossary cleanly into terms, keys and bodies', () => {
    const r = fixtureGlossary();
    assert.deepStrictEqual(r.problems.map(formatProblem), []);
    assert.strictEqual(r.index.terms.length, 14);
    assert.ok(r.index.keys.some((k) => k.exact === 'AdamW' && k.term === 'adamw'));
    assert.ok(r.index.keys.some((k) => k.exact === 'Linear' && k.qualifier === 'nn'));
    assert.ok(r.bodies['dropout'].markdown.includes('## Example'));
  });
});

describe('merging glossaries', () => {
  it('adds new terms from a second source but never replaces shipped ones', () => {
    const base = fixtureGlossary().index;
    const extra = compileGlossary([
      { file: 'extra/dropout.md', source: entry('title: Dropout override\ncategory: training\nrelated: [a, b]') },
      { file: 'extra/team-metric.md', source: entry('title: Team metric\ncategory: evaluation\naliases: [tm score]\nrelated: [a, b]') },
    ], { rules: { maxSummaryChars: 300, maxSummarySentences: 2, minDepthWords: 0, minRelated: 0 } }).index;
    const merged = GlossaryIndex.merge(base, extra);
    assert.strictEqual(merged.get('dropout')!.title, 'Dropout');
    assert.strictEqual(merged.get('team-metric')!.title, 'Team metric');
    assert.strictEqual(merged.matcher.matchAt('x = tm_score', 6)?.term, 'team-metric');
    assert.strictEqual(merged.matcher.matchAt('nn.Dropout(0.1)', 5)?.term, 'dropout');
    assert.strictEqual(merged.terms.length, base.terms.length + 1);
  });

  it('checks a team\'s entries against the built-in glossary: links to it work, conflicts are reported with file and line', () => {
    const base = fixtureGlossary().index;
    const rules = { maxSummaryChars: 300, maxSummarySentences: 2, minDepthWords: 0, minRelated: 0 };
    const r = compileGlossary([
      { file: 'team/dropout.md', source: entry('title: Our dropout\ncategory: training\nrelated: [adamw]') },
      { file: 'team/ours.md', source: entry('title: Our trick\ncategory: training\naliases: [tm trick, learning rate]\ncode: [nn.Dropout]\nrelated: [dropout, nope]') },
      { file: 'team/huge.md', source: entry('title: Huge\ncategory: training', 'x'.repeat(120_000)) },
      { file: 'team/many.md', source: entry(`title: Many\ncategory: training\naliases: [${Array.from({ length: 120 }, (_, i) => `alias number ${i}`).join(', ')}]`) },
    ], { rules, base });
    const out = r.problems.map(formatProblem).join('\n');
    assert.match(out, /team\/dropout\.md:1:1: id "dropout" is a built-in entry's id; the built-in entry is kept/);
    assert.match(out, /team\/ours\.md:4:1: alias "learning rate" is already claimed by "learning-rate" \(the built-in glossary\)/);
    assert.match(out, /team\/ours\.md:5:1: code identifier "nn\.Dropout" is already claimed by "dropout" \(the built-in glossary\)/);
    assert.match(out, /team\/ours\.md:6:1: related id "nope" does not exist/);
    assert.doesNotMatch(out, /related id "dropout"/);
    assert.match(out, /team\/huge\.md:1:1: entry is \d+ characters; the limit is 100000/);
    assert.match(out, /team\/many\.md:\d+:1: 120 aliases; only the first 100 are used/);
    assert.deepStrictEqual(r.index.terms.map((t) => t.id), ['many', 'ours']);
    assert.deepStrictEqual(r.index.terms.find((t) => t.id === 'ours')!.related.map((x) => x.id), ['dropout']);
    const merged = GlossaryIndex.merge(base, r.index);
    assert.strictEqual(merged.matcher.matchAt('x = tm_trick', 6)?.term, 'ours');
    assert.strictEqual(merged.matcher.matchAt('learning rate', 3)?.term, 'learning-rate');
  });
});
