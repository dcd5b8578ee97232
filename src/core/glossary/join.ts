import type { Category, GlossaryIndexData } from '../types';

/** A compiled team glossary, ready to join the built-in one. */
export interface GlossaryLayer {
  index: GlossaryIndexData;
  /** Built-in ids that entries of this layer replace (`overrides: <id>`). */
  overridden: readonly string[];
}

/**
 * The built-in glossary with team glossaries joined to it: an overridden built-in entry (terms
 * and match keys) gives way to the team's entry; otherwise the earlier source keeps an id, so a
 * second folder never replaces the first. Categories a layer adds (Workspace) come last.
 */
export function joinGlossaries(base: GlossaryIndexData, layers: readonly GlossaryLayer[]): GlossaryIndexData {
  const replaced = new Set(layers.flatMap((l) => l.overridden));
  const terms = base.terms.filter((t) => !replaced.has(t.id));
  const keys = base.keys.filter((k) => !replaced.has(k.term));
  const ids = new Set(terms.map((t) => t.id));
  const categories: Category[] = [...base.categories];
  for (const layer of layers) {
    const fresh = new Set(layer.index.terms.filter((t) => !ids.has(t.id)).map((t) => t.id));
    terms.push(...layer.index.terms.filter((t) => fresh.has(t.id)));
    keys.push(...layer.index.keys.filter((k) => fresh.has(k.term)));
    fresh.forEach((id) => ids.add(id));
    for (const c of layer.index.categories) {
      if (!categories.some((x) => x.id === c.id) && layer.index.terms.some((t) => t.category === c.id)) categories.push(c);
    }
  }
  return { version: 1, categories, terms, keys };
}
