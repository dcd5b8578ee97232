import * as assert from 'assert';
import MarkdownIt from 'markdown-it';
import { fixtureGlossary, fixtureIndex } from './fixtures';
import { markdownTermsPlugin, tooltipText, type TermMarkSettings } from '../../src/core/markdownTerms';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import { notebookLayer, parseNotebookTermsMessage, parseNotebookTermsSettings } from '../../src/shared/notebookTermsMessages';
import { compileGlossary } from '../../src/core/glossary/compile';
import { joinGlossaries } from '../../src/core/glossary/join';
import { WORKSPACE_RULES } from '../../src/core/glossary/workspaceRules';

const HREF = (id: string): string => `vscode://ml-lens.ml-lens/term?id=${encodeURIComponent(id)}`;

function render(src: string, opts: { settings?: Partial<TermMarkSettings>; href?: boolean; index?: GlossaryIndex; html?: boolean } = {}): string {
  const md = new MarkdownIt({ html: opts.html ?? false, linkify: true });
  const settings: TermMarkSettings = { enabled: true, ignore: [], ...opts.settings };
  markdownTermsPlugin(md, { index: () => opts.index ?? fixtureIndex(), settings: () => settings, href: opts.href === false ? undefined : HREF });
  return md.render(src);
}

/** The term ids marked in `html`, in order. */
function marked(html: string): string[] {
  return [...html.matchAll(/data-ml-lens-term="([^"]+)"/g)].map((m) => m[1]);
}

/** The text of each mark. */
function markedText(html: string): string[] {
  return [...html.matchAll(/<(a|abbr) class="ml-lens-term"[^>]*>(.*?)<\/\1>/g)].map((m) => m[2]);
}

