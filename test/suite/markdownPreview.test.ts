import * as assert from 'assert';
import * as vscode from 'vscode';
import { withHoverSetting } from './helpers';

const EXT_ID = 'ml-lens.ml-lens';

/** Markdown rendered by VS Code's Markdown extension, with every contributed markdown-it plugin. */
async function render(markdown: string): Promise<string> {
  return vscode.commands.executeCommand<string>('markdown.api.render', markdown);
}

function marked(html: string): string[] {
  return [...html.matchAll(/data-ml-lens-term="([^"]+)"/g)].map((m) => m[1]);
}

describe('ML Lens in the Markdown preview (extension host)', function () {
  this.timeout(60_000);
  const source = 'We use dropout and a small learning rate with `AdamW`, see [the dropout paper](https://example.com/dropout).';

  before(async () => {
    await vscode.extensions.getExtension(EXT_ID)!.activate();
  });

  it('the preview\'s markdown-it marks terms, linking them to the extension\'s URI handler', async () => {
    const html = await render(source);
    assert.deepStrictEqual(marked(html), ['dropout', 'learning-rate', 'adamw'], html);
    assert.ok(html.includes(`href="${vscode.env.uriScheme}://${EXT_ID}/term?id=dropout"`), html);
    assert.ok(html.includes('<a href="https://example.com/dropout"'), html);
  });

  it('follows mlLens.hover.enabled and mlLens.hover.ignore at the next render', async () => {
    assert.deepStrictEqual(marked(await withHoverSetting('enabled', false, () => render(source))), []);
    assert.deepStrictEqual(marked(await withHoverSetting('ignore', ['learning rate', 'AdamW'], () => render(source))), ['dropout']);
  });

  it('the URI handler opens the term page of a marked term', async () => {
    const uri = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXT_ID}/term?id=dropout`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // What a click on a link to the extension's URI does: VS Code's opener hands it to the URI handler.
    await vscode.commands.executeCommand('vscode.open', uri);
    const deadline = Date.now() + 10_000;
    let labels: string[] = [];
    while (Date.now() < deadline) {
      labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
      if (labels.includes('Dropout')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(labels.includes('Dropout'), `no "Dropout" term page among the tabs: ${labels.join(', ')}`);
  });
});
