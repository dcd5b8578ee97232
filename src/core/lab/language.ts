import { Rng, stageSeed } from './rng';

/** Whether a review, or a synonym group, is positive or negative. */
export type Polarity = 'positive' | 'negative';

/** A family of interchangeable sentiment words: they fill the same slots of the same templates. */
export interface SynonymGroupSpec {
  readonly id: string;
  readonly title: string;
  readonly polarity: Polarity;
  /** Which templates the words fill; a positive and a negative group share a dimension. */
  readonly dimension: Dimension;
  readonly words: readonly string[];
}

type Dimension = 'quality' | 'feeling' | 'build' | 'mood';

/** The sentiment vocabulary: four dimensions, each with a positive and a negative family of six synonyms. */
export const SYNONYM_GROUPS: readonly SynonymGroupSpec[] = [
  { id: 'pos-quality', title: 'praise', polarity: 'positive', dimension: 'quality', words: ['great', 'excellent', 'superb', 'fantastic', 'wonderful', 'brilliant'] },
  { id: 'pos-feeling', title: 'affection', polarity: 'positive', dimension: 'feeling', words: ['love', 'adore', 'enjoy', 'cherish', 'treasure', 'relish'] },
  { id: 'pos-build', title: 'sturdiness', polarity: 'positive', dimension: 'build', words: ['sturdy', 'solid', 'reliable', 'durable', 'robust', 'dependable'] },
  { id: 'pos-mood', title: 'delight', polarity: 'positive', dimension: 'mood', words: ['happy', 'delighted', 'thrilled', 'pleased', 'glad', 'satisfied'] },
  { id: 'neg-quality', title: 'scorn', polarity: 'negative', dimension: 'quality', words: ['awful', 'terrible', 'horrible', 'dreadful', 'lousy', 'atrocious'] },
  { id: 'neg-feeling', title: 'aversion', polarity: 'negative', dimension: 'feeling', words: ['hate', 'loathe', 'detest', 'despise', 'dislike', 'resent'] },
  { id: 'neg-build', title: 'flimsiness', polarity: 'negative', dimension: 'build', words: ['flimsy', 'fragile', 'shoddy', 'faulty', 'defective', 'brittle'] },
  { id: 'neg-mood', title: 'dismay', polarity: 'negative', dimension: 'mood', words: ['unhappy', 'disappointed', 'annoyed', 'frustrated', 'upset', 'furious'] },
];

/** Neutral word lists that fill `{slot}`s; multi-word entries expand to several tokens. */
const SLOTS: Readonly<Record<string, readonly string[]>> = {
  product: ['phone', 'laptop', 'tablet', 'speaker', 'kettle', 'blender', 'toaster', 'watch', 'backpack', 'jacket', 'lamp', 'chair', 'monitor', 'printer', 'router', 'mouse', 'camera'],
  aspect: ['screen', 'battery', 'sound', 'price', 'design', 'keyboard', 'display', 'colour', 'size', 'weight', 'finish', 'packaging', 'manual', 'app', 'charger', 'lens'],
  part: ['hinge', 'frame', 'handle', 'strap', 'lid', 'casing', 'cable', 'button', 'zipper', 'clasp', 'base', 'stand'],
  people: ['kids', 'parents', 'friends', 'colleagues', 'neighbours', 'grandparents'],
  relative: ['sister', 'brother', 'mother', 'father', 'son', 'daughter', 'wife', 'husband', 'cousin'],
  colour: ['black', 'white', 'silver', 'blue', 'red', 'grey', 'green'],
  when: ['last week', 'last month', 'a week ago', 'yesterday', 'on monday', 'in march', 'in the sale', 'online'],
  day: ['today', 'on monday', 'on friday', 'yesterday', 'this morning', 'on time'],
  usage: ['every day', 'at work', 'at home', 'for travel', 'on weekends', 'in the kitchen', 'for school', 'in the office'],
  period: ['week', 'month', 'year', 'few days'],
  int: ['very', 'really', 'truly', 'quite', 'so', 'extremely', 'incredibly', 'pretty'],
  adv: ['really', 'truly', 'just', 'honestly'],
};

