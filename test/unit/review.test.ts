import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { daysUntilDue, gradeCard, learnedByReview, LEARNED_STABILITY_DAYS, RATINGS, readCards, type StoredCard, type StoredCards } from '../../src/core/review/cards';
import { keyIdea, MASK, maskNames, plainText } from '../../src/core/review/cardText';
import { lineAround, MAX_LINE, MAX_MET, readMet, recordMet, trimLine, type MetTerms } from '../../src/core/review/met';
import {
  CHOICES,
  cardKind,
  choiceOptions,
  choiceRating,
  dueIds,
  newIds,
  pickDistractors,
  reviewTermOfTheDay,
  selectSession,
  afterAnswer,
  type SessionCard,
  waiting,
  type ReviewInputs,
} from '../../src/core/review/session';
import { GlossaryIndex } from '../../src/core/glossaryIndex';
import { dayKey } from '../../src/core/progressState';
import type { RelatedLink, TermSummary } from '../../src/core/types';
import { isExtensionToReviewMessage, parseReviewMessage, parseReviewStrings } from '../../src/shared/messages';
import { ROOT } from './fixtures';

const DAY = 86_400_000;
/** A fixed clock: noon UTC on 2026-03-02. */
const T0 = Date.UTC(2026, 2, 2, 12, 0, 0);

function term(id: string, category: string, related: RelatedLink[] = [], title = id.replace(/-/g, ' ')): TermSummary {
  return { id, title, category, summary: `${title} is a thing.`, aliases: [], code: [], tags: [], related };
}

function glossary(terms: TermSummary[]): ReviewInputs['glossary'] {
  const byId = new Map(terms.map((t) => [t.id, t]));
  return { terms, get: (id) => byId.get(id) };
}

/** Grades a card several times, each answer given when the card falls due. */
function run(ratings: Array<1 | 2 | 3 | 4>, start = T0): { card: StoredCard; at: number } {
  let card: StoredCard | undefined;
  let at = start;
  for (const r of ratings) {
    card = gradeCard(card, r, at);
    at = card.d;
  }
  return { card: card!, at };
}

let realIndex: GlossaryIndex | undefined;
function real(): GlossaryIndex {
  return (realIndex ??= new GlossaryIndex(JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'glossary', 'index.json'), 'utf8'))));
}

