import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade } from 'ts-fsrs';
import type { TermId } from '../types';

/**
 * A term becomes learned by review once its FSRS stability reaches this many days: the memory is
 * then expected to stay above 90 % recall for three weeks without another look. Three "Good"
 * answers in a row from a new card get there.
 */
export const LEARNED_STABILITY_DAYS = 21;

/** Most cards kept (the glossary has a few hundred terms; extra glossaries add some). */
export const MAX_CARDS = 3000;

/** How a review went, as FSRS grades it. */
export type ReviewRating = 1 | 2 | 3 | 4;

/** The grades by name, in the order of their keys 1–4. */
export const RATINGS = { again: 1, hard: 2, good: 3, easy: 4 } as const satisfies Record<string, ReviewRating>;

/**
 * The scheduling state of one term, kept compact because it syncs with Settings Sync.
 * Times are milliseconds since the epoch; `st` is FSRS's state (0 new, 1 learning, 2 review, 3 relearning).
 */
export interface StoredCard {
  /** When the card is next due. */
  d: number;
  /** Stability in days. */
  s: number;
  /** Difficulty (1–10). */
  df: number;
  st: number;
  /** Reviews and lapses so far. */
  r: number;
  l: number;
  /** The last review. */
  lr: number;
  /** Days scheduled at the last review. */
  sd: number;
  /** Marked learned because its stability passed {@link LEARNED_STABILITY_DAYS}. */
  v?: 1;
}

/** Every card, by term id. */
export type StoredCards = Record<TermId, StoredCard>;

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const DAY_MS = 86_400_000;

const num = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max;

/** Reads one stored card; undefined when anything is missing or out of range. */
export function readCard(x: unknown): StoredCard | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined;
  const c = x as Record<string, unknown>;
  if (!num(c.d, 0, 8.64e15) || !num(c.s, 0, 1e6) || !num(c.df, 0, 11) || !num(c.st, 0, 3) || !num(c.r, 0, 1e6) || !num(c.l, 0, 1e6) || !num(c.lr, 0, 8.64e15) || !num(c.sd, 0, 1e6)) return undefined;
  const card: StoredCard = { d: c.d, s: c.s, df: c.df, st: Math.round(c.st), r: Math.round(c.r), l: Math.round(c.l), lr: c.lr, sd: c.sd };
  if (c.v === 1) card.v = 1;
  return card;
}

/** Reads the stored cards defensively: malformed entries (hand-edited, corrupted) are dropped. */
export function readCards(value: unknown): StoredCards {
  const out: StoredCards = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  let n = 0;
  for (const [id, raw] of Object.entries(value as Record<string, unknown>)) {
    if (n >= MAX_CARDS) break;
    const card = ID.test(id) ? readCard(raw) : undefined;
    if (card) {
      out[id] = card;
      n++;
    }
  }
  return out;
}

/** FSRS with day-based steps and no random fuzz (same answers, same schedule), built on first use. */
let scheduler: ReturnType<typeof fsrs> | undefined;
const fsrsScheduler = (): ReturnType<typeof fsrs> => (scheduler ??= fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false })));

function toFsrs(c: StoredCard): Card {
  return {
    due: new Date(c.d),
    stability: c.s,
    difficulty: c.df,
    elapsed_days: 0,
    scheduled_days: c.sd,
    learning_steps: 0,
    reps: c.r,
    lapses: c.l,
    state: c.st as State,
    last_review: c.r ? new Date(c.lr) : undefined,
  };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * Schedules the next review after an answer at `now`. A card that has never been reviewed starts
 * from FSRS's empty card. Keeps the "learned by review" mark; see {@link learnedByReview}.
 */
export function gradeCard(card: StoredCard | undefined, rating: ReviewRating, now: number): StoredCard {
  const from = card ? toFsrs(card) : createEmptyCard(new Date(now));
  const next = fsrsScheduler().next(from, new Date(now), rating as Grade).card;
  const out: StoredCard = {
    d: next.due.getTime(),
    s: round(next.stability),
    df: round(next.difficulty),
    st: next.state,
    r: next.reps,
    l: next.lapses,
    lr: now,
    sd: next.scheduled_days,
  };
  if (card?.v) out.v = 1;
  return out;
}

/** Whether a card is due at `now`. */
export function isDue(card: StoredCard, now: number): boolean {
  return card.d <= now;
}

/** Whether a card's stability is high enough for its term to count as learned. */
export function learnedByReview(card: StoredCard | undefined): boolean {
  return !!card && card.st !== State.New && card.s >= LEARNED_STABILITY_DAYS;
}

/** Whole days from `now` until the card is due (0 when due). */
export function daysUntilDue(card: StoredCard, now: number): number {
  return Math.max(0, Math.ceil((card.d - now) / DAY_MS));
}

export { Rating };