/** `S` is the sentiment word; `{x?}` is an optional slot (filled half of the time). */
const SENTIMENT_TEMPLATES: Readonly<Record<Dimension, readonly string[]>> = {
  quality: ['the {aspect} is {int?} S', 'S {aspect}', 'this {product} looks {int?} S', 'what a S {product}', 'the {product} is {int?} S'],
  feeling: ['i {adv?} S this {product}', 'i S the {aspect}', 'my {people} S it', 'we {adv?} S it'],
  build: ['it feels {int?} S', 'the {part} seems S', 'a S {part}', 'the {part} is {int?} S'],
  mood: ['i am {int?} S with it', 'my {people} are S', 'S with the {aspect}', 'i was S after a {period}'],
};

const NEUTRAL_TEMPLATES: readonly string[] = [
  'i bought this {product} {when}',
  'it arrived {day}',
  'i use it {usage}',
  'got it as a gift for my {relative}',
  'it comes in {colour}',
  'i ordered the {colour} one',
  'the {product} has a {aspect}',
  'i have had it for a {period}',
  'my {relative} uses the {product} {usage}',
];

const DIMENSIONS: readonly Dimension[] = ['quality', 'feeling', 'build', 'mood'];
const K_WEIGHTS = [0.15, 0.5, 0.35];
const M_WEIGHTS = [0.3, 0.5, 0.2];

/** Sizes of the generated data sets. */
export interface DataSizes {
  /** Unlabelled reviews for pre-training. */
  corpus: number;
  /** Labelled reviews available for fine-tuning (the budget takes a prefix). */
  labelledPool: number;
  /** Held-out labelled reviews for evaluation. */
  test: number;
  /** Synonyms per group that may appear in labelled training reviews; the others are held out. */
  seenPerGroup: number;
}

/** Default sizes: big enough for stable numbers, small enough to run in a second or two. */
export const DEFAULT_SIZES: DataSizes = { corpus: 3000, labelledPool: 256, test: 1000, seenPerGroup: 2 };

/** Which synonyms a review's sentiment words come from, relative to the labelled training data. */
export type Coverage = 'seen' | 'mixed' | 'heldout';

/** A labelled review. `label` is 1 for positive, 0 for negative. */
export interface Review {
  readonly tokens: readonly number[];
  readonly label: 0 | 1;
  readonly coverage: Coverage;
}

/** A synonym group resolved against the vocabulary. */
export interface SynonymGroup extends SynonymGroupSpec {
  /** Token ids of all six words. */
  readonly ids: readonly number[];
  /** Token ids that appear in labelled training reviews. */
  readonly seen: readonly number[];
  /** Token ids that only appear in the unlabelled corpus and the test set. */
  readonly heldOut: readonly number[];
}

/** Everything the experiment trains and evaluates on; a pure function of the seed and sizes. */
export interface LabDataset {
  readonly seed: number;
  readonly sizes: DataSizes;
  /** Token id → word. */
  readonly vocab: readonly string[];
  /** Token id → index into `groups`, or -1 for neutral words. */
  readonly groupOf: Int8Array;
  readonly groups: readonly SynonymGroup[];
  /** Unlabelled reviews (token ids). */
  readonly corpus: readonly (readonly number[])[];
  /** Labelled reviews using seen synonyms only, alternating positive and negative. */
  readonly labelledPool: readonly Review[];
  /** Test reviews using every synonym, half positive. */
  readonly test: readonly Review[];
}

let cachedVocab: { vocab: string[]; index: Map<string, number> } | undefined;