describe('review scheduling (FSRS)', () => {
  it('a good answer pushes the due date out, further each time', () => {
    const first = gradeCard(undefined, RATINGS.good, T0);
    assert.ok(first.d >= T0 + DAY, `first Good is due after a day at least, got ${(first.d - T0) / DAY} days`);
    assert.strictEqual(first.r, 1);
    assert.strictEqual(first.lr, T0);
    const second = gradeCard(first, RATINGS.good, first.d);
    assert.ok(second.d - first.d > first.d - T0, 'the second interval is longer than the first');
    assert.ok(second.s > first.s, 'stability grows');
  });

  it('a second answer on the same day keeps the stability of the lapse and is due within days', () => {
    const again = gradeCard(undefined, RATINGS.again, T0);
    const later = T0 + 2 * 60_000;
    for (const rating of [RATINGS.hard, RATINGS.good, RATINGS.easy]) {
      const card = gradeCard(again, rating, later);
      assert.strictEqual(card.s, again.s, `rating ${rating}: stability changed`);
      const days = (card.d - later) / DAY;
      assert.ok(days >= 1 && days <= 4.01, `rating ${rating}: due in ${days} days`);
    }
    assert.ok(gradeCard(undefined, RATINGS.good, T0).s > 5 * again.s, 'a first Good is far more stable than a lapse');
  });

  it('a lapse brings the due date back and counts a lapse', () => {
    const { card, at } = run([3, 3, 3]);
    const good = gradeCard(card, RATINGS.good, at);
    const again = gradeCard(card, RATINGS.again, at);
    assert.ok(again.d < good.d, 'Again is due sooner than Good would have been');
    assert.ok(again.d - at < card.d - card.lr, 'the interval after a lapse is shorter than the one before it');
    assert.strictEqual(again.l, card.l + 1);
    assert.ok(again.s < card.s, 'stability drops after a lapse');
  });

  it('grades order the next due date: Again ≤ Hard ≤ Good ≤ Easy', () => {
    const { card, at } = run([3, 3]);
    const due = ([1, 2, 3, 4] as const).map((r) => gradeCard(card, r, at).d);
    for (let i = 1; i < due.length; i++) assert.ok(due[i - 1] <= due[i], `grade ${i} vs ${i + 1}: ${due.join(', ')}`);
    assert.ok(due[0] < due[3]);
  });

  it('is deterministic for a fixed clock', () => {
    assert.deepStrictEqual(run([3, 2, 4, 1, 3]).card, run([3, 2, 4, 1, 3]).card);
  });

  it('a term is learned once stability reaches the threshold, and no longer after a lapse', () => {
    assert.strictEqual(LEARNED_STABILITY_DAYS, 21);
    assert.ok(!learnedByReview(undefined));
    assert.ok(!learnedByReview(run([3]).card), 'one Good is not enough');
    assert.ok(!learnedByReview(run([3, 3]).card), 'two Goods are not enough');
    const { card, at } = run([3, 3, 3]);
    assert.ok(card.s >= LEARNED_STABILITY_DAYS && learnedByReview(card), `three Goods reach ${card.s} days`);
    assert.ok(!learnedByReview(gradeCard(card, RATINGS.again, at)), 'a lapse drops it below the threshold');
    assert.ok(learnedByReview({ ...card, s: LEARNED_STABILITY_DAYS }), 'exactly the threshold counts');
    assert.ok(!learnedByReview({ ...card, s: LEARNED_STABILITY_DAYS - 0.01 }));
  });

  it('keeps the learned-by-review mark through grading', () => {
    const { card, at } = run([3, 3, 3]);
    assert.strictEqual(gradeCard({ ...card, v: 1 }, RATINGS.good, at).v, 1);
    assert.strictEqual(gradeCard(card, RATINGS.good, at).v, undefined);
  });

  it('counts whole days until due', () => {
    const card = gradeCard(undefined, RATINGS.good, T0);
    assert.strictEqual(daysUntilDue(card, card.d), 0);
    assert.strictEqual(daysUntilDue(card, card.d - DAY + 1), 1);
  });

  it('reads stored cards defensively', () => {
    const good = gradeCard(undefined, 3, T0);
    const cards = readCards({ dropout: good, 'bad id!': good, nan: { ...good, s: NaN }, missing: { d: 1 }, list: [1], str: 'x' });
    assert.deepStrictEqual(Object.keys(cards), ['dropout']);
    assert.deepStrictEqual(readCards(null), {});
    assert.deepStrictEqual(readCards([good]), {});
  });
});

