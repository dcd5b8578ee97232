import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { english, formatMessage, type Translate } from '../../src/core/l10n';
import { hoverMarkdown, levelList } from '../../src/core/hoverMarkdown';
import { relationLabel, progressLabel } from '../../src/core/glossaryTreeModel';
import { noMatchMessage } from '../../src/core/termSearch';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import type { TermSummary } from '../../src/core/types';

const ROOT = path.resolve(__dirname, '../../..');
const readJson = (rel: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exporter = require(path.join(ROOT, 'scripts', 'l10n-export.js')) as {
  extract(root?: string): { messages: Map<string, string[]>; problems: string[] };
  bundleText(messages: Map<string, string[]>): string;
};

/** The sorted `{n}` placeholders of a message. */
const placeholders = (s: string): string => (s.match(/\{\d+\}/g) ?? []).sort().join(',');
/** Command and glossary links (welcome texts, walkthrough steps, the lab's prose), which a translation must keep. */
const commandLinks = (s: string): string => (s.match(/\]\((?:command|term):[^)]+\)/g) ?? []).sort().join(',');

/** Every string value in the manifest, with its JSON path. */
function strings(x: unknown, at = ''): Array<{ at: string; value: string }> {
  if (typeof x === 'string') return [{ at, value: x }];
  if (Array.isArray(x)) return x.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

/** Checks that a translation has exactly the English keys, non-empty values and the same placeholders and links. */
function assertTranslation(en: Record<string, unknown>, zh: Record<string, unknown>, file: string): void {
  const missing = Object.keys(en).filter((k) => !(k in zh));
  const stale = Object.keys(zh).filter((k) => !(k in en));
  assert.deepStrictEqual(missing, [], `${file} lacks translations for: ${missing.join(' | ')}`);
  assert.deepStrictEqual(stale, [], `${file} has keys that no longer exist: ${stale.join(' | ')}`);
  for (const [k, v] of Object.entries(en)) {
    const z = zh[k];
    assert.ok(typeof z === 'string' && z.trim(), `${file}: empty translation for ${JSON.stringify(k)}`);
    assert.strictEqual(placeholders(z), placeholders(String(v)), `${file}: placeholders differ for ${JSON.stringify(k)}`);
    assert.strictEqual(commandLinks(z), commandLinks(String(v)), `${file}: command links differ for ${JSON.stringify(k)}`);
  }
}

describe('localisation: manifest', () => {
  const pkg = readJson('package.json');
  const nls = readJson('package.nls.json');
  const zh = readJson('package.nls.zh-cn.json');
  const used = strings(pkg).map((s) => /^%(.+)%$/.exec(s.value)?.[1]).filter((k): k is string => !!k);

  it('declares its runtime bundle folder', () => {
    assert.strictEqual(pkg.l10n, './l10n');
  });

  it('every %key% in package.json has English and Chinese text, and no key is unused', () => {
    for (const k of used) assert.ok(typeof nls[k] === 'string', `package.nls.json lacks ${k}`);
    const unused = Object.keys(nls).filter((k) => !used.includes(k));
    assert.deepStrictEqual(unused, [], `package.nls.json has unused keys: ${unused.join(', ')}`);
    assertTranslation(nls, zh, 'package.nls.zh-cn.json');
  });

  it('every user-visible manifest text is a %key% (the product name "ML Lens" excepted)', () => {
    const c = pkg.contributes as Record<string, unknown>;
    const visible = [
      ...strings(c.commands).filter((s) => /\.title$/.test(s.at)),
      ...strings((c.configuration as { properties: unknown }).properties).filter((s) => /(markdownDescription|description|enumDescriptions\[\d+\]|markdownEnumDescriptions\[\d+\]|deprecationMessage)$/.test(s.at)),
      ...strings(c.views).filter((s) => /\.name$/.test(s.at)),
      ...strings(c.viewsWelcome).filter((s) => /\.contents$/.test(s.at)),
      ...strings(c.walkthroughs).filter((s) => /\.(title|description|altText)$/.test(s.at)),
      ...strings(c.submenus ?? []).filter((s) => /\.label$/.test(s.at)),
      ...strings(pkg.capabilities).filter((s) => /\.description$/.test(s.at)),
      ...strings({ description: pkg.description }),
    ];
    assert.ok(visible.length > 40, `only ${visible.length} manifest texts found`);
    const literal = visible.filter((s) => !/^%.+%$/.test(s.value) && s.value !== 'ML Lens');
    assert.deepStrictEqual(literal.map((s) => `${s.at}: ${s.value}`), []);
  });
});

describe('localisation: runtime messages', () => {
  const { messages, problems } = exporter.extract(ROOT);
  const bundle = readJson('l10n/bundle.l10n.json');
  const zh = readJson('l10n/bundle.l10n.zh-cn.json');

  it('every translate call in src/ passes a literal message', () => {
    assert.deepStrictEqual(problems, []);
  });

  it('l10n/bundle.l10n.json lists exactly the messages used in src/ (npm run l10n:export)', () => {
    const inBundle = Object.keys(bundle);
    const missing = [...messages.keys()].filter((m) => !(m in bundle));
    const stale = inBundle.filter((m) => !messages.has(m));
    assert.deepStrictEqual(missing, [], `missing from bundle.l10n.json: ${missing.map((m) => `${m} (${messages.get(m)![0]})`).join(' | ')}`);
    assert.deepStrictEqual(stale, [], `stale in bundle.l10n.json: ${stale.join(' | ')}`);
    for (const [k, v] of Object.entries(bundle)) assert.strictEqual(v, k, `the English bundle maps ${JSON.stringify(k)} to itself`);
  });

  it('l10n/bundle.l10n.zh-cn.json translates every message with the same placeholders', () => {
    assertTranslation(bundle, zh, 'bundle.l10n.zh-cn.json');
  });

  it('the extractor finds messages in all three call forms and reports computed ones', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      fs.mkdirSync(path.join(dir, 'src', 'a'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src', 'a', 'x.ts'), [
        "vscode.l10n.t('Hello {0}', name);",
        'l10n.t(`Plain template`);',
        "const f = (t: (m: string) => string) => t('From core');",
        'vscode.l10n.t(message);',
        "other.t('not a translate call'); format('nor this');",
      ].join('\n'));
      const r = exporter.extract(dir);
      assert.deepStrictEqual([...r.messages.keys()].sort(), ['From core', 'Hello {0}', 'Plain template']);
      assert.deepStrictEqual(r.problems, [`${path.join('src', 'a', 'x.ts')}:4: the message of a translate call must be a string literal`]);
      assert.strictEqual(exporter.bundleText(r.messages), '{\n  "From core": "From core",\n  "Hello {0}": "Hello {0}",\n  "Plain template": "Plain template"\n}\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('localisation: core text builders', () => {
  const zh = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
  const chinese: Translate = (m, ...args) => formatMessage(zh[m] ?? m, args);

  it('formatMessage fills numbered placeholders and leaves unknown ones', () => {
    assert.strictEqual(formatMessage('{1} before {0}, {2}', ['a', 3]), '3 before a, {2}');
    assert.strictEqual(english('{0}/{1} learned', 2, 5), '2/5 learned');
  });

  it('hover links, relation and progress labels are English by default and translated with a Translate', () => {
    const term: TermSummary = {
      id: 'dropout', title: 'Dropout', category: 'training', summary: 'Randomly zeroes activations.', aliases: [], code: [], tags: [],
      related: [{ id: 'overfitting', rel: 'see-also' }], level: 'beginner',
    } as unknown as TermSummary;
    const other = { ...term, id: 'overfitting', title: 'Overfitting', related: [] } as TermSummary;
    const index = new GlossaryIndex({ version: 1, categories: [{ id: 'training', title: 'Training' }], terms: [term, other], keys: [] } as never);
    const en = hoverMarkdown(index, term, undefined, 'dropout');
    assert.match(en, /\[\$\(book\) Open in glossary\]/);
    assert.match(en, /\[\$\(list-tree\) Show related\]/);
    assert.match(en, /Related: \[Overfitting\]/);
    const cn = hoverMarkdown(index, term, undefined, 'dropout', undefined, chinese);
    assert.match(cn, /\[\$\(book\) 在术语表中打开\]/);
    assert.match(cn, /\[\$\(list-tree\) 显示相关术语\]/);
    assert.match(cn, /相关：\[Overfitting\]/);
    assert.match(cn, / · 入门/);
    assert.strictEqual(relationLabel('referenced-by'), 'links here');
    assert.strictEqual(relationLabel('referenced-by', chinese), '链接到此处');
    assert.strictEqual(progressLabel(3, 10, chinese), '已掌握 3/10');
    assert.strictEqual(levelList(['beginner', 'advanced']), 'beginner or advanced');
    assert.strictEqual(noMatchMessage('zzz', chinese), '没有与“zzz”匹配的术语');
  });
});
