import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { compileGlossary } from '../../src/core/glossary/compile';
import { DEFAULT_RULES, parseEntry, SHIPPED_RULES, type EntryRules } from '../../src/core/glossary/parse';
import { formatProblem } from '../../src/core/glossary/problems';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import { termRowText, termTagline } from '../../src/core/glossaryTreeModel';
import { hoverMarkdown } from '../../src/core/hoverMarkdown';
import { DISPLAY_LOCALES, displaySummary, displayTitle, FIRST_TERMS, localizedFields, normalizeLocale, REQUIRED_LOCALES } from '../../src/core/localized';
import { searchTerms } from '../../src/core/termSearch';
import { ROOT } from './fixtures';
import { writeCompiledGlossary } from '../../src/cli/compiledGlossary';

const BODY = 'A short definition.\n\n## In depth\n\n' + 'word '.repeat(130) + '\n\n## Example\n\n```python\nx = 1\n```\n\n## Common misconceptions\n\n- A real confusion.\n';
const entry = (front: string, body = BODY): string => `---\n${front}\n---\n${body}`;
const BASE = 'title: Learning rate\ncategory: training\nrelated: [a, b]';
const messages = (front: string, rules: EntryRules = DEFAULT_RULES, file = 'glossary/learning-rate.md'): string[] =>
  parseEntry(file, entry(front), rules).problems.map(formatProblem);

