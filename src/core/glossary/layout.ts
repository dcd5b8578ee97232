import { isTermId } from '../guards';
import type { TermId } from '../types';

/** The compiled glossary's index, relative to its folder (`dist/glossary/`), read at activation. */
export const INDEX_FILE = 'index.json';
/** The folder of entry bodies, one `<id>.json` per entry, so that a term page reads only its own. */
export const BODIES_DIR = 'bodies';

/** Where the body of `id` is kept, relative to the compiled glossary's folder; undefined for anything not shaped like an id. */
export function bodyFile(id: TermId): string | undefined {
  return isTermId(id) ? `${BODIES_DIR}/${id}.json` : undefined;
}
