import * as vscode from 'vscode';
import { gradeCard, readCards, type ReviewRating, type StoredCard, type StoredCards } from '../core/review/cards';
import { readMet, recordMet, type Encounter, type MetTerms } from '../core/review/met';
import { DEFAULT_NEW_PER_DAY, type NewToday, type ReviewGlossary, type ReviewInputs } from '../core/review/session';
import { dayKey } from '../core/progressState';
import type { TermId } from '../core/types';
import { syncKeys, type SyncedMemento } from './progress';

/** globalState keys; all sync with Settings Sync, like learning progress. */
export const CARDS_KEY = 'mlLens.review.cards';
export const MET_KEY = 'mlLens.review.met';
export const NEW_TODAY_KEY = 'mlLens.review.newToday';

/** Delay before met terms are written: a hover fires on every mouse rest. */
const MET_WRITE_DELAY_MS = 1500;

function readNewToday(x: unknown): NewToday | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const r = x as { day?: unknown; count?: unknown };
  return typeof r.day === 'string' && typeof r.count === 'number' && Number.isInteger(r.count) && r.count >= 0 ? { day: r.day, count: r.count } : undefined;
}

/** New cards per day from `mlLens.review.newPerDay`. */
export function newPerDay(): number {
  const n = vscode.workspace.getConfiguration('mlLens.review').get<number>('newPerDay', DEFAULT_NEW_PER_DAY);
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.min(200, Math.round(n))) : DEFAULT_NEW_PER_DAY;
}

/**
 * Review state per user: the FSRS card of every reviewed term, the terms met and where, and how
 * many new cards were introduced today. Kept in globalState and synced; re-read on window focus.
 */
export class ReviewState implements vscode.Disposable {
  private cardsById: StoredCards;
  private metById: MetTerms;
  private newTodayCount: NewToday | undefined;
  private writeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when cards or met terms change (counts may differ). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: SyncedMemento, private readonly glossary: () => ReviewGlossary, readonly clock: () => number = () => Date.now()) {
    syncKeys(state, [CARDS_KEY, MET_KEY, NEW_TODAY_KEY]);
    this.cardsById = readCards(state.get(CARDS_KEY));
    this.metById = readMet(state.get(MET_KEY));
    this.newTodayCount = readNewToday(state.get(NEW_TODAY_KEY));
  }

  get cards(): Readonly<StoredCards> {
    return this.cardsById;
  }

  get met(): Readonly<MetTerms> {
    return this.metById;
  }

  card(id: TermId): StoredCard | undefined {
    return this.cardsById[id];
  }

  /** Everything session selection and counts need, at the clock's now. */
  inputs(): ReviewInputs {
    return { glossary: this.glossary(), cards: this.cardsById, met: this.metById, now: this.clock(), newPerDay: newPerDay(), newToday: this.newTodayCount };
  }

  /** Records met terms; writes a little later, and fires a change when a term was met for the first time. */
  meet(encounters: readonly Encounter[]): void {
    const known = encounters.filter((e) => !!this.glossary().get(e.id));
    const next = recordMet(this.metById, known, this.clock());
    if (next === this.metById) return;
    const fresh = known.some((e) => !this.metById[e.id]);
    this.metById = next;
    if (!this.writeTimer) this.writeTimer = setTimeout(() => void this.flushMet(), MET_WRITE_DELAY_MS);
    if (fresh) this.changed.fire();
  }

  private async flushMet(): Promise<void> {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    await this.state.update(MET_KEY, this.metById);
  }

  /** Grades a term at the clock's now and stores its next review. */
  async grade(id: TermId, rating: ReviewRating): Promise<StoredCard> {
    const now = this.clock();
    const old = this.cardsById[id];
    const card = gradeCard(old, rating, now);
    this.cardsById = { ...this.cardsById, [id]: card };
    const writes = [this.state.update(CARDS_KEY, this.cardsById)];
    if (!old) {
      const day = dayKey(new Date(now));
      this.newTodayCount = { day, count: (this.newTodayCount?.day === day ? this.newTodayCount.count : 0) + 1 };
      writes.push(this.state.update(NEW_TODAY_KEY, this.newTodayCount));
    }
    if (!this.metById[id]) {
      this.metById = recordMet(this.metById, [{ id, how: 'open' }], now);
      writes.push(this.flushMet());
    }
    await Promise.all(writes);
    this.changed.fire();
    return card;
  }

  /** Sets or clears the "learned by review" mark of a card. */
  async markLearnedByReview(id: TermId, on: boolean): Promise<void> {
    const card = this.cardsById[id];
    if (!card || !!card.v === on) return;
    const next: StoredCard = { ...card };
    if (on) next.v = 1;
    else delete next.v;
    this.cardsById = { ...this.cardsById, [id]: next };
    await this.state.update(CARDS_KEY, this.cardsById);
    this.changed.fire();
  }

  /** Forgets every card, met term and daily count. */
  async reset(): Promise<void> {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    this.cardsById = {};
    this.metById = {};
    this.newTodayCount = undefined;
    await Promise.all([CARDS_KEY, MET_KEY, NEW_TODAY_KEY].map((k) => this.state.update(k, undefined)));
    this.changed.fire();
  }

  /** Re-reads the stored state (another window or Settings Sync may have changed it). */
  reload(): void {
    if (this.writeTimer) return; // our own write is pending; it wins
    this.cardsById = readCards(this.state.get(CARDS_KEY));
    this.metById = readMet(this.state.get(MET_KEY));
    this.newTodayCount = readNewToday(this.state.get(NEW_TODAY_KEY));
    this.changed.fire();
  }

  dispose(): void {
    if (this.writeTimer) {
      clearTimeout(this.writeTimer);
      void this.state.update(MET_KEY, this.metById);
    }
    this.changed.dispose();
  }
}
