import type { TermId } from './types';

/** When each term was marked learned or first opened (milliseconds since the epoch). */
export type Timestamps = Record<TermId, number>;

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * Reads a stored id → timestamp map defensively: anything that is not a plain object of
 * finite numbers under sane ids (a hand-edited or corrupted value) is dropped.
 */
export function readTimestamps(value: unknown): Timestamps {
  const out: Timestamps = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [id, ts] of Object.entries(value as Record<string, unknown>)) {
    if (ID.test(id) && typeof ts === 'number' && Number.isFinite(ts) && ts >= 0) out[id] = ts;
  }
  return out;
}

/** Whether two maps hold the same ids (timestamps aside). */
export function sameIds(a: Timestamps, b: Timestamps): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b);
}

/** A small, stable hash of a string (FNV-1a, 32 bits). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `2024-05-17` in local time. */
export function dayKey(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/**
 * The term of the day: a day-seeded pick that is the same for everyone on a given day, moved
 * forward to the next term not yet learned (any term once everything is learned). Callers keep
 * the day's pick so that it does not change when it gets learned. Undefined for an empty glossary.
 */
export function termOfTheDay(ids: readonly TermId[], learned: ReadonlySet<TermId>, date: Date): TermId | undefined {
  const sorted = [...ids].sort();
  if (!sorted.length) return undefined;
  const start = hashString(dayKey(date)) % sorted.length;
  for (let k = 0; k < sorted.length; k++) {
    const id = sorted[(start + k) % sorted.length];
    if (!learned.has(id)) return id;
  }
  return sorted[start];
}
