import * as vscode from 'vscode';
import { readTimestamps, sameIds, type Timestamps } from '../core/progressState';
import type { TermId } from '../core/types';

/** globalState keys; both sync with Settings Sync. */
export const LEARNED_KEY = 'mlLens.progress.learned';
export const SEEN_KEY = 'mlLens.progress.seen';

/** A globalState that can sync some of its keys. */
export type SyncedMemento = vscode.Memento & { setKeysForSync(keys: readonly string[]): void };

const syncedKeys = new WeakMap<SyncedMemento, Set<string>>();

/**
 * Adds keys to those a globalState syncs. `setKeysForSync` replaces the whole list, so every
 * feature that syncs state goes through here.
 */
export function syncKeys(state: SyncedMemento, keys: readonly string[]): void {
  let all = syncedKeys.get(state);
  if (!all) syncedKeys.set(state, (all = new Set()));
  for (const k of keys) all.add(k);
  state.setKeysForSync([...all]);
}

/** What changed in the learning progress. */
export interface ProgressChange {
  /** The terms whose state changed; undefined when everything may have (reset, sync). */
  ids?: TermId[];
}

/**
 * Learning progress: which terms are learned and which have been opened. Kept in globalState,
 * so it follows the user across workspaces, and synced with Settings Sync. Another window (or a
 * sync) can change it, so it is re-read whenever this window gains focus.
 */
export class LearningProgress implements vscode.Disposable {
  private learned: Timestamps;
  private seen: Timestamps;
  private readonly changed = new vscode.EventEmitter<ProgressChange>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: SyncedMemento) {
    syncKeys(state, [LEARNED_KEY, SEEN_KEY]);
    this.learned = readTimestamps(state.get(LEARNED_KEY));
    this.seen = readTimestamps(state.get(SEEN_KEY));
  }

  isLearned(id: TermId): boolean {
    return Object.prototype.hasOwnProperty.call(this.learned, id);
  }

  isSeen(id: TermId): boolean {
    return Object.prototype.hasOwnProperty.call(this.seen, id);
  }

  /** Learned term ids. */
  learnedIds(): Set<TermId> {
    return new Set(Object.keys(this.learned));
  }

  /** Opened term ids, most recent first. */
  seenIds(): TermId[] {
    return Object.entries(this.seen).sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  async setLearned(id: TermId, learned: boolean): Promise<void> {
    if (learned === this.isLearned(id)) return;
    const next = { ...this.learned };
    if (learned) next[id] = Date.now();
    else delete next[id];
    this.learned = next;
    // A learned term has been seen, even if it was marked from the tree.
    if (learned && !this.isSeen(id)) this.seen = { ...this.seen, [id]: Date.now() };
    await Promise.all([this.state.update(LEARNED_KEY, this.learned), this.state.update(SEEN_KEY, this.seen)]);
    this.changed.fire({ ids: [id] });
  }

  /** Records that a term page was opened (keeps the time of the latest visit). */
  async markSeen(id: TermId): Promise<void> {
    const first = !this.isSeen(id);
    this.seen = { ...this.seen, [id]: Date.now() };
    await this.state.update(SEEN_KEY, this.seen);
    if (first) this.changed.fire({ ids: [id] });
  }

  /** Forgets everything. */
  async reset(): Promise<void> {
    this.learned = {};
    this.seen = {};
    await Promise.all([this.state.update(LEARNED_KEY, undefined), this.state.update(SEEN_KEY, undefined)]);
    this.changed.fire({});
  }

  /** Re-reads the stored state (another window or Settings Sync may have changed it). */
  reload(): void {
    const learned = readTimestamps(this.state.get(LEARNED_KEY));
    const seen = readTimestamps(this.state.get(SEEN_KEY));
    const changed = !sameIds(learned, this.learned) || !sameIds(seen, this.seen);
    this.learned = learned;
    this.seen = seen;
    if (changed) this.changed.fire({});
  }

  dispose(): void {
    this.changed.dispose();
  }
}