describe('localized titles and summaries: the format', () => {
  it('parses l10n into per-locale titles and summaries, folding whitespace', () => {
    const r = parseEntry('glossary/learning-rate.md', entry(`${BASE}\nl10n:\n  zh-cn:\n    title: 学习率\n    summary: >-\n      学习率缩放每一步\n      更新。\n  fr:\n    title: Taux d'apprentissage`));
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(r.entry!.l10n, { 'zh-cn': { title: '学习率', summary: '学习率缩放每一步 更新。' }, fr: { title: "Taux d'apprentissage" } });
  });

  it('reports each bad locale, field and value on its own line', () => {
    const front = [
      BASE, // lines 2-4
      'l10n:', // 5
      '  zh-CN:', // 6
      '    title: 学习率',
      '  xx:', // 8
      '    title: X',
      '  en:', // 10
      '    title: Rate',
      '  ja:', // 12
      '    titel: 学習率', // 13
      '    summary: ""', // 14
      '  ko:', // 15
      '    title: learning RATE', // 16
      '    summary: 학습률은 $\\eta$ 입니다.', // 17
      '  zh-tw:', // 18
      `    summary: "${'很長的定義'.repeat(61)}"`, // 19
      '  de:', // 20
      '    summary: Die Lernrate skaliert Schritte. Sie ist wichtig. Man stellt sie ein.', // 21
      '  fr: just text', // 22
      '  it:', // 23
      '    summary: A short definition.', // 24
      '  es: {}', // 25
    ].join('\n');
    const out = messages(front);
    const expected = [
      'glossary/learning-rate.md:6:1: locale "zh-CN" must be lowercase, as VS Code names display languages: "zh-cn"',
      `glossary/learning-rate.md:8:1: unknown locale "xx" (one of: ${DISPLAY_LOCALES.join(', ')})`,
      'glossary/learning-rate.md:10:1: locale "en": the entry itself is the English text; l10n is for other languages',
      'glossary/learning-rate.md:13:1: l10n.ja: unknown field "titel" (allowed: title, summary)',
      'glossary/learning-rate.md:14:1: l10n.ja.summary is empty: give the text or leave the field out',
      'glossary/learning-rate.md:16:1: l10n.ko.title is the English title; leave it out (the English title is shown anyway)',
      'glossary/learning-rate.md:17:1: l10n.ko.summary shows in hovers as plain text: write it without LaTeX ($…$, \\macros), with Unicode symbols where needed',
      'glossary/learning-rate.md:19:1: l10n.zh-tw.summary is 305 characters; the limit is 300',
      'glossary/learning-rate.md:21:1: l10n.de.summary has 3 sentences; use at most 2',
      'glossary/learning-rate.md:22:1: l10n.fr must be a mapping with "title" and/or "summary"',
      'glossary/learning-rate.md:24:1: l10n.it.summary is the English summary; translate it or leave it out',
      'glossary/learning-rate.md:25:1: l10n.es gives neither "title" nor "summary"',
    ];
    assert.deepStrictEqual(out, expected);
    // What is wrong is left out; what is right still loads.
    const r = parseEntry('glossary/learning-rate.md', entry(front));
    assert.ok(r.entry);
    assert.deepStrictEqual(Object.keys(r.entry.l10n), []);
  });

  it('counts sentences that end in 。！？ against the limit', () => {
    assert.deepStrictEqual(messages(`${BASE}\nl10n:\n  zh-cn:\n    summary: 第一句。第二句！`), []);
    assert.deepStrictEqual(messages(`${BASE}\nl10n:\n  zh-cn:\n    summary: 第一句。第二句！第三句？`), [
      'glossary/learning-rate.md:7:1: l10n.zh-cn.summary has 3 sentences; use at most 2',
    ]);
  });

  it('rejects l10n that is not a mapping, and a value that is not text', () => {
    assert.deepStrictEqual(messages(`${BASE}\nl10n: [zh-cn]`), [
      'glossary/learning-rate.md:5:1: "l10n" must map locales to a title and summary, e.g. l10n: { zh-cn: { title: 学习率, summary: … } }',
    ]);
    assert.deepStrictEqual(messages(`${BASE}\nl10n:\n  zh-cn:\n    title: 3`), ['glossary/learning-rate.md:7:1: l10n.zh-cn.title must be text']);
  });

  it('requires both fields, in each required locale, of the listed entries only', () => {
    const rules: EntryRules = { ...DEFAULT_RULES, requireL10n: { locales: ['zh-cn'], ids: ['learning-rate'] } };
    assert.deepStrictEqual(messages(BASE, rules), ['glossary/learning-rate.md:2:1: a term learners meet first needs l10n.zh-cn with "title" and "summary"']);
    assert.deepStrictEqual(messages(`${BASE}\nl10n:\n  zh-cn:\n    title: 学习率`, rules), [
      'glossary/learning-rate.md:5:1: a term learners meet first needs l10n.zh-cn with "summary"',
    ]);
    assert.deepStrictEqual(messages(`${BASE}\nl10n:\n  zh-cn:\n    title: 学习率\n    summary: 学习率缩放每一步更新。`, rules), []);
    assert.deepStrictEqual(messages(BASE, rules, 'glossary/other.md'), []);
  });

  it('makes the shipped check fail when a term learners meet first lacks zh-cn, or does not exist', () => {
    const file = (id: string): { file: string; source: string } => ({ file: `glossary/${id}.md`, source: fs.readFileSync(path.join(ROOT, 'glossary', `${id}.md`), 'utf8') });
    const stripped = file('learning-rate');
    stripped.source = stripped.source.replace(/\nl10n:\n(?: {2,}.*\n)+/, '\n');
    assert.doesNotMatch(stripped.source, /l10n/);
    const r = compileGlossary([stripped, file('optimizer')], { rules: SHIPPED_RULES });
    const out = r.problems.map(formatProblem);
    assert.ok(out.some((m) => /^glossary\/learning-rate\.md:2:1: a term learners meet first needs l10n\.zh-cn with "title" and "summary"$/.test(m)), out.join('\n'));
    assert.ok(!out.some((m) => m.startsWith('glossary/optimizer.md') && m.includes('l10n')), out.join('\n'));
    assert.ok(out.includes('glossary/:1:1: "training-set" is listed among the terms learners meet first, but there is no such entry'), out.join('\n'));
  });

  it('compiles only the locales and fields an entry gives into the index', () => {
    const r = compileGlossary([
      { file: 'glossary/learning-rate.md', source: entry(`title: Learning rate\ncategory: training\nrelated: [dropout, dropout]\nl10n:\n  zh-cn:\n    title: 学习率\n  ja:\n    summary: 学習率は更新の大きさを決める。`) },
      { file: 'glossary/dropout.md', source: entry('title: Dropout\ncategory: training\nrelated: [learning-rate, learning-rate]') },
    ]);
    const terms = new Map(r.index.terms.map((t) => [t.id, t]));
    assert.deepStrictEqual(terms.get('learning-rate')!.l10n, { 'zh-cn': { title: '学习率' }, ja: { summary: '学習率は更新の大きさを決める。' } });
    assert.ok(!('l10n' in terms.get('dropout')!));
    assert.doesNotMatch(JSON.stringify(r.index.terms.find((t) => t.id === 'dropout')), /l10n/);
  });
});

