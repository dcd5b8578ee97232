// Extension-host test of the glossary compiler's loader: dist/compiler.js read through
// workspace.fs and evaluated without require, in the real Node extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { loadCompiler } from '../../src/vscode/compilerLoader';

describe('glossary compiler loader (extension host)', () => {
  it('loads dist/compiler.js once and compiles an entry read through workspace.fs', async () => {
    const ext = vscode.extensions.getExtension('ml-lens.ml-lens');
    assert.ok(ext, 'the extension is not installed');
    const compile = await loadCompiler(ext.extensionUri);
    assert.strictEqual(await loadCompiler(ext.extensionUri), compile, 'the compiler was evaluated twice');
    const uri = vscode.Uri.joinPath(ext.extensionUri, 'test', 'fixtures', 'glossary', 'adam-optimizer.md');
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const result = compile([{ file: 'adam-optimizer.md', source }, { file: 'broken.md', source: '---\ntitle: [\n---\n' }], {});
    assert.deepStrictEqual(result.index.terms.map((t) => t.id), ['adam-optimizer']);
    assert.ok(result.problems.some((p) => p.file === 'broken.md' && p.line > 0), JSON.stringify(result.problems));
  });

  it('reports a missing bundle and tries again next time', async () => {
    const elsewhere = vscode.Uri.joinPath(vscode.extensions.getExtension('ml-lens.ml-lens')!.extensionUri, 'test', 'fixtures');
    await assert.rejects(loadCompiler(elsewhere));
    await assert.rejects(loadCompiler(elsewhere));
  });
});
