/** A problem found in a glossary file, with its position (1-based line and column). */
export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Formats a problem the way compilers do, so editors and terminals can link to it. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}