describe('Markdown terms plugin', () => {
  it('wraps a term in prose with a link to its page and a tooltip with the title and short definition', () => {
    const html = render('We tune the learning rate before anything else.');
    const lr = fixtureIndex().get('learning-rate');
    assert.ok(lr);
    assert.deepStrictEqual(marked(html), ['learning-rate']);
    assert.deepStrictEqual(markedText(html), ['learning rate']);
    assert.ok(html.includes(`href="vscode://ml-lens.ml-lens/term?id=learning-rate"`), html);
    assert.ok(html.includes(`title="Learning rate — `), html);
    assert.ok(html.startsWith('<p>We tune the <a class="ml-lens-term"'), html);
    assert.ok(html.includes('</a> before anything else.</p>'), html);
  });

  it('uses <abbr> when no link target is given', () => {
    const html = render('Dropout helps.', { href: false });
    assert.match(html, /^<p><abbr class="ml-lens-term" data-ml-lens-term="dropout" title="[^"]+">Dropout<\/abbr> helps\.<\/p>/);
  });

  it('makes <abbr> marks reachable with Tab and announced as links when asked', () => {
    const md = new MarkdownIt();
    markdownTermsPlugin(md, { index: () => fixtureIndex(), settings: () => ({ enabled: true, ignore: [] }), focusable: true });
    assert.match(md.render('Dropout and `AdamW`.'), /<abbr [^>]*tabindex="0" role="link">Dropout<\/abbr>.*<code><abbr [^>]*tabindex="0" role="link">AdamW<\/abbr><\/code>/);
  });

  it('marks the first occurrence of a term in each section only', () => {
    const html = render('Dropout here, dropout there.\n\nAnd dropout again.\n\n## Next\n\nMore dropout.');
    assert.deepStrictEqual(marked(html), ['dropout', 'dropout']);
    assert.ok(html.includes('dropout there'), html);
    assert.ok(/<h2>Next<\/h2>\n<p>More <a class="ml-lens-term" data-ml-lens-term="dropout"/.test(html), html);
  });

  it('never marks headings, which still start a new section', () => {
    const html = render('# Dropout\n\nText without terms.');
    assert.deepStrictEqual(marked(html), []);
    assert.ok(html.includes('<h1>Dropout</h1>'), html);
  });

  it('leaves links intact and marks nothing inside them', () => {
    const html = render('See [dropout notes](https://example.com/dropout) and <https://example.com/learning-rate>, then use dropout.');
    assert.ok(html.includes('<a href="https://example.com/dropout">dropout notes</a>'), html);
    assert.ok(html.includes('<a href="https://example.com/learning-rate">https://example.com/learning-rate</a>'), html);
    assert.deepStrictEqual(marked(html), ['dropout']);
    assert.ok(html.includes('then use <a class="ml-lens-term" data-ml-lens-term="dropout"'), html);
  });

  it('marks nothing inside a raw HTML link either', () => {
    const html = render('<a href="x">dropout</a> and <b>dropout</b>', { html: true });
    assert.ok(html.includes('<a href="x">dropout</a>'), html);
    assert.deepStrictEqual(marked(html), ['dropout']);
  });

  it('marks code identifiers in code spans with code rules, inside the <code> element, and escapes the rest of the span', () => {
    const html = render('Use `torch.optim.AdamW(lr=1e-3) < 2` here.');
    assert.deepStrictEqual(marked(html), ['adamw', 'learning-rate']);
    assert.ok(html.includes('<code>torch.optim.<a class="ml-lens-term" data-ml-lens-term="adamw"'), html);
    assert.ok(html.includes('&lt; 2</code>'), html);
  });

  it('leaves fenced code blocks unmarked, but their imports still count as context', () => {
    const html = render('```python\nimport torch\nopt = AdamW(lr=0.1)\n```\n\nText.');
    assert.deepStrictEqual(marked(html), []);
    assert.ok(html.includes('opt = AdamW(lr=0.1)'), html);
  });

  it('matches what the hover matches in the same Markdown: the same term at the same words', () => {
    const src = 'Fine-tuning a pretrained language model with SGD and a small learning rate.';
    const index = fixtureIndex();
    const ctx = index.analyze(src, 'markdown');
    const expected = index.matcher.scan(src, undefined, { ctx, base: 0 }).map((m) => src.slice(m.start, m.end));
    assert.ok(expected.length >= 3, String(expected));
    assert.deepStrictEqual(markedText(render(src)), expected);
  });

  it('escapes hostile titles and summaries: they never become markup', () => {
    const { index } = fixtureGlossary();
    const hostile = new GlossaryIndex({
      ...index,
      terms: index.terms.map((t) => (t.id === 'dropout' ? { ...t, title: '"><img src=x onerror=alert(1)>', summary: '<script>alert(2)</script> & "quotes"' } : t)),
    });
    const html = render('Dropout helps.', { index: hostile });
    assert.ok(!html.includes('<img'), html);
    assert.ok(!html.includes('<script'), html);
    assert.ok(html.includes('title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt; — &lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;quotes&quot;"'), html);
  });

  it('escapes the id in the link and the attribute', () => {
    const { index } = fixtureGlossary();
    const odd = new GlossaryIndex({
      ...index,
      terms: index.terms.map((t) => (t.id === 'dropout' ? { ...t, id: 'a"b<c' } : t)),
      keys: index.keys.map((k) => (k.term === 'dropout' ? { ...k, term: 'a"b<c' } : k)),
    });
    const html = render('Dropout helps.', { index: odd });
    assert.ok(html.includes('data-ml-lens-term="a&quot;b&lt;c"'), html);
    assert.ok(html.includes('href="vscode://ml-lens.ml-lens/term?id=a%22b%3Cc"'), html);
  });

  it('honours mlLens.hover.ignore by id, title or alias', () => {
    assert.deepStrictEqual(marked(render('Dropout and the learning rate.', { settings: { ignore: ['dropout'] } })), ['learning-rate']);
    assert.deepStrictEqual(marked(render('Dropout and the learning rate.', { settings: { ignore: ['Learning Rate'] } })), ['dropout']);
    assert.deepStrictEqual(marked(render('Dropout and the learning rate.', { settings: { ignore: ['lr', 'dropout'] } })), []);
  });

  it('marks nothing when mlLens.hover.enabled is false, and the output is markdown-it\'s own', () => {
    const src = 'Dropout and the `AdamW` optimiser.';
    const html = render(src, { settings: { enabled: false } });
    assert.strictEqual(html, new MarkdownIt({ linkify: true }).render(src));
  });

  it('keeps escaped characters and entities as rendered text', () => {
    const html = render('A &lt;tag&gt; \\*not emphasis\\* and dropout & more.');
    assert.ok(html.includes('A &lt;tag&gt; *not emphasis* and <a class="ml-lens-term"'), html);
    assert.ok(html.includes('</a> &amp; more.'), html);
  });

  it('marks terms in lists, tables and emphasis', () => {
    const html = render('- uses **dropout**\n\n| a | b |\n|---|---|\n| SGD | x |\n');
    assert.deepStrictEqual(marked(html), ['dropout', 'stochastic-gradient-descent']);
    assert.ok(html.includes('<strong><a class="ml-lens-term" data-ml-lens-term="dropout"'), html);
  });

  it('the tooltip is plain text: Markdown markup and formula dollars are removed, long ones are cut', () => {
    const t = { ...fixtureIndex().get('dropout')!, title: 'T', summary: 'Uses **bold**, `code`, $x^2$ and a [link](https://x).' };
    assert.strictEqual(tooltipText(t), 'T — Uses bold, code, x^2 and a link.');
    const long = tooltipText({ ...t, summary: 'word '.repeat(200) });
    assert.ok(long.length <= 320 && long.endsWith('…'), long);
  });

  it('tooltips use the title and summary in the display language when the entry has them, in text and in code spans', () => {
    const base = fixtureIndex().get('dropout')!;
    const t = { ...base, l10n: { 'zh-cn': { title: '随机失活', summary: '训练时随机将部分激活置零。' } } };
    assert.strictEqual(tooltipText(t, 'zh-cn'), '随机失活 — 训练时随机将部分激活置零。');
    assert.strictEqual(tooltipText(t, 'fr'), tooltipText(base));
    const index = new GlossaryIndex({ ...fixtureIndex().data, terms: fixtureIndex().data.terms.map((x) => (x.id === 'dropout' ? t : x)) });
    const zh = render('# A\n\nWe add dropout.\n\n# B\n\nThen `nn.Dropout` there.', { index, settings: { locale: 'zh-cn' } });
    assert.strictEqual((zh.match(/title="随机失活 — /g) ?? []).length, 2, zh);
    const en = render('# A\n\nWe add dropout.\n\n# B\n\nThen `nn.Dropout` there.', { index });
    assert.ok(!en.includes('随机失活') && en.includes(`title="${base.title} — `), en);
  });
});

describe('notebook renderer messages', () => {
  it('accepts ready and open-term messages with a well-formed id only', () => {
    assert.deepStrictEqual(parseNotebookTermsMessage({ type: 'notebookTerms/ready' }), { type: 'notebookTerms/ready' });
    assert.deepStrictEqual(parseNotebookTermsMessage({ type: 'notebookTerms/open', id: 'dropout', extra: 1 }), { type: 'notebookTerms/open', id: 'dropout' });
    for (const bad of [null, 'x', [], { type: 'notebookTerms/open' }, { type: 'notebookTerms/open', id: '../x' }, { type: 'notebookTerms/open', id: 'A"b' }, { type: 'other' }]) {
      assert.strictEqual(parseNotebookTermsMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('accepts settings with a boolean and a bounded list of strings only', () => {
    assert.deepStrictEqual(parseNotebookTermsSettings({ type: 'notebookTerms/settings', enabled: false, ignore: ['dropout'] }), { type: 'notebookTerms/settings', enabled: false, ignore: ['dropout'] });
    assert.strictEqual(parseNotebookTermsSettings({ type: 'notebookTerms/settings', enabled: true, ignore: [], locale: 'zh-cn' })?.locale, 'zh-cn');
    assert.strictEqual(parseNotebookTermsSettings({ type: 'notebookTerms/settings', enabled: true, ignore: [], locale: '"><script>' })?.locale, undefined);
    for (const bad of [
      { type: 'notebookTerms/settings', enabled: 'yes', ignore: [] },
      { type: 'notebookTerms/settings', enabled: true, ignore: [1] },
      { type: 'notebookTerms/settings', enabled: true, ignore: new Array(501).fill('x') },
      { type: 'notebookTerms/settings', enabled: true },
    ]) {
      assert.strictEqual(parseNotebookTermsSettings(bad), undefined, JSON.stringify(bad).slice(0, 80));
    }
  });

  describe('the workspace glossary in the settings message', () => {
    const teamLayer = () => {
      const r = compileGlossary([
        { file: 'team/zqx-widget.md', source: '---\ntitle: Zqx widget\ncode: [make_zqx_widget]\nl10n:\n  zh-cn:\n    title: 小部件\n---\nA Zqx widget batches requests per device.\n' },
      ], { rules: WORKSPACE_RULES, base: fixtureGlossary().index });
      assert.deepStrictEqual(r.problems, []);
      return notebookLayer(r);
    };
    const settingsWith = (workspace: unknown) => ({ type: 'notebookTerms/settings', enabled: true, ignore: [], workspace });

    it('survives the trip to the renderer, and the joined index marks team terms in rendered Markdown', () => {
      const message = JSON.parse(JSON.stringify(settingsWith(teamLayer()))) as unknown;
      const parsed = parseNotebookTermsSettings(message);
      assert.ok(parsed?.workspace, 'a well-formed workspace glossary was rejected');
      const term = parsed.workspace.index.terms[0];
      assert.deepStrictEqual([term.id, term.title, term.l10n?.['zh-cn']?.title, term.aliases], ['zqx-widget', 'Zqx widget', '小部件', []]);
      const index = new GlossaryIndex(joinGlossaries(fixtureGlossary().index, [parsed.workspace]));
      const html = render('Our Zqx widget feeds the learning rate schedule.', { index });
      assert.deepStrictEqual(marked(html), ['zqx-widget', 'learning-rate']);
      assert.match(html, /title="Zqx widget — A Zqx widget batches requests per device\."/);
      assert.deepStrictEqual(marked(render('Our Zqx widget.')), [], 'the built-in index alone knows no team term');
    });

    it('rejects the whole message when any part of the workspace glossary is malformed', () => {
      const good = teamLayer();
      const variants: Array<(l: any) => void> = [
        (l) => (l.index.terms[0].id = '../x'),
        (l) => (l.index.terms[0].title = 7),
        (l) => (l.index.terms[0].summary = 'x'.repeat(5000)),
        (l) => (l.index.terms[0].l10n = { '"><b>': { title: 'x' } }),
        (l) => (l.index.keys[0].term = '<script>'),
        (l) => (l.index.keys[0] = { term: 'zqx-widget', display: 'x' }),
        (l) => (l.index.keys[0].sense = { when: 'code' }),
        (l) => (l.index.categories = [{ id: 1 }]),
        (l) => (l.overridden = [null]),
        (l) => (l.index.terms = new Array(5001).fill(l.index.terms[0])),
      ];
      for (const change of variants) {
        const bad = JSON.parse(JSON.stringify(good));
        change(bad);
        assert.strictEqual(parseNotebookTermsSettings(settingsWith(bad)), undefined, change.toString());
      }
    });
  });
});
