// Static checks of the term page stylesheet: the colour pairs that keep rendered Markdown (code,
// math) readable in every theme kind, including VS Code's high-contrast themes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './fixtures';

interface Rule {
  selectors: string[];
  decls: Map<string, string>;
}

/** The style rules of a stylesheet (rules inside @media blocks included), comments removed. */
function parseRules(css: string): Rule[] {
  const rules: Rule[] = [];
  const body = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const re = /([^{}]+)\{([^{}]*)\}/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const head = m[1].trim().replace(/^@media[^{]*\{?/, '').trim();
    if (!head || head.startsWith('@')) continue;
    const decls = new Map<string, string>();
    for (const d of m[2].split(';')) {
      const i = d.indexOf(':');
      if (i > 0) decls.set(d.slice(0, i).trim(), d.slice(i + 1).trim());
    }
    rules.push({ selectors: head.split(',').map((s) => s.trim().replace(/\s+/g, ' ')), decls });
  }
  return rules;
}

const rules = parseRules(fs.readFileSync(path.join(ROOT, 'media/termPage.css'), 'utf8'));
const ruleFor = (selector: string): Rule | undefined => rules.filter((r) => r.selectors.includes(selector)).pop();
const decl = (selector: string, property: string): string | undefined => {
  let value: string | undefined;
  for (const r of rules) if (r.selectors.includes(selector) && r.decls.has(property)) value = r.decls.get(property);
  return value;
};

describe('term page styles', () => {
  it('takes code colours in pairs from one theme family', () => {
    const root = ruleFor(':root')!;
    assert.match(root.decls.get('--inline-code-fg')!, /--vscode-textPreformat-foreground/);
    assert.match(root.decls.get('--inline-code-bg')!, /--vscode-textPreformat-background/);
    assert.match(root.decls.get('--block-code-fg')!, /--vscode-editor-foreground/);
    assert.match(root.decls.get('--block-code-bg')!, /--vscode-textCodeBlock-background/);
    for (const r of rules) {
      const bg = r.decls.get('background') ?? r.decls.get('background-color') ?? '';
      const fg = r.decls.get('color') ?? '';
      const where = r.selectors.join(', ');
      // Never a preformat text colour on a code-block background or the other way round.
      assert.ok(!(/textCodeBlock/.test(bg) && /textPreformat/.test(fg)), where);
      assert.ok(!(/textPreformat/.test(bg) && /textCodeBlock|editor-foreground/.test(fg)), where);
      if (/--inline-code-bg/.test(bg)) assert.match(fg, /--inline-code-fg/, `${where} sets the inline code background without its text colour`);
      if (/--block-code-bg/.test(bg) && !/^th$/.test(where)) assert.match(fg, /--block-code-fg/, `${where} sets the code block background without its text colour`);
    }
    assert.match(decl('code', 'color')!, /--inline-code-fg/);
    assert.match(decl('code', 'background')!, /--inline-code-bg/);
    assert.match(decl('code.chip', 'color')!, /--inline-code-fg/);
    assert.match(decl('code.chip', 'background')!, /--inline-code-bg/);
  });

  it('renders the code of a block as one transparent block, not an inline box per line', () => {
    assert.strictEqual(decl('pre code', 'display'), 'block');
    assert.strictEqual(decl('pre code', 'background'), 'transparent');
    assert.strictEqual(decl('pre code', 'padding'), '0');
    assert.strictEqual(decl('pre code', 'color'), 'inherit');
  });

  it('uses contrast borders and no fills in high-contrast themes', () => {
    const hc = ruleFor('body.vscode-high-contrast')!;
    assert.strictEqual(hc.decls.get('--inline-code-bg'), 'transparent');
    assert.strictEqual(hc.decls.get('--block-code-bg'), 'transparent');
    assert.match(hc.decls.get('--inline-code-fg')!, /--vscode-editor-foreground/);
    assert.match(hc.decls.get('--block-code-fg')!, /--vscode-editor-foreground/);
    assert.match(decl('body.vscode-high-contrast code', 'border')!, /--vscode-contrastBorder/);
    assert.match(decl('body.vscode-high-contrast .code-block', 'border')!, /--vscode-contrastBorder/);
  });

  it('sets math without a code box and lets wide formulas scroll', () => {
    for (const sel of ['.math', '.math-inline', '.math-display']) {
      assert.strictEqual(decl(sel, 'background'), undefined, sel);
      assert.strictEqual(decl(sel, 'font-family'), undefined, sel);
      assert.strictEqual(decl(`body.vscode-high-contrast ${sel}`, 'border'), undefined, sel);
    }
    assert.strictEqual(decl('.math-display', 'overflow-x'), 'auto');
  });

  it('colours every highlight.js token class it styles from the theme', () => {
    for (const cls of ['.hljs-keyword', '.hljs-string', '.hljs-number', '.hljs-comment', '.hljs-literal', '.hljs-title']) {
      assert.match(decl(cls, '--tok') ?? '', /var\(--vscode-/, cls);
    }
  });
});
