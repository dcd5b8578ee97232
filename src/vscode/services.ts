import type * as vscode from 'vscode';
import type { GlossaryIndex } from '../core/glossaryIndex';
import type { TermBody, TermId } from '../core/types';
import type { DocumentContext } from '../core/documentContext';
import type { LearningProgress } from './progress';
import type { TermScans } from './termScans';
import type { Encounters } from './encounters';
import type { Problem } from '../core/glossary/problems';
import type { GlossaryLayer } from '../core/glossary/join';

/** Minimal logger over an OutputChannel. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

/** The glossary as the VS Code layer sees it: the index plus lazily loaded bodies. */
export interface GlossaryService {
  /** The current index: the shipped glossary joined with the workspace's own glossaries. */
  readonly index: GlossaryIndex;
  /** Problems in the workspace glossaries' files, each with the file's URI when it has one. */
  readonly problems: ReadonlyArray<Problem & { uri?: vscode.Uri }>;
  /** The workspace's own entries as joined to the shipped glossary; undefined when it has none. */
  readonly layer: GlossaryLayer | undefined;
  /** Fires when the index or the problems are replaced (a glossary file or setting changed). */
  readonly onDidChange: vscode.Event<void>;
  /** Loads the full body of a term (a built-in one from `dist/glossary/bodies/<id>.json`, kept once read). */
  body(id: TermId): Promise<TermBody | undefined>;
}

/** Services shared by every feature; created once in `extension.ts`. */
export interface Services {
  readonly extensionUri: vscode.Uri;
  readonly glossary: GlossaryService;
  readonly log: Logger;
  /** Each open document's context (imports, regions), computed once per version. */
  readonly contexts: { get(document: vscode.TextDocument): DocumentContext };
  /** Which terms the user has learned or opened; read it, subscribe to its changes. */
  readonly progress: LearningProgress;
  /** Each open document's term scan, kept up to date incrementally; shared by the views and the highlights. */
  readonly scans: TermScans;
  /** Where terms are met (hovers, pages, files); review records them. */
  readonly encounters: Encounters;
}
