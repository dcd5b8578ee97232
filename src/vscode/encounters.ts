import * as vscode from 'vscode';
import type { Encounter } from '../core/review/met';

/** Longest stretch of a line kept around a hovered term (a minified file can have 1 MB lines). */
const LINE_WINDOW = 200;

/** Where terms are met (hovers, term pages, open files), for review to pick up. */
export class Encounters implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Encounter[]>();
  readonly onDidMeet = this.emitter.event;

  meet(encounters: Encounter[]): void {
    if (encounters.length) this.emitter.fire(encounters);
  }

  /** A term met at a position of a document: records the file and the code line around it. */
  meetAt(id: string, how: Encounter['how'], document: vscode.TextDocument, position: vscode.Position): void {
    const text = document.lineAt(position.line).text;
    const from = Math.max(0, position.character - LINE_WINDOW / 2);
    this.meet([{ id, how, uri: document.uri.toString(), line: text.length > LINE_WINDOW ? text.slice(from, from + LINE_WINDOW) : text }]);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
