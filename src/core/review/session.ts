import { dayKey, hashString, termOfTheDay } from '../progressState';
import type { TermId, TermSummary } from '../types';
import { isDue, type StoredCards } from './cards';
import type { MetTerms } from './met';

/** New cards introduced per day unless the user's setting says otherwise. */
export const DEFAULT_NEW_PER_DAY = 10;
/** Most cards in one session. */
export const MAX_SESSION = 40;
/** Options on a "pick the term" card: the answer and three distractors. */
export const CHOICES = 4;

/** The glossary as review needs it. */
export interface ReviewGlossary {
  readonly terms: readonly TermSummary[];
  get(id: TermId): TermSummary | undefined;
}

/** The two kinds of card: recall the meaning of a term, or pick the term for a definition. */
export type CardKind = 'recall' | 'choice';

/** One card of a session. */
export interface SessionCard {
  id: TermId;
  kind: CardKind;
  /** The term has been reviewed before (false: a new card). */
  review: boolean;
  /** For `choice` cards: the options, the answer among them, in a stable order. */
  options?: TermId[];
  /** The card was answered Again earlier in this session and comes back once. */
  again?: true;
}

/** How many new cards may still be introduced today. */
export interface NewToday {
  /** `dayKey` of the day the count is for. */
  day: string;
  count: number;
}

/** What a session or a count is computed from. */
export interface ReviewInputs {
  glossary: ReviewGlossary;
  cards: StoredCards;
  met: MetTerms;
  now: number;
  /** New cards allowed per day. */
  newPerDay: number;
  /** New cards already introduced, for the day it names. */
  newToday?: NewToday;
}

/** New cards still allowed today. */
export function newLeft(inputs: Pick<ReviewInputs, 'now' | 'newPerDay' | 'newToday'>): number {
  const today = dayKey(new Date(inputs.now));
  const used = inputs.newToday && inputs.newToday.day === today ? inputs.newToday.count : 0;
  return Math.max(0, inputs.newPerDay - used);
}

/** Terms with a card due now, earliest first (ties by id). */
export function dueIds(inputs: Pick<ReviewInputs, 'glossary' | 'cards' | 'now'>): TermId[] {
  return Object.entries(inputs.cards)
    .filter(([id, c]) => isDue(c, inputs.now) && !!inputs.glossary.get(id))
    .sort((a, b) => a[1].d - b[1].d || (a[0] < b[0] ? -1 : 1))
    .map(([id]) => id);
}

/** Met terms without a card yet, most recently met first (ties by id). */
export function newIds(inputs: Pick<ReviewInputs, 'glossary' | 'cards' | 'met'>): TermId[] {
  return Object.entries(inputs.met)
    .filter(([id]) => !inputs.cards[id] && !!inputs.glossary.get(id))
    .sort((a, b) => b[1].t - a[1].t || (a[0] < b[0] ? -1 : 1))
    .map(([id]) => id);
}

/**
 * What is waiting now: due cards, and the new (met, never reviewed) terms that today's limit still
 * lets in. Their sum is the "due" count shown in the Glossary view and the status bar.
 */
export function waiting(inputs: ReviewInputs): { due: number; fresh: number; total: number } {
  const due = dueIds(inputs).length;
  const fresh = Math.min(newIds(inputs).length, newLeft(inputs));
  return { due, fresh, total: due + fresh };
}

/**
 * Terms that make plausible wrong answers for `id`: its contrasts first (either direction), then
 * its other related terms (either direction), then terms of its category in a seeded order.
 * Never the answer itself, never a term missing from the glossary, never a title equal to the answer's.
 */
