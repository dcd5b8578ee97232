import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Services } from '../../src/vscode/services';

/** The extension's id, as installed. */
export const EXTENSION_ID = 'ml-lens.ml-lens';

/** Activates ML Lens (once; later calls return the same services). */
export async function activateExtension(): Promise<Services> {
  const ext = vscode.extensions.getExtension<Services>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

/** Runs `fn` with the user setting `mlLens.hover.<key>` set to `value`, then removes it. */
export async function withHoverSetting<T>(key: string, value: unknown, fn: () => Promise<T>): Promise<T> {
  const cfg = vscode.workspace.getConfiguration('mlLens.hover');
  await cfg.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await fn();
  } finally {
    await cfg.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}