describe('met terms', () => {
  it('keep a short line whole and a bounded stretch of a long one around the term', () => {
    assert.strictEqual(lineAround('x = nn.Dropout(0.1)', 7), 'x = nn.Dropout(0.1)');
    const long = 'a'.repeat(5000) + 'Dropout' + 'b'.repeat(5000);
    const kept = lineAround(long, 5000);
    assert.strictEqual(kept.length, 200);
    assert.strictEqual(kept.indexOf('Dropout'), 100, 'the term sits in the middle of what is kept');
    assert.ok(lineAround(long, 3).startsWith('aaa') && lineAround(long, 3).length === 200, 'a term near the start keeps the start');
  });

  it('a hover refreshes time and place; a file scan only adds new terms', () => {
    let met: MetTerms = {};
    met = recordMet(met, [{ id: 'dropout', how: 'hover', uri: 'file:///a.py', line: '   x = nn.Dropout(0.1)   ' }], T0);
    assert.deepStrictEqual(met.dropout, { t: T0, k: 'hover', u: 'file:///a.py', x: 'x = nn.Dropout(0.1)' });
    const same = recordMet(met, [{ id: 'dropout', how: 'file', uri: 'file:///b.py', line: 'dropout' }], T0 + 1);
    assert.strictEqual(same, met, 'nothing changed, same object');
    met = recordMet(met, [{ id: 'dropout', how: 'open' }], T0 + 2);
    assert.deepStrictEqual(met.dropout, { t: T0 + 2, k: 'open', u: 'file:///a.py', x: 'x = nn.Dropout(0.1)' }, 'an opened page keeps the code place');
    met = recordMet(met, [{ id: 'epoch', how: 'file', uri: 'file:///b.py', line: 'for epoch in range(3):' }], T0 + 3);
    assert.strictEqual(met.epoch.k, 'file');
  });

  it('stays bounded: the oldest are forgotten and long lines are cut', () => {
    let met: MetTerms = {};
    for (let i = 0; i < MAX_MET + 50; i++) met = recordMet(met, [{ id: `t${i}`, how: 'hover', uri: 'file:///a', line: 'x'.repeat(1000) }], T0 + i);
    assert.strictEqual(Object.keys(met).length, MAX_MET);
    assert.ok(!met.t0 && !met.t49 && met.t50 && met[`t${MAX_MET + 49}`]);
    assert.ok(met.t50.x!.length <= MAX_LINE);
    assert.strictEqual(trimLine('a\t\tb  c'), 'a b c');
    assert.deepStrictEqual(Object.keys(readMet({ ok: { t: 1, k: 'hover' }, bad: { t: 1, k: 'sneeze' }, neg: { t: -1, k: 'open' } })), ['ok']);
  });
});

