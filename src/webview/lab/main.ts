import './l10nSetup';
import { parseLabBootConfig } from '../../shared/messages';
import { LabApp, type VsCodeApi } from './app';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('lab-root');
if (root) {
  const api = acquireVsCodeApi();
  const report = (message: string): void => api.postMessage({ type: 'lab/log', level: 'error', message: message.slice(0, 2000) });
  window.addEventListener('error', (e) => report(`uncaught: ${e.message}`));
  window.addEventListener('unhandledrejection', (e) => report(`unhandled rejection: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`));
  const app = new LabApp(root, api, parseLabBootConfig(root.dataset.config));
  void app.start();
}
