import * as vscode from 'vscode';
import { lineAround, type Encounter } from '../core/review/met';

/** Where terms are met (hovers, term pages, open files), for review to pick up. */
export class Encounters implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Encounter[]>();
  readonly onDidMeet = this.emitter.event;

  meet(encounters: Encounter[]): void {
    if (encounters.length) this.emitter.fire(encounters);
  }

  /** A term met at a position of a document: records the file and the code line around it. */
  meetAt(id: string, how: Encounter['how'], document: vscode.TextDocument, position: vscode.Position): void {
    this.meet([{ id, how, uri: document.uri.toString(), line: lineAround(document.lineAt(position.line).text, position.character) }]);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