describe('review sessions', () => {
  const terms = [term('a', 'x'), term('b', 'x'), term('c', 'x'), term('d', 'x'), term('e', 'y'), term('f', 'y')];
  const g = glossary(terms);
  const dueAt = (when: number): StoredCard => ({ ...gradeCard(undefined, 3, when - 3 * DAY), d: when });

  it('due cards first, earliest first; then new met terms, most recent first, up to the daily limit', () => {
    const cards: StoredCards = { c: dueAt(T0 - DAY), a: dueAt(T0 - 2 * DAY), b: dueAt(T0 + DAY), gone: dueAt(T0 - 5 * DAY) };
    const met: MetTerms = { d: { t: T0 - 10, k: 'hover' }, e: { t: T0 - 5, k: 'file' }, f: { t: T0 - 20, k: 'open' }, a: { t: T0, k: 'hover' }, zzz: { t: T0, k: 'hover' } };
    const inputs: ReviewInputs = { glossary: g, cards, met, now: T0, newPerDay: 2 };
    assert.deepStrictEqual(dueIds(inputs), ['a', 'c'], 'b is not due yet; an unknown term is left out');
    assert.deepStrictEqual(newIds(inputs), ['e', 'd', 'f']);
    const session = selectSession(inputs);
    assert.deepStrictEqual(session.map((c) => c.id), ['a', 'c', 'e', 'd']);
    assert.deepStrictEqual(session.map((c) => c.review), [true, true, false, false]);
    assert.deepStrictEqual(waiting(inputs), { due: 2, fresh: 2, total: 4 });
    assert.deepStrictEqual(selectSession(inputs, 3).map((c) => c.id), ['a', 'c', 'e']);
  });

  it('the daily limit counts new cards already introduced today only', () => {
    const met: MetTerms = { d: { t: T0 - 10, k: 'hover' }, e: { t: T0 - 5, k: 'file' } };
    const today = dayKey(new Date(T0));
    const base: ReviewInputs = { glossary: g, cards: {}, met, now: T0, newPerDay: 2 };
    assert.strictEqual(selectSession({ ...base, newToday: { day: today, count: 1 } }).length, 1);
    assert.strictEqual(selectSession({ ...base, newToday: { day: today, count: 5 } }).length, 0);
    assert.strictEqual(selectSession({ ...base, newToday: { day: '2000-01-01', count: 5 } }).length, 2);
  });

  it('grading moves a card out of the session', () => {
    const met: MetTerms = { d: { t: T0, k: 'hover' } };
    const before: ReviewInputs = { glossary: g, cards: {}, met, now: T0, newPerDay: 10 };
    assert.strictEqual(waiting(before).total, 1);
    const after = { ...before, cards: { d: gradeCard(undefined, 3, T0) }, newToday: { day: dayKey(new Date(T0)), count: 1 } };
    assert.strictEqual(waiting(after).total, 0);
    assert.strictEqual(waiting({ ...after, now: after.cards.d.d }).total, 1, 'it comes back when due');
  });

  it('new terms are recalled; reviewed terms alternate with picking, given enough distractors', () => {
    assert.strictEqual(cardKind(0, 3), 'recall');
    assert.strictEqual(cardKind(1, 3), 'choice');
    assert.strictEqual(cardKind(2, 3), 'recall');
    assert.strictEqual(cardKind(1, 2), 'recall', 'too few distractors');
    const cards: StoredCards = { a: dueAt(T0) };
    const [card] = selectSession({ glossary: g, cards, met: {}, now: T0, newPerDay: 0 });
    assert.strictEqual(card.kind, 'choice');
    assert.strictEqual(card.options?.length, CHOICES);
    assert.ok(card.options?.includes('a'));
  });

  it('a card answered Again comes back once, as a recall card at the end of the session', () => {
    const session: SessionCard[] = [{ id: 'a', kind: 'choice', review: true, options: ['a', 'b', 'c', 'd'] }, { id: 'e', kind: 'recall', review: false }];
    for (const rating of [2, 3, 4] as const) assert.deepStrictEqual(afterAnswer(session, 0, rating), session);
    const again = afterAnswer(session, 0, 1);
    assert.deepStrictEqual(again.map((c) => [c.id, c.kind]), [['a', 'choice'], ['e', 'recall'], ['a', 'recall']]);
    assert.strictEqual(session.length, 2, 'the session given is left as it was');
    assert.deepStrictEqual(afterAnswer(again, 2, 1), again, 'only once');
    const both = afterAnswer(afterAnswer(session, 0, 1), 1, 1);
    assert.deepStrictEqual(both.map((c) => c.id), ['a', 'e', 'a', 'e']);
  });

  it('a choice grades Good when right and Again when wrong', () => {
    assert.strictEqual(choiceRating('a', 'a'), 3);
    assert.strictEqual(choiceRating('b', 'a'), 1);
    const opts = choiceOptions('a', ['b', 'c', 'd', 'e'], 'seed');
    assert.strictEqual(opts.length, CHOICES);
    assert.deepStrictEqual([...opts].sort(), ['a', 'b', 'c', 'd']);
    assert.deepStrictEqual(choiceOptions('a', ['b', 'c', 'd'], 'seed'), opts, 'stable for a seed');
  });
});