/** The fixed vocabulary (identical for every seed): neutral words first, then the sentiment groups. */
export function buildVocabulary(): { vocab: readonly string[]; index: ReadonlyMap<string, number> } {
  if (cachedVocab) return cachedVocab;
  const vocab: string[] = [];
  const index = new Map<string, number>();
  const add = (w: string): void => {
    if (!index.has(w)) {
      index.set(w, vocab.length);
      vocab.push(w);
    }
  };
  const templateWords = (t: string): void => {
    for (const w of t.split(' ')) if (w !== 'S' && !w.startsWith('{')) add(w);
  };
  NEUTRAL_TEMPLATES.forEach(templateWords);
  for (const d of DIMENSIONS) SENTIMENT_TEMPLATES[d].forEach(templateWords);
  add('and');
  for (const list of Object.values(SLOTS)) for (const phrase of list) phrase.split(' ').forEach(add);
  for (const g of SYNONYM_GROUPS) g.words.forEach(add);
  cachedVocab = { vocab, index };
  return cachedVocab;
}

/** A template part: a fixed word, the sentiment word, or a slot filled from a list of phrases. */
type Part = { word: number } | { sentiment: true } | { phrases: readonly (readonly number[])[]; optional: boolean };

/** Templates pre-tokenised once: generating thousands of reviews then costs a few milliseconds. */
interface CompiledGrammar {
  sentiment: Readonly<Record<Dimension, readonly (readonly Part[])[]>>;
  neutral: readonly (readonly Part[])[];
  and: number;
}

let compiled: CompiledGrammar | undefined;

function compileGrammar(index: ReadonlyMap<string, number>): CompiledGrammar {
  if (compiled) return compiled;
  const phrases = Object.fromEntries(Object.entries(SLOTS).map(([k, list]) => [k, list.map((p) => p.split(' ').map((w) => index.get(w)!))]));
  const compile = (template: string): Part[] =>
    template.split(' ').map((part): Part => {
      if (part === 'S') return { sentiment: true };
      if (!part.startsWith('{')) return { word: index.get(part)! };
      const optional = part.endsWith('?}');
      return { phrases: phrases[part.slice(1, optional ? -2 : -1)], optional };
    });
  compiled = {
    sentiment: { quality: SENTIMENT_TEMPLATES.quality.map(compile), feeling: SENTIMENT_TEMPLATES.feeling.map(compile), build: SENTIMENT_TEMPLATES.build.map(compile), mood: SENTIMENT_TEMPLATES.mood.map(compile) },
    neutral: NEUTRAL_TEMPLATES.map(compile),
    and: index.get('and')!,
  };
  return compiled;
}

class ReviewWriter {
  private readonly grammar: CompiledGrammar;
  private readonly byDimension: ReadonlyMap<string, SynonymGroup>;

  constructor(
    private readonly rng: Rng,
    index: ReadonlyMap<string, number>,
    groups: readonly SynonymGroup[],
  ) {
    this.grammar = compileGrammar(index);
    this.byDimension = new Map(groups.map((g) => [`${g.dimension}/${g.polarity}`, g]));
  }

  write(polarity: Polarity, onlySeen: boolean): { tokens: number[]; sentiment: number[] } {
    const rng = this.rng;
    const k = 1 + rng.weighted(K_WEIGHTS);
    const m = rng.weighted(M_WEIGHTS);
    const dims = rng.shuffle(DIMENSIONS.slice()).slice(0, k);
    const clauses: number[][] = [];
    const sentiment: number[] = [];
    for (const d of dims) {
      const group = this.byDimension.get(`${d}/${polarity}`)!;
      const id = rng.pick(onlySeen ? group.seen : group.ids);
      sentiment.push(id);
      clauses.push(this.fill(rng.pick(this.grammar.sentiment[d]), id));
    }
    for (let i = 0; i < m; i++) clauses.push(this.fill(rng.pick(this.grammar.neutral), -1));
    rng.shuffle(clauses);
    const tokens: number[] = [];
    clauses.forEach((c, i) => {
      if (i > 0 && rng.next() < 0.4) tokens.push(this.grammar.and);
      for (const t of c) tokens.push(t);
    });
    return { tokens, sentiment };
  }

