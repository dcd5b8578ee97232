import * as vscode from 'vscode';
import {
  isLabToExtensionMessage,
  LAB_VIEW_TYPE,
  type ExtensionToLabMessage,
  type LabBootConfig,
  type LabToExtensionMessage,
} from '../shared/messages';
import type { Services } from './services';
import { escapeHtml } from '../core/html';
import { webviewPageHtml } from './webviewHtml';
import { l10nAttribute } from './webviewL10n';

/** tfjs-backend-wasm binaries the page can use (SIMD first); the threaded build needs cross-origin isolation, which webviews lack. */
const WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'];

/** Argument of `mlLens.lab.open`. */
interface OpenLabArgs {
  /** Start "Run all" as soon as the page is ready. */
  runAll?: boolean;
}

function parseOpenArgs(arg: unknown): OpenLabArgs {
  return typeof arg === 'object' && arg !== null && (arg as OpenLabArgs).runAll === true ? { runAll: true } : {};
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The lab's single webview panel. */
class LabPanel {
  static current: LabPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private pendingRunAll = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
  ) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), undefined, this.disposables);
  }

  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
      // Runs take seconds; keeping the page alive lets one finish while its tab is in the background.
      retainContextWhenHidden: true,
    };
  }

  static async open(services: Services, args: OpenLabArgs): Promise<void> {
    if (LabPanel.current) {
      LabPanel.current.panel.reveal();
      if (args.runAll) LabPanel.current.runAll();
      return;
    }
    const panel = vscode.window.createWebviewPanel(LAB_VIEW_TYPE, vscode.l10n.t('Pre-training Lab'), vscode.ViewColumn.Active, LabPanel.webviewOptions(services.extensionUri));
    const lab = await LabPanel.attach(panel, services);
    if (args.runAll) lab.runAll();
  }

  static async attach(panel: vscode.WebviewPanel, services: Services): Promise<LabPanel> {
    LabPanel.current?.dispose();
    const lab = new LabPanel(panel, services);
    LabPanel.current = lab;
    panel.webview.options = LabPanel.webviewOptions(services.extensionUri);
    panel.iconPath = {
      light: vscode.Uri.joinPath(services.extensionUri, 'media', 'lab-light.svg'),
      dark: vscode.Uri.joinPath(services.extensionUri, 'media', 'lab-dark.svg'),
    };
    panel.webview.html = await lab.html();
    return lab;
  }

  private runAll(): void {
    if (this.ready) this.post({ type: 'lab/runAll' });
    else this.pendingRunAll = true;
  }

  private post(message: ExtensionToLabMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    if (!isLabToExtensionMessage(raw)) {
      this.services.log.warn('Lab: ignored a malformed message from the page');
      return;
    }
    const message: LabToExtensionMessage = raw;
    switch (message.type) {
      case 'lab/ready':
        this.ready = true;
        if (this.pendingRunAll) {
          this.pendingRunAll = false;
          this.post({ type: 'lab/runAll' });
        }
        break;
      case 'lab/openTerm':
        void vscode.commands.executeCommand('mlLens.glossary.openTerm', { id: message.id }).then(undefined, (err: unknown) =>
          this.services.log.error(`Lab: could not open term ${message.id}`, err),
        );
        break;
      case 'lab/log':
        this.services.log[message.level](`Lab: ${message.message}`);
        break;
    }
  }

  private async html(): Promise<string> {
    const webview = this.panel.webview;
    const root = this.services.extensionUri;
    const dist = vscode.Uri.joinPath(root, 'dist', 'webview');
    const present = await Promise.all(WASM_FILES.map((f) => exists(vscode.Uri.joinPath(dist, f))));
    const config: LabBootConfig = {};
    if (present.every(Boolean)) config.wasmBase = `${webview.asWebviewUri(dist).toString()}/`;
    else this.services.log.warn('Lab: tfjs wasm binaries are missing from dist/webview; the lab runs on the slower cpu backend');
    return webviewPageHtml({
      webview,
      lang: vscode.env.language,
      title: vscode.l10n.t('Pre-training Lab'),
      script: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'lab.js')),
      style: webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', 'lab.css')),
      scriptSources: config.wasmBase ? ["'wasm-unsafe-eval'"] : [],
      connectToResources: true,
      body: `<main id="lab-root" class="lab" data-state="idle" data-config="${escapeHtml(JSON.stringify(config))}"${l10nAttribute()}>
<p class="lab-loading">${escapeHtml(vscode.l10n.t('Loading the pre-training lab…'))}</p>
</main>`,
    });
  }

  dispose(): void {
    if (LabPanel.current === this) LabPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

/** Registers "ML Lens: Open Pre-training Lab" and restores the lab panel across reloads. */
export function registerLab(_context: vscode.ExtensionContext, services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mlLens.lab.open', (arg?: unknown) => LabPanel.open(services, parseOpenArgs(arg))),
    vscode.window.registerWebviewPanelSerializer(LAB_VIEW_TYPE, {
      // The page restores its own parameters and results from its saved state.
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
        await LabPanel.attach(panel, services);
      },
    }),
    { dispose: () => LabPanel.current?.dispose() },
  ];
}
