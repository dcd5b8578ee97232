import * as assert from 'assert';
import { commandUri, escapeMarkdown, HOVER_COMMANDS, hoverMarkdown } from '../../src/core/hoverMarkdown';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import { fixtureIndex } from './fixtures';

describe('hover Markdown', () => {
  const index = fixtureIndex();

  it('shows title, category, definition, the alias that matched and related terms', () => {
    const m = index.matcher.matchAt('opt(lr=0.1)', 4)!;
    const md = hoverMarkdown(index, index.get(m.term)!, m.key, 'lr');
    assert.match(md, /^\*\*Learning rate\*\* · \*Training and optimization\*/);
    assert.match(md, /Learning rate is a fixture entry/);
    assert.match(md, /`lr` → learning rate/);
    assert.match(md, /Related: \[Adam optimizer\]\(command:mlLens\.glossary\.openTerm\?/);
  });

  it('shows the entry\'s level after its category', () => {
    const t = { ...index.get('dropout')!, level: 'beginner' as const };
    assert.match(hoverMarkdown(index, t, undefined, 'dropout'), /^\*\*Dropout\*\* · \*[^*]+\* · beginner\n/);
  });

  it('does not explain a match by the title itself', () => {
    const m = index.matcher.matchAt('use dropout here', 6)!;
    assert.doesNotMatch(hoverMarkdown(index, index.get('dropout')!, m.key, 'dropout'), /→/);
  });

  it('links only to allowlisted commands, with JSON arguments', () => {
    const md = hoverMarkdown(index, index.get('adamw')!, undefined, 'AdamW');
    const commands = [...md.matchAll(/\(command:([\w.]+)\?([^ )]+)/g)];
    assert.ok(commands.length >= 3);
    for (const [, id, args] of commands) {
      assert.ok((HOVER_COMMANDS as readonly string[]).includes(id), id);
      assert.ok(Array.isArray(JSON.parse(decodeURIComponent(args))));
    }
    assert.strictEqual(commandUri('mlLens.glossary.openTerm', { id: 'a b' }), 'command:mlLens.glossary.openTerm?%5B%7B%22id%22%3A%22a%20b%22%7D%5D');
  });

  it('escapes titles so hostile text renders literally', () => {
    const hostile = new GlossaryIndex({
      version: 1,
      categories: [{ id: 'training', title: 'Training' }],
      terms: [{ id: 'x', title: '<img src=x onerror=alert(1)> [click](command:workbench.action.terminal.new)', category: 'training', summary: 's', aliases: [], code: [], tags: [], related: [] }],
      keys: [],
    });
    const md = hoverMarkdown(hostile, hostile.get('x')!, undefined, 'x');
    assert.ok(md.includes('\\<img src=x onerror=alert(1)\\> \\[click\\](command:workbench.action.terminal.new)'), md);
    assert.strictEqual(escapeMarkdown('a_b*c'), 'a\\_b\\*c');
  });
});

describe('hover Markdown: why it matched', () => {
  it('quotes the code as written, not another library spelling of the same identifier', () => {
    const index = fixtureIndex();
    const line = 'const opt = tf.train.Adam(lr);';
    const m = index.matcher.matchAt(line, line.indexOf('Adam') + 2)!;
    assert.ok(m.key.exact, 'matched through a code identifier');
    const md = hoverMarkdown(index, index.get(m.term)!, m.key, line.slice(m.start, m.end));
    assert.match(md, /`Adam` → adam optimizer/);
    assert.doesNotMatch(md, /torch\.optim|keras/);
  });
});