describe('localized titles and summaries: display', () => {
  const index = new GlossaryIndex(compileGlossary([
    { file: 'glossary/learning-rate.md', source: entry(`title: Learning rate\ncategory: training\nlevel: beginner\naliases: [{text: lr, wholeWord: true}]\nrelated: [gradient-descent, dropout]\nl10n:\n  zh-cn:\n    title: 学习率\n    summary: 学习率是缩放优化器每次更新的超参数。`, 'The learning rate scales each step.\n\n' + BODY.slice(BODY.indexOf('## In depth'))) },
    { file: 'glossary/gradient-descent.md', source: entry('title: Gradient descent\ncategory: training\nrelated: [learning-rate, dropout]\nl10n:\n  zh-cn:\n    title: 梯度下降\n    summary: 梯度下降沿梯度的反方向移动参数。') },
    { file: 'glossary/dropout.md', source: entry('title: Dropout\ncategory: training\nrelated: [learning-rate, gradient-descent]\nl10n:\n  ja:\n    title: ドロップアウト') },
  ]).index);
  const lr = index.get('learning-rate')!;

  it('reads VS Code display languages: lowercase, English as no locale, exact tags only (no fallback between Chinese scripts)', () => {
    assert.strictEqual(normalizeLocale('zh-CN'), 'zh-cn');
    assert.strictEqual(normalizeLocale('en'), undefined);
    assert.strictEqual(normalizeLocale('en-us'), undefined);
    assert.strictEqual(displayTitle(lr, 'zh-cn'), '学习率');
    assert.strictEqual(displayTitle(lr, 'zh-CN'), '学习率');
    assert.strictEqual(displayTitle(lr, 'zh-tw'), 'Learning rate');
    assert.strictEqual(displayTitle(lr, 'en'), 'Learning rate');
    assert.strictEqual(displaySummary(lr, undefined), 'The learning rate scales each step.');
    assert.strictEqual(localizedFields({ l10n: { 'pt-br': { title: 'Taxa de aprendizado' } } }, 'pt-BR')?.title, 'Taxa de aprendizado');
    assert.strictEqual(localizedFields({ l10n: { 'zh-cn': { title: '学习率' } } }, 'zh')?.title, undefined);
  });

  it('shows the localized title with the English one, and the localized summary, in a zh-cn hover', () => {
    const m = index.matcher.matchAt('opt(lr=0.1)', 4)!;
    const zh = hoverMarkdown(index, lr, m.key, 'lr', undefined, undefined, 'zh-cn');
    const en = hoverMarkdown(index, lr, m.key, 'lr', undefined, undefined, 'en');
    assert.match(zh, /^\*\*学习率\*\* \(Learning rate\) · \*Training and optimization\* · beginner\n\n学习率是缩放优化器每次更新的超参数。\n/);
    assert.doesNotMatch(zh, /The learning rate scales/);
    assert.match(zh, /`lr` → 学习率/);
    assert.match(zh, /Related: \[梯度下降\]\(command:mlLens\.glossary\.openTerm\?[^)]*\) · \[Dropout\]\(/);
    assert.match(en, /^\*\*Learning rate\*\* · \*Training and optimization\* · beginner\n\nThe learning rate scales each step\.\n/);
    assert.doesNotMatch(en, /学习率|梯度下降/);
    assert.strictEqual(hoverMarkdown(index, lr, m.key, 'lr'), en);
  });

  it('keeps the English title and summary where the entry has no text in the display language', () => {
    const md = hoverMarkdown(index, index.get('dropout')!, undefined, 'dropout', undefined, undefined, 'zh-cn');
    assert.match(md, /^\*\*Dropout\*\* · /);
    assert.match(md, /\n\nA short definition\.\n/);
  });

  it('labels tree rows with the localized title, the English title beside it, and a localized tagline', () => {
    assert.deepStrictEqual(termRowText(lr, 'zh-cn'), { label: '学习率', english: 'Learning rate' });
    assert.deepStrictEqual(termRowText(lr, 'en'), { label: 'Learning rate' });
    assert.deepStrictEqual(termRowText(index.get('dropout')!, 'zh-cn'), { label: 'Dropout' });
    assert.strictEqual(termTagline(lr, 80, 'zh-cn'), '缩放优化器每次更新的超参数。');
    assert.strictEqual(termTagline(lr, 80, 'en'), 'scales each step.');
    assert.strictEqual(termTagline(index.get('gradient-descent')!, 80, 'zh-cn'), '梯度下降沿梯度的反方向移动参数。');
  });

  it('finds terms by their title in the display language, and still in English', () => {
    const ids = (q: string, locale?: string): string[] => searchTerms(index.terms, q, 200, locale).map((h) => h.term.id);
    assert.deepStrictEqual(ids('学习率', 'zh-cn'), ['learning-rate']);
    assert.deepStrictEqual(ids('学习', 'zh-cn'), ['learning-rate']);
    assert.deepStrictEqual(ids('下降', 'zh-cn'), ['gradient-descent']);
    assert.strictEqual(searchTerms(index.terms, '梯度下降', 200, 'zh-cn')[0].quality, 'exact');
    assert.deepStrictEqual(ids('learning rate', 'zh-cn'), ['learning-rate']);
    assert.deepStrictEqual(ids('lr', 'zh-cn'), ['learning-rate']);
    assert.deepStrictEqual(ids('学习率'), []);
    assert.deepStrictEqual(ids('学习率', 'ja'), []);
    assert.deepStrictEqual(ids('ドロップ', 'ja'), ['dropout']);
  });

  it('looks a term up by its localized title', () => {
    assert.strictEqual(index.lookup('学习率')?.id, 'learning-rate');
    assert.strictEqual(index.lookup('梯度 下降')?.id, 'gradient-descent');
    assert.strictEqual(index.lookup('不存在'), undefined);
  });
});

