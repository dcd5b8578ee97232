import * as vscode from 'vscode';
import { dirtyLines, LineScan, type DirtyLines, type LineEdit } from '../core/lineScan';
import { SCAN_SLICE_CHARS } from '../core/scan';
import type { TermId } from '../core/types';
import type { DocumentContexts } from './documentContexts';
import type { GlossaryService } from './services';
import { hoverSettings } from './settings';

/** Documents larger than this are not scanned. */
export const MAX_SCAN_CHARS = 3_000_000;
/** Longest stretch a full scan keeps the extension host busy before it yields. */
const BUDGET_MS = 15;
/** Documents whose scan is kept. */
const CACHE_SIZE = 16;

/** Editors worth scanning: real documents and notebook cells, not output panes, diff internals or comments. */
export function isScannable(doc: vscode.TextDocument): boolean {
  return !['output', 'debug', 'vscode-scm', 'comment', 'git'].includes(doc.uri.scheme);
}

interface Entry {
  document: vscode.TextDocument;
  /** The scan and the document version it belongs to. */
  scan: LineScan;
  version: number;
  /** Lines replaced since `version`, while the edits arrived in an unbroken chain of versions. */
  dirty?: DirtyLines;
  /** Version the edits in `dirty` lead to; undefined once a version was missed. */
  reached?: number;
}

/**
 * The term scan of each open document, shared by "Terms in this File" and the highlights: one
 * context-aware scan per document, kept by line and brought up to date after an edit by rescanning
 * only the lines it touched. A full scan runs in slices and gives the extension host back between them.
 */
export class TermScans implements vscode.Disposable {
  private readonly cache = new Map<string, Entry>();
  private readonly running = new Map<string, Promise<LineScan | undefined>>();
  private readonly disposables: vscode.Disposable[];
  private ignoreKey = '';
  private ignore: ReadonlySet<TermId> | undefined;

  constructor(private readonly glossary: GlossaryService, private readonly contexts: Pick<DocumentContexts, 'get'>) {
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
      glossary.onDidChange(() => this.clear()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlLens.hover.ignore')) this.clear();
      }),
    ];
  }

  private clear(): void {
    this.cache.clear();
    this.ignoreKey = '';
    this.ignore = undefined;
  }

  private ignored(): ReadonlySet<TermId> | undefined {
    const names = hoverSettings().ignore;
    const key = JSON.stringify(names);
    if (key !== this.ignoreKey) {
      this.ignoreKey = key;
      this.ignore = names.length ? this.glossary.index.resolveNames(names) : undefined;
    }
    return this.ignore;
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.cache.get(e.document.uri.toString());
    if (!entry || !e.contentChanges.length) return;
    if ((entry.reached ?? entry.version) + 1 !== e.document.version) {
      entry.dirty = undefined;
      entry.reached = undefined;
      entry.version = -1;
      return;
    }
    const edits: LineEdit[] = e.contentChanges.map((c) => ({ startLine: c.range.start.line, endLine: c.range.end.line, text: c.text }));
    entry.dirty = dirtyLines(edits, entry.dirty);
    entry.reached = e.document.version;
  }

  /** The scan already made for the document's current version, if any (no work). */
  peek(document: vscode.TextDocument): LineScan | undefined {
    const entry = this.cache.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.scan : undefined;
  }

  /**
   * The scan of `document` at its current version. Undefined when the document is too large, or
   * changed (or closed) while a full scan was running: the caller's next update gets the fresh one.
   */
  async get(document: vscode.TextDocument): Promise<LineScan | undefined> {
    const key = document.uri.toString();
    const entry = this.cache.get(key);
    if (entry && entry.version === document.version) return entry.scan;
    if (document.getText().length > MAX_SCAN_CHARS) return undefined;
    const ctx = this.contexts.get(document);
    const ignore = this.ignored();
    if (entry && entry.dirty && entry.reached === document.version) {
      const next = entry.scan.update(this.glossary.index, entry.dirty, ctx.text, ctx, ignore);
      if (next) return this.store(document, next);
    }
    const runKey = `${key}#${document.version}`;
    let run = this.running.get(runKey);
    if (!run) {
      run = this.fullScan(document, ctx, ignore).finally(() => this.running.delete(runKey));
      this.running.set(runKey, run);
    }
    return run;
  }

  private async fullScan(document: vscode.TextDocument, ctx: ReturnType<DocumentContexts['get']>, ignore: ReadonlySet<TermId> | undefined): Promise<LineScan | undefined> {
    const version = document.version;
    const index = this.glossary.index;
    const it = LineScan.build(index, ctx.text, ctx, ignore, SCAN_SLICE_CHARS);
    let since = Date.now();
    for (;;) {
      const r = it.next();
      if (r.done) return index === this.glossary.index && !document.isClosed && document.version === version ? this.store(document, r.value) : undefined;
      if (Date.now() - since >= BUDGET_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        if (document.isClosed || document.version !== version) return undefined;
        since = Date.now();
      }
    }
  }

  private store(document: vscode.TextDocument, scan: LineScan): LineScan {
    const key = document.uri.toString();
    this.cache.delete(key);
    this.cache.set(key, { document, scan, version: document.version });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return scan;
  }

  dispose(): void {
    this.cache.clear();
    for (const d of this.disposables) d.dispose();
  }
}
