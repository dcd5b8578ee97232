import { isRecord } from './guards';

/** One cell of a Jupyter notebook, as scanned for terms. */
export interface NotebookCell {
  /** 1-based cell number, as notebook UIs show it. */
  number: number;
  kind: 'code' | 'markdown' | 'raw';
  source: string;
}

/** Parses an `.ipynb` file (nbformat 4, or 3 with worksheets). Throws an Error with a clear message when it is not one. */
export function parseNotebook(json: string): NotebookCell[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new Error(`not valid notebook JSON (${(e as Error).message})`);
  }
  if (!isRecord(doc)) throw new Error('not a notebook: the top level is not a JSON object');
  let cells: unknown = doc.cells;
  if (cells === undefined && Array.isArray(doc.worksheets)) {
    cells = (doc.worksheets as unknown[]).flatMap((w) => (isRecord(w) && Array.isArray(w.cells) ? w.cells : []));
  }
  if (!Array.isArray(cells)) throw new Error('not a notebook: no "cells" list');
  return cells.map((c, i) => {
    if (!isRecord(c)) throw new Error(`cell ${i + 1} is not an object`);
    const kind = c.cell_type === 'markdown' || c.cell_type === 'raw' ? c.cell_type : 'code';
    const src = c.source ?? c.input ?? '';
    if (typeof src !== 'string' && !(Array.isArray(src) && src.every((x) => typeof x === 'string'))) {
      throw new Error(`cell ${i + 1} has a "source" that is neither text nor a list of lines`);
    }
    const source = Array.isArray(src) ? src.join('') : src;
    return { number: i + 1, kind, source };
  });
}