describe('the CLI with --locale', () => {
  let dir = '';
  const run = (args: string[]): { code: number; out: string; err: string } => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runCli(args, { out: (x) => out.push(x), err: (x) => err.push(x) }, dir);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-l10n-'));
    const files = ['learning-rate', 'optimizer', 'dropout'].map((id) => ({ file: `glossary/${id}.md`, source: fs.readFileSync(path.join(ROOT, 'glossary', `${id}.md`), 'utf8') }));
    const r = compileGlossary(files);
    writeCompiledGlossary(dir, r.index, r.bodies);
    fs.writeFileSync(path.join(dir, 'train.py'), 'learning_rate = 1e-3\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('define finds a term by its Chinese title and prints the Chinese title and summary with the English title', () => {
    const r = run(['define', '学习率', '--locale', 'zh-cn']);
    assert.strictEqual(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.match(lines[0], /^学习率 · Learning rate {2}\[/);
    assert.match(lines[2], /^学习率是缩放优化器每次更新的超参数/);
    assert.match(r.out, /Related: 优化器 · Optimizer/);
    assert.match(r.out, /## In depth\n\nIn plain gradient descent/, 'the body stays English');
    const en = run(['define', 'learning rate']);
    assert.match(en.out, /^Learning rate {2}\[/);
    assert.doesNotMatch(en.out, /学习率/);
  });

  it('scan shows the localized title, and --json adds localTitle only when asked', () => {
    const file = path.join(dir, 'train.py');
    assert.match(run(['scan', '--locale=zh-cn', file]).out, /learning_rate {2}→ learning-rate \(学习率 · Learning rate\)$/);
    const hits = JSON.parse(run(['scan', file, '--json', '--locale', 'zh-cn']).out) as Array<{ title: string; localTitle?: string }>;
    assert.deepStrictEqual([hits[0].title, hits[0].localTitle], ['Learning rate', '学习率']);
    const plain = JSON.parse(run(['scan', file, '--json']).out) as Array<Record<string, unknown>>;
    assert.ok(!('localTitle' in plain[0]));
    assert.strictEqual(run(['scan', file, '--locale']).code, 2);
  });
});

describe('the terms learners meet first', () => {
  it('are 25 distinct entries of the shipped glossary, each with a Simplified Chinese title and summary', () => {
    assert.strictEqual(new Set(FIRST_TERMS).size, 25);
    assert.deepStrictEqual(REQUIRED_LOCALES, ['zh-cn']);
    for (const id of FIRST_TERMS) {
      const file = path.join(ROOT, 'glossary', `${id}.md`);
      const r = parseEntry(`glossary/${id}.md`, fs.readFileSync(file, 'utf8'), SHIPPED_RULES);
      assert.deepStrictEqual(r.problems.map(formatProblem), [], id);
      const zh = r.entry!.l10n['zh-cn'];
      assert.ok(zh?.title && /\p{Script=Han}/u.test(zh.title), `${id}: ${zh?.title}`);
      assert.ok(zh?.summary && /\p{Script=Han}/u.test(zh.summary) && zh.summary.endsWith('。'), `${id}: ${zh?.summary}`);
    }
  });
});
