import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createMarkdownRenderer, isAllowedLink, termLinkTarget } from '../../src/core/markdown';
import { highlight } from '../../src/core/highlight';
import { escapeHtml } from '../../src/core/html';
import { renderTex } from '../../src/core/math';
import { ROOT } from './fixtures';
import { readCompiledBody, readCompiledIndex } from '../../src/cli/compiledGlossary';

const render = (md: string): string => createMarkdownRenderer().render(md);

/** Tags in `html` (lower-cased names). */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase());
}

/** Attributes of every tag, as `tag[name=value]`. */
function attributes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    for (const a of m[2].matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) out.push(`${m[1]}[${a[1]}=${a[2] ?? ''}]`);
  }
  return out;
}

const SAFE_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'em', 'strong', 'code', 'pre', 'blockquote', 'a',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'span', 'div', 'i', 'b', 'sup', 'sub', 's', 'svg', 'path', 'line']);

/** Asserts that rendered HTML has no live markup: only safe tags, no handlers, styles or unsafe URLs. */
function assertInert(html: string): void {
  for (const t of tags(html)) assert.ok(SAFE_TAGS.has(t), `unexpected <${t}> in ${html}`);
  for (const a of attributes(html)) {
    assert.ok(!/\[on/i.test(a), `event handler ${a}`);
    assert.ok(!/\[style=/i.test(a), `inline style ${a}`);
    if (/\[(href|src)=/.test(a)) assert.match(a, /\[(href|src)=(#[\w.-]+|https?:\/\/[^"]+|mailto:[^"]+)\]$/, `unsafe URL ${a}`);
  }
}

describe('Markdown rendering (term pages)', () => {
  it('renders raw HTML as text: scripts, handlers, iframes and SVG stay inert', () => {
    const html = render([
      'Intro <script>alert(1)</script> and <img src=x onerror="alert(2)">.',
      '',
      '<script>document.body.dataset.xss = 1</script>',
      '',
      '<svg onload="alert(3)"></svg>',
      '<iframe src="javascript:alert(4)"></iframe>',
      '<a href="javascript:alert(5)">raw link</a>',
      '<p title="x&quot; onmouseover=&quot;alert(6)">quoted</p>',
    ].join('\n'));
    assertInert(html);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), html);
    assert.ok(html.includes('&lt;img src=x onerror='), html);
    assert.ok(!/<script|<img|<svg|<iframe/i.test(html));
  });

  it('does not link javascript:, data:, vbscript:, file: or command: targets', () => {
    const hostile = [
      '[a](javascript:alert(1))',
      '[b](JaVaScRiPt:alert(1))',
      '[c](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[d](vbscript:msgbox(1))',
      '[e](file:///etc/passwd)',
      '[f](command:workbench.action.files.newUntitledFile)',
      '[g](  javascript:alert(1)  )',
      '<javascript:alert(1)>',
      '[h][ref]\n\n[ref]: javascript:alert(1)',
      '![i](javascript:alert(1))',
      '![j](data:image/png;base64,AAAA)',
    ];
    for (const md of hostile) {
      const html = render(md);
      assertInert(html);
      assert.ok(!/<a\s/.test(html), `${md} became a link: ${html}`);
      assert.ok(!/href|src=/.test(html), `${md}: ${html}`);
    }
  });

  it('links http(s) addresses as external links and glossary links as in-page navigation', () => {
    const html = render('[paper](https://arxiv.org/abs/1711.05101 "AdamW") [dropout](term:dropout) [relu](relu.md) [x](../glossary/gelu.md)');
    assertInert(html);
    assert.ok(html.includes('<a href="https://arxiv.org/abs/1711.05101" class="external" rel="noopener noreferrer" title="AdamW">paper</a>'), html);
    assert.ok(html.includes('<a href="#dropout" class="term-link" data-term="dropout">dropout</a>'), html);
    assert.ok(html.includes('data-term="relu"') && html.includes('data-term="gelu"'), html);
  });

  it('leaves links to unknown terms as text when it knows the glossary', () => {
    const html = createMarkdownRenderer({ isTerm: (id) => id === 'dropout' }).render('[a](term:dropout) [b](term:nope)');
    assert.ok(html.includes('data-term="dropout"'));
    assert.ok(!html.includes('data-term="nope"'));
  });

  it('classifies link targets', () => {
    assert.strictEqual(termLinkTarget('term:adamw'), 'adamw');
    assert.strictEqual(termLinkTarget('./adamw.md'), 'adamw');
    assert.strictEqual(termLinkTarget('https://x.org/a.md'), undefined);
    assert.strictEqual(termLinkTarget('term:../../etc'), undefined);
    assert.ok(isAllowedLink('https://example.com/x'));
    assert.ok(isAllowedLink('mailto:a@b.c'));
    assert.ok(!isAllowedLink('javascript:alert(1)'));
    assert.ok(!isAllowedLink('command:foo'));
    assert.ok(!isAllowedLink('http://a b'));
  });

  it('escapes attribute-breaking text in titles and code fence languages', () => {
    const html = render('[x](https://a.org "a\\" onclick=\\"alert(1)")\n\n```py" onclick="alert(1)\ncode\n```');
    assertInert(html);
  });

  it('renders images as their alt text', () => {
    const html = render('![a diagram of attention](https://example.com/a.png)');
    assert.ok(html.includes('<span class="image-alt">a diagram of attention</span>'), html);
    assert.ok(!html.includes('<img'));
  });

  it('uses classes, not inline styles, for table alignment', () => {
    const html = render('| a | b |\n|:-:|--:|\n| 1 | 2 |');
    assertInert(html);
    assert.ok(html.includes('<th class="align-center">a</th>') && html.includes('<td class="align-right">2</td>'), html);
  });

  it('renders every entry of the real glossary without live markup', function () {
    const dir = path.join(ROOT, 'dist', 'glossary');
    if (!fs.existsSync(path.join(dir, 'index.json'))) this.skip();
    const ids = readCompiledIndex(dir).terms.map((t) => t.id);
    assert.ok(ids.length > 500, `only ${ids.length} entries`);
    for (const id of ids) {
      const body = readCompiledBody(dir, id);
      assert.ok(body, `${id}: no body in dist/glossary/bodies`);
      assertInert(body.html);
      assertInert(body.summaryHtml);
      assert.ok(!body.html.includes('$$'), `${id}: unrendered display math`);
      assert.ok(!body.html.includes('math-error'), `${id}: a formula did not typeset`);
    }
  });

  it('renders the hostile end-to-end fixture entry inert', function () {
    const file = path.join(ROOT, 'test', 'e2e', 'fixtures', 'hostile-glossary', 'zqx-probe.md');
    if (!fs.existsSync(file)) this.skip();
    const src = fs.readFileSync(file, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
    const renderer = createMarkdownRenderer();
    const html = renderer.render(src);
    assertInert(html);
    assert.ok(!/<a[^>]*>(raw javascript link|markdown javascript link|markdown data link|markdown command link)/.test(html), html);
    assertInert(renderer.renderInline(src.split('\n\n')[0]));
  });
});

describe('math (KaTeX)', () => {
  it('typesets $…$ inline and $$…$$ as a block, labelled with the source', () => {
    const html = render('Keep $1 - p$ of units.\n\n$$\\frac{a}{b}$$\n\nAnd\n\n$$\nx^2\n$$');
    assert.match(html, /<span class="math math-inline" role="img" aria-label="1 - p" title="1 - p"><span class="katex">/);
    assert.strictEqual((html.match(/<div class="math math-display" role="img"/g) ?? []).length, 2, html);
    assert.ok(html.includes('class="mfrac"'), html);
    assert.ok(html.includes('class="katex-display"'), html);
  });

  it('leaves prices and lone dollars alone', () => {
    const html = render('It costs $5 and $10, or $ 3.');
    assert.ok(!html.includes('class="math'), html);
  });

  it('keeps Markdown syntax inside math from turning into emphasis', () => {
    const html = render('$a_i * b_i$ and $x_{1}$');
    assert.ok(!html.includes('<em>'), html);
    assert.ok(html.includes('msupsub'), html);
  });

  it('typesets fractions, sums with limits, matrices and aligned equations', () => {
    for (const tex of ['\\sum_{i=1}^{n} x_i', '\\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}', '\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}', '\\mathbb{E}_{x \\sim p}[\\lVert x \\rVert^2]', '\\operatorname{softmax}(z)_i']) {
      const html = renderTex(tex, true);
      assert.ok(html.startsWith('<span class="katex-display">'), tex);
      assert.ok(!/ style="/.test(html), `${tex}: inline styles must become data-style`);
    }
  });

  it('reports a formula KaTeX cannot typeset and shows it as source', () => {
    const errors: string[] = [];
    const html = createMarkdownRenderer({ onMathError: (tex, message) => errors.push(`${tex}: ${message}`) }).render('Bad $\\frac{a}{$ and $\\nosuchmacro x$.');
    assert.strictEqual(errors.length, 2, errors.join('\n'));
    assert.match(errors[1], /nosuchmacro/);
    assert.ok(html.includes('<code class="math-error">\\nosuchmacro x</code>'), html);
  });

  it('escapes everything in math, however malformed', () => {
    for (const tex of ['<script>alert(1)</script>', '\\text{<img src=x onerror=alert(1)>}', '\\frac{<b>}{"\'&}', '{{{{', '}}}}', '\\', '^_^_', '\\sqrt[<i>]{x}', '{'.repeat(500), '\\href{javascript:alert(1)}{x}', '\\htmlStyle{color:red}{x}']) {
      assertInert(render(`$${tex}$`));
      assertInert(render(`$$${tex}$$`));
    }
  });
});

describe('code highlighting (highlight.js)', () => {
  it('marks Python keywords, strings, comments, numbers and built-ins', () => {
    const html = highlight('import torch\nx = f"a{1}"  # note\ny = 3.5e-4\nprint(len(x))\ndef f(): return None', 'python');
    assert.ok(html.includes('<span class="hljs-keyword">import</span>'), html);
    assert.ok(html.includes('<span class="hljs-comment"># note</span>'), html);
    assert.ok(html.includes('<span class="hljs-number">3.5e-4</span>'), html);
    assert.ok(html.includes('<span class="hljs-literal">None</span>'), html);
    assert.ok(html.includes('hljs-string'), html);
  });

  it('knows JavaScript/TypeScript, shell and the usual aliases', () => {
    const js = highlight('const lr = 0.001; // rate', 'ts');
    assert.ok(js.includes('<span class="hljs-keyword">const</span>') && js.includes('<span class="hljs-comment">// rate</span>'), js);
    assert.ok(highlight('echo "$HOME"  # home', 'sh').includes('<span class="hljs-comment"># home</span>'));
    assert.strictEqual(highlight('a < b', 'text'), 'a &lt; b');
  });

  it('escapes everything, in every language, including unterminated strings', () => {
    const hostile = '"<script>alert(1)</script>\n\'<img onerror=x>\n`${a}</code><script>`\n/* </pre> */ <b>';
    for (const lang of ['python', 'js', 'bash', 'json', 'text', '']) {
      const html = highlight(hostile, lang);
      assert.strictEqual(html.replace(/<\/?span[^>]*>/g, '').replace(/&#x27;/g, '&#39;'), escapeHtml(hostile), lang);
    }
  });

  it('handles pathological input completely and escapes it', () => {
    const py = '"'.repeat(20000) + "'".repeat(20000) + '<#>'.repeat(3000);
    const js = '/*'.repeat(10000) + '`'.repeat(10000) + '<b>';
    for (const [code, lang] of [[py, 'python'], [js, 'js']] as const) {
      const html = highlight(code, lang);
      assert.ok(!/<(?!\/?span\b)/.test(html), 'only span tags are emitted');
      assert.strictEqual(html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&'), code);
    }
  });
});
