import * as assert from 'assert';
import { isExtensionToTermPageMessage, parseTermPageMessage, parseTermPageState, safeExternalUrl } from '../../src/shared/messages';

describe('term page messages', () => {
  it('accepts well-formed messages from the page', () => {
    assert.deepStrictEqual(parseTermPageMessage({ type: 'term/ready' }), { type: 'term/ready' });
    assert.deepStrictEqual(parseTermPageMessage({ type: 'term/open', id: 'dropout', extra: 1 }), { type: 'term/open', id: 'dropout' });
    assert.deepStrictEqual(parseTermPageMessage({ type: 'term/setLearned', id: 'relu', learned: true }), { type: 'term/setLearned', id: 'relu', learned: true });
    assert.deepStrictEqual(parseTermPageMessage({ type: 'term/openExternal', url: 'https://arxiv.org/abs/1' }), { type: 'term/openExternal', url: 'https://arxiv.org/abs/1' });
  });

  it('rejects malformed and hostile messages', () => {
    const bad: unknown[] = [
      null, 'term/ready', [], {}, { type: 'term/unknown' }, { type: 'lab/ready' },
      { type: 'term/open' }, { type: 'term/open', id: 42 }, { type: 'term/open', id: '../../etc/passwd' }, { type: 'term/open', id: 'x'.repeat(500) },
      { type: 'term/setLearned', id: 'relu', learned: 'yes' },
      { type: 'term/openExternal', url: 'javascript:alert(1)' }, { type: 'term/openExternal', url: 'command:workbench.action.quit' },
      { type: 'term/openExternal', url: 'file:///etc/passwd' }, { type: 'term/openExternal', url: 'https://user:pw@evil.example/' },
      { type: 'term/copy', text: 5 }, { type: 'term/copy', text: 'x'.repeat(300_000) },
    ];
    for (const m of bad) assert.strictEqual(parseTermPageMessage(m), undefined, JSON.stringify(m)?.slice(0, 80));
    assert.strictEqual(safeExternalUrl('http://example.com/a b'), 'http://example.com/a%20b');
  });

  it('checks messages sent to the page', () => {
    assert.ok(isExtensionToTermPageMessage({ type: 'term/progress', learned: ['a'], seen: [] }));
    assert.ok(!isExtensionToTermPageMessage({ type: 'term/progress', learned: [1], seen: [] }));
    assert.ok(!isExtensionToTermPageMessage({ type: 'term/show', page: null }));
    const nav = { canBack: false, canForward: false, history: [], index: -1 };
    assert.ok(isExtensionToTermPageMessage({ type: 'term/empty', message: 'Put the cursor on a term.', nav }));
    assert.ok(!isExtensionToTermPageMessage({ type: 'term/empty', message: 42, nav }));
    assert.ok(!isExtensionToTermPageMessage({ type: 'term/empty', message: 'x'.repeat(5000), nav }));
    assert.ok(!isExtensionToTermPageMessage({ type: 'term/empty', message: 'no nav' }));
  });

  it('restores saved page state defensively', () => {
    assert.deepStrictEqual(parseTermPageState({ id: 'b', history: ['a', 'b', 'c'], index: 1, scroll: { '1:b': 120, evil: 3, '2:c': -1 } }),
      { id: 'b', history: ['a', 'b', 'c'], index: 1, scroll: { '1:b': 120 } });
    assert.deepStrictEqual(parseTermPageState({ id: 'b', history: ['a', 7], index: 5 }), { id: 'b', history: ['b'], index: 0, scroll: {} });
    assert.strictEqual(parseTermPageState({ id: '<script>' }), undefined);
    assert.strictEqual(parseTermPageState(undefined), undefined);
  });
});