export function pickDistractors(glossary: ReviewGlossary, id: TermId, count: number, seed: string): TermId[] {
  const answer = glossary.get(id);
  if (!answer || count <= 0) return [];
  const out: TermId[] = [];
  const taken = new Set<TermId>([id]);
  const titles = new Set<string>([answer.title.toLowerCase()]);
  const add = (other: TermId): void => {
    if (out.length >= count || taken.has(other)) return;
    const t = glossary.get(other);
    if (!t || titles.has(t.title.toLowerCase())) return;
    taken.add(other);
    titles.add(t.title.toLowerCase());
    out.push(other);
  };
  const backlinks = glossary.terms.filter((t) => t.related.some((r) => r.id === id));
  const contrasts = [...answer.related.filter((r) => r.rel === 'contrast').map((r) => r.id), ...backlinks.filter((t) => t.related.some((r) => r.id === id && r.rel === 'contrast')).map((t) => t.id)];
  const related = [...answer.related.map((r) => r.id), ...backlinks.map((t) => t.id)];
  const shuffled = (ids: TermId[]): TermId[] => [...new Set(ids)].sort((a, b) => hashString(seed + a) - hashString(seed + b) || (a < b ? -1 : 1));
  for (const other of shuffled(contrasts)) add(other);
  for (const other of shuffled(related)) add(other);
  for (const other of shuffled(glossary.terms.filter((t) => t.category === answer.category).map((t) => t.id))) add(other);
  return out;
}

/**
 * The kind of a card. New terms are recalled first; a reviewed term alternates between picking
 * it from a definition and recalling it, when it has enough distractors.
 */
export function cardKind(reps: number, distractors: number): CardKind {
  return reps > 0 && reps % 2 === 1 && distractors >= CHOICES - 1 ? 'choice' : 'recall';
}

/** The options of a choice card: the answer and its distractors in a seeded, stable order. */
export function choiceOptions(answer: TermId, distractors: readonly TermId[], seed: string): TermId[] {
  return [answer, ...distractors.slice(0, CHOICES - 1)].sort((a, b) => hashString(seed + a) - hashString(seed + b) || (a < b ? -1 : 1));
}

/** The grade a choice card gives: right first time is Good, anything else is Again. */
export function choiceRating(chosen: TermId, answer: TermId): 1 | 3 {
  return chosen === answer ? 3 : 1;
}

/** A review session: due cards first (earliest first), then new ones up to today's limit. */
export function selectSession(inputs: ReviewInputs, max = MAX_SESSION): SessionCard[] {
  const seed = dayKey(new Date(inputs.now));
  const ids = [...dueIds(inputs), ...newIds(inputs).slice(0, newLeft(inputs))].slice(0, max);
  return ids.map((id) => {
    const card = inputs.cards[id];
    const reps = card?.r ?? 0;
    const distractors = reps > 0 ? pickDistractors(inputs.glossary, id, CHOICES - 1, seed) : [];
    const kind = cardKind(reps, distractors.length);
    return kind === 'choice' ? { id, kind, review: true, options: choiceOptions(id, distractors, seed) } : { id, kind, review: !!card };
  });
}

/**
 * The term of the day: the earliest due term; else a new term met but never reviewed, picked by
 * the day; else a term not yet learned, picked by the day. Never random: the same inputs on the
 * same day give the same term.
 */
export function reviewTermOfTheDay(inputs: Pick<ReviewInputs, 'glossary' | 'cards' | 'met' | 'now'>, learned: ReadonlySet<TermId>): TermId | undefined {
  const due = dueIds(inputs);
  if (due.length) return due[0];
  const fresh = newIds(inputs).filter((id) => !learned.has(id)).sort();
  const date = new Date(inputs.now);
  if (fresh.length) return fresh[hashString(dayKey(date)) % fresh.length];
  return termOfTheDay(inputs.glossary.terms.map((t) => t.id), learned, date);
}

/**
 * The session after the card at `index` is answered: a card answered Again comes back once, as a
 * recall card at the end, so that a forgotten term is seen again before the session ends. FSRS
 * schedules the second answer as a same-day review: the stability stays where the lapse put it.
 */
export function afterAnswer(cards: readonly SessionCard[], index: number, rating: 1 | 2 | 3 | 4): SessionCard[] {
  const card = cards[index];
  if (rating !== 1 || !card || card.again) return [...cards];
  return [...cards, { id: card.id, kind: 'recall', review: true, again: true }];
}