describe('distractors', () => {
  it('prefer contrasts (either direction), then related, then the same category', () => {
    const terms = [
      term('answer', 'x', [{ id: 'rel', rel: 'see-also' }, { id: 'con', rel: 'contrast' }, { id: 'missing', rel: 'contrast' }]),
      term('rel', 'y'),
      term('con', 'y'),
      term('back', 'y', [{ id: 'answer', rel: 'contrast' }]),
      term('same1', 'x'),
      term('same2', 'x'),
      term('other', 'z'),
      term('twin', 'x', [], 'answer'),
    ];
    const g = glossary(terms);
    const three = pickDistractors(g, 'answer', 3, 's');
    assert.deepStrictEqual([...three].sort(), ['back', 'con', 'rel'].sort());
    assert.deepStrictEqual(pickDistractors(g, 'answer', 2, 's').sort(), ['back', 'con']);
    const five = pickDistractors(g, 'answer', 5, 's');
    assert.deepStrictEqual(five.slice(3).sort(), ['same1', 'same2']);
    assert.ok(!five.includes('twin'), 'a term titled like the answer is no distractor');
    assert.ok(!five.includes('missing') && !five.includes('answer') && !five.includes('other'));
    assert.deepStrictEqual(pickDistractors(g, 'nope', 3, 's'), []);
  });

  it('over the real glossary: never the answer, always existing terms, distinct titles', () => {
    const index = real();
    const ids = index.terms.map((t) => t.id);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.string(), (id, seed) => {
        const picked = pickDistractors(index, id, CHOICES - 1, seed);
        assert.ok(!picked.includes(id));
        assert.strictEqual(new Set(picked).size, picked.length);
        for (const p of picked) assert.ok(index.get(p), `${p} exists`);
        const titles = [id, ...picked].map((p) => index.get(p)!.title.toLowerCase());
        assert.strictEqual(new Set(titles).size, titles.length);
        const contrasts = new Set([
          ...index.get(id)!.related.filter((r) => r.rel === 'contrast' && index.get(r.id)).map((r) => r.id),
          ...index.terms.filter((t) => t.related.some((r) => r.id === id && r.rel === 'contrast')).map((t) => t.id),
        ]);
        contrasts.delete(id);
        const usable = [...contrasts].filter((c) => index.get(c)!.title.toLowerCase() !== index.get(id)!.title.toLowerCase()).length;
        assert.strictEqual(picked.filter((p) => contrasts.has(p)).length, Math.min(usable, CHOICES - 1), `${id}: contrasts come first`);
      }),
      { numRuns: 300 },
    );
    const short = ids.filter((id) => pickDistractors(index, id, CHOICES - 1, 'x').length < CHOICES - 1);
    assert.deepStrictEqual(short, [], 'every real term gets three distractors');
  });
});

describe('term of the day from review', () => {
  const terms = [term('a', 'x'), term('b', 'x'), term('c', 'x'), term('d', 'x')];
  const g = glossary(terms);

  it('due first, then met but unreviewed, then not learned; the same all day', () => {
    const cards: StoredCards = { c: { ...gradeCard(undefined, 3, T0 - 9 * DAY), d: T0 - DAY } };
    const met: MetTerms = { b: { t: T0, k: 'hover' }, d: { t: T0, k: 'hover' } };
    assert.strictEqual(reviewTermOfTheDay({ glossary: g, cards, met, now: T0 }, new Set()), 'c');
    const fresh = reviewTermOfTheDay({ glossary: g, cards: {}, met, now: T0 }, new Set());
    assert.ok(fresh === 'b' || fresh === 'd');
    assert.strictEqual(reviewTermOfTheDay({ glossary: g, cards: {}, met, now: T0 + 3600_000 }, new Set()), fresh, 'same day, same term');
    assert.strictEqual(reviewTermOfTheDay({ glossary: g, cards: {}, met, now: T0 }, new Set([fresh!])), fresh === 'b' ? 'd' : 'b', 'a learned term is skipped');
    const unlearned = reviewTermOfTheDay({ glossary: g, cards: {}, met: {}, now: T0 }, new Set(['a', 'b', 'c']));
    assert.strictEqual(unlearned, 'd');
  });
});

