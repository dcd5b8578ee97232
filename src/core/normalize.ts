/**
 * Normalisation of sub-tokens so that spelling variants meet: case, British/American spelling,
 * and simple plurals. Both glossary keys and scanned text go through the same function, so an
 * imperfect stem is harmless as long as it is consistent.
 */

const WORD_MAP = new Map<string, string>([
  ['colour', 'color'],
  ['colours', 'colors'],
  ['behaviour', 'behavior'],
  ['behaviours', 'behaviors'],
  ['neighbour', 'neighbor'],
  ['neighbours', 'neighbors'],
  ['centre', 'center'],
  ['centres', 'centers'],
  ['catalogue', 'catalog'],
  ['generalisation', 'generalization'],
  ['artefact', 'artifact'],
  ['artefacts', 'artifacts'],
]);

const SUFFIX_RULES: Array<[RegExp, string]> = [
  [/isation(s?)$/, 'ization$1'],
  [/ising$/, 'izing'],
  [/ised$/, 'ized'],
  [/iser(s?)$/, 'izer$1'],
  [/ise(s?)$/, 'ize$1'],
  [/yse(s?)$/, 'yze$1'],
  [/elling$/, 'eling'],
  [/elled$/, 'eled'],
];

const KEEP_S = /(ss|us|is|as|os|ics)$/;

const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Normalises one sub-token (already split from an identifier or sentence). Results are cached. */
export function normalizeToken(raw: string): string {
  let hit = cache.get(raw);
  if (hit === undefined) {
    hit = normalizeUncached(raw);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(raw, hit);
  }
  return hit;
}

function normalizeUncached(raw: string): string {
  let w = raw.toLowerCase();
  const mapped = WORD_MAP.get(w);
  if (mapped) w = mapped;
  if (w.length > 5) {
    for (const [re, rep] of SUFFIX_RULES) {
      if (re.test(w)) {
        w = w.replace(re, rep);
        break;
      }
    }
  }
  return singular(w);
}

function singular(w: string): string {
  const n = w.length;
  if (n <= 3 || w.charCodeAt(n - 1) !== 115 /* s */) return w;
  if (w.endsWith('ies') && n > 4) return w.slice(0, -3) + 'y';
  if (/(sses|xes|ches|shes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('ses')) {
    const stem = w.slice(0, -2);
    return /(ss|as|us|is)$/.test(stem) ? stem : w.slice(0, -1);
  }
  if (KEEP_S.test(w)) return w;
  return w.slice(0, -1);
}
