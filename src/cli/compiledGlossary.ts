import * as fs from 'fs';
import * as path from 'path';
import { BODIES_DIR, bodyFile, INDEX_FILE } from '../core/glossary/layout';
import type { GlossaryIndexData, TermBody, TermId } from '../core/types';

/**
 * Writes a compiled glossary into `dir`: the index, and one body file per entry. Bodies left from
 * an earlier build, of entries since removed, are deleted.
 */
export function writeCompiledGlossary(dir: string, index: GlossaryIndexData, bodies: Record<TermId, TermBody>): void {
  const bodiesDir = path.join(dir, BODIES_DIR);
  fs.rmSync(bodiesDir, { recursive: true, force: true });
  fs.mkdirSync(bodiesDir, { recursive: true });
  fs.writeFileSync(path.join(dir, INDEX_FILE), JSON.stringify(index));
  for (const [id, body] of Object.entries(bodies)) {
    const file = bodyFile(id);
    if (file) fs.writeFileSync(path.join(dir, file), JSON.stringify(body));
  }
}

/** Reads the index of the compiled glossary in `dir`. */
export function readCompiledIndex(dir: string): GlossaryIndexData {
  return JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8')) as GlossaryIndexData;
}

/** Reads one entry's body from the compiled glossary in `dir`; undefined when it has none. */
export function readCompiledBody(dir: string, id: TermId): TermBody | undefined {
  const file = bodyFile(id);
  if (!file || !fs.existsSync(path.join(dir, file))) return undefined;
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as TermBody;
}