describe('card text', () => {
  it('the key idea is the first paragraph of "In depth", as plain text', () => {
    const md = '## In depth\n\nAt each step, every *activation* is kept with probability $1 - p$ and `zeroed` otherwise. See [this](https://x).\n\n$$a$$\n\nMore.\n\n## Example\n';
    assert.strictEqual(keyIdea(md), 'At each step, every activation is kept with probability 1 - p and zeroed otherwise. See this.');
    assert.strictEqual(keyIdea('```\ncode\n```'), '');
    assert.strictEqual(keyIdea('## In depth\n\nwhere \\lambda is small.\n\nWeights shrink.'), 'Weights shrink.', 'a continuation after a formula is passed over');
    assert.strictEqual(keyIdea('## In depth\n\nThe update scales the weights:\n\n$$w = w - x$$\n\nSo weights shrink.\n\n## Example\n\nNot this.'), 'The update scales the weights.');
    assert.strictEqual(keyIdea('## In depth\n\nAccuracy is simple. For n examples,\n\n$$a$$'), 'Accuracy is simple.');
    assert.strictEqual(keyIdea('## In depth\n\n```py\nx = 1\n\ny = 2\n```\n\nText after.'), 'Text after.');
    const long = keyIdea('## In depth\n\n' + 'Word word word. '.repeat(60));
    assert.ok(long.length <= 320 && long.endsWith('.'));
    assert.strictEqual(plainText('**bold** and _it_ <b>x</b>'), 'bold and it <b>x</b>', 'HTML stays text');
    assert.strictEqual(plainText('decay $\\lambda\\theta$ and $\\frac{\\lambda}{2}\\lVert\\theta\\rVert^2$ with $\\hat y_i$'), 'decay λθ and λ/2‖θ‖^2 with y_i');
    assert.strictEqual(keyIdea('## In depth\n\nThe update scales each weight by a factor below one:\n\n$$w$$'), 'The update scales each weight by a factor below one.');
  });

  it('masks the term in its definition for a "pick the term" card', () => {
    assert.strictEqual(maskNames('Dropout zeroes units; dropouts help. Not a dropoutish word.', ['Dropout']), `${MASK} zeroes units; ${MASK} help. Not a dropoutish word.`);
    assert.strictEqual(maskNames('The learning rate (lr) sets the step.', ['Learning rate', 'lr']), `The ${MASK} (${MASK}) sets the step.`);
    assert.strictEqual(maskNames('a+b', ['a+b']), MASK, 'names are not regular expressions');
  });
});

describe('review messages', () => {
  it('accepts well-formed messages from the page and rejects the rest', () => {
    assert.deepStrictEqual(parseReviewMessage({ type: 'review/grade', id: 'dropout', rating: 3 }), { type: 'review/grade', id: 'dropout', rating: 3 });
    assert.deepStrictEqual(parseReviewMessage({ type: 'review/choose', id: 'dropout', chosen: 'epoch', extra: 1 }), { type: 'review/choose', id: 'dropout', chosen: 'epoch' });
    for (const bad of [null, 'x', { type: 'review/grade', id: 'dropout', rating: 5 }, { type: 'review/grade', id: '../x', rating: 1 }, { type: 'review/choose', id: 'a' }, { type: 'review/eval' }]) {
      assert.strictEqual(parseReviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('the page checks cards before showing them', () => {
    const card = { id: 'dropout', kind: 'choice', title: 'Dropout', summary: 's', keyIdea: '', fresh: false, options: [{ id: 'dropout', title: 'Dropout' }, { id: 'epoch', title: 'Epoch' }] };
    assert.ok(isExtensionToReviewMessage({ type: 'review/card', card, index: 0, total: 1 }));
    assert.ok(!isExtensionToReviewMessage({ type: 'review/card', card: { ...card, options: [{ id: 'epoch', title: 'Epoch' }, { id: 'loss', title: 'Loss' }] }, index: 0, total: 1 }), 'the answer must be an option');
    assert.ok(!isExtensionToReviewMessage({ type: 'review/card', card, index: 1, total: 1 }));
    assert.ok(isExtensionToReviewMessage({ type: 'review/done', reviewed: 2, learned: ['Dropout'], waiting: 0 }));
    assert.deepStrictEqual(parseReviewStrings('{"good":"良好","bad key":"x","n":5}'), { good: '良好' });
    assert.deepStrictEqual(parseReviewStrings('not json'), {});
  });
});
