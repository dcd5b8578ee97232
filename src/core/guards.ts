/** True for a plain JSON-like object (not null, not an array): the first check on untrusted input. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A glossary term id: lower-case words joined by single hyphens, e.g. `masked-language-modeling`. */
export const TERM_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_TERM_ID = 80;

/** True for a string shaped like a glossary term id. */
export function isTermId(x: unknown): x is string {
  return typeof x === 'string' && x.length <= MAX_TERM_ID && TERM_ID_PATTERN.test(x);
}
