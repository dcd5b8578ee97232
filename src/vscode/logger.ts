import * as vscode from 'vscode';
import type { Logger } from './services';

/** A logger writing to the "ML Lens" output channel. */
export function createLogger(): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('ML Lens', { log: true });
  return {
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m, err) => channel.error(err instanceof Error ? `${m}: ${err.message}` : err === undefined ? m : `${m}: ${String(err)}`),
    dispose: () => channel.dispose(),
  };
}
