/** True for a plain JSON-like object (not null, not an array): the first check on untrusted input. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
