/**
 * What the Concept view shows: the term under the cursor, kept when the cursor leaves terms,
 * held on one term while pinned, with back and forward through what it showed.
 */
import { TermHistory } from './termPageModel';
import type { TermPageNav } from './termPageTypes';
import type { TermId } from './types';

/** The Concept view's follow, pin and history state. */
export class ConceptFollower {
  private readonly history: TermHistory;
  private isPinned = false;

  constructor(history: readonly TermId[] = [], index?: number) {
    this.history = new TermHistory(history, index);
  }

  /** The term shown, if any. */
  get current(): TermId | undefined {
    return this.history.current;
  }

  get pinned(): boolean {
    return this.isPinned;
  }

  /**
   * The cursor now rests on `id` (undefined: on no term). Returns true when the view should
   * change: never while pinned, never when the cursor leaves terms, never for the term shown.
   */
  follow(id: TermId | undefined): boolean {
    if (this.isPinned || id === undefined || id === this.history.current) return false;
    this.history.push(id);
    return true;
  }

  /** The user chose `id` (a link in the page): shown even while pinned, and the pin moves to it. */
  open(id: TermId): boolean {
    if (id === this.history.current) return false;
    this.history.push(id);
    return true;
  }

  /** Keeps the view on its current term; false when there is nothing to pin. */
  pin(): boolean {
    if (this.history.current === undefined) return false;
    this.isPinned = true;
    return true;
  }

  /** Follows the cursor again; `cursor` is the term under it now, shown at once. Returns true when the view changes. */
  unpin(cursor?: TermId): boolean {
    this.isPinned = false;
    return this.follow(cursor);
  }

  back(): TermId | undefined {
    return this.history.back();
  }

  forward(): TermId | undefined {
    return this.history.forward();
  }

  /** Drops ids that no longer exist (the glossary changed). */
  retain(exists: (id: TermId) => boolean): void {
    this.history.retain(exists);
    if (this.history.current === undefined) this.isPinned = false;
  }

  nav(): TermPageNav {
    return this.history.nav();
  }
}