  private fill(template: readonly Part[], sentimentId: number): number[] {
    const out: number[] = [];
    for (const part of template) {
      if ('sentiment' in part) out.push(sentimentId);
      else if ('word' in part) out.push(part.word);
      else if (!(part.optional && this.rng.next() < 0.5)) for (const t of this.rng.pick(part.phrases)) out.push(t);
    }
    return out;
  }
}

/** Generates the corpus, the labelled pool and the test set for a seed. Deterministic. */
export function generateDataset(seed: number, sizes: DataSizes = DEFAULT_SIZES): LabDataset {
  const { vocab, index } = buildVocabulary();
  const split = new Rng(stageSeed(seed, 'split'));
  const groups: SynonymGroup[] = SYNONYM_GROUPS.map((g) => {
    const ids = g.words.map((w) => index.get(w)!);
    const order = split.shuffle(ids.slice());
    const seenSet = new Set(order.slice(0, sizes.seenPerGroup));
    return { ...g, ids, seen: ids.filter((i) => seenSet.has(i)), heldOut: ids.filter((i) => !seenSet.has(i)) };
  });
  const groupOf = new Int8Array(vocab.length).fill(-1);
  groups.forEach((g, gi) => g.ids.forEach((id) => (groupOf[id] = gi)));
  const heldOut = new Set(groups.flatMap((g) => g.heldOut));

  const corpusWriter = new ReviewWriter(new Rng(stageSeed(seed, 'corpus')), index, groups);
  const corpus: number[][] = [];
  for (let i = 0; i < sizes.corpus; i++) corpus.push(corpusWriter.write(i % 2 === 0 ? 'positive' : 'negative', false).tokens);

  const labelled = (stage: string, n: number, onlySeen: boolean): Review[] => {
    const writer = new ReviewWriter(new Rng(stageSeed(seed, stage)), index, groups);
    const out: Review[] = [];
    for (let i = 0; i < n; i++) {
      const label: 0 | 1 = i % 2 === 0 ? 1 : 0;
      const { tokens, sentiment } = writer.write(label === 1 ? 'positive' : 'negative', onlySeen);
      const h = sentiment.filter((id) => heldOut.has(id)).length;
      out.push({ tokens, label, coverage: h === 0 ? 'seen' : h === sentiment.length ? 'heldout' : 'mixed' });
    }
    return out;
  };
  return {
    seed,
    sizes,
    vocab,
    groupOf,
    groups,
    corpus,
    labelledPool: labelled('labelled', sizes.labelledPool, true),
    test: labelled('test', sizes.test, false),
  };
}

/**
 * The first `n` labelled reviews of a draw. Draw 0 is the pool's own order; other draws reshuffle
 * each class, so that repeated runs of the label-efficiency sweep see different labelled sets.
 * Every prefix alternates classes, so small budgets stay balanced.
 */
export function labelledSubset(data: LabDataset, n: number, draw = 0): Review[] {
  const pool = data.labelledPool;
  if (draw === 0) return pool.slice(0, Math.min(n, pool.length));
  const rng = new Rng(stageSeed(data.seed, `draw${draw}`));
  const pos = rng.shuffle(pool.filter((r) => r.label === 1));
  const neg = rng.shuffle(pool.filter((r) => r.label === 0));
  const out: Review[] = [];
  for (let i = 0; out.length < Math.min(n, pool.length); i++) {
    if (i < pos.length) out.push(pos[i]);
    if (out.length < n && i < neg.length) out.push(neg[i]);
  }
  return out;
}

/** Joins token ids back into text. */
export function detokenize(data: Pick<LabDataset, 'vocab'>, tokens: readonly number[]): string {
  return tokens.map((t) => data.vocab[t]).join(' ');
}
