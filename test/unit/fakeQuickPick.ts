// A stand-in for the parts of the `vscode` module that the glossary search uses, so that its Quick
// Pick can be driven in plain Node. The fake Quick Pick shows its rows the way VS Code's does: with
// text typed and `sortByLabel` left on (VS Code's default), every row whose label fuzzy-matches
// the text moves to the top, sorted by label (prefix matches first, then alphabetically), and
// separators disappear; with `sortByLabel` off, the rows keep their order.
import { english } from '../../src/core/l10n';
import Module = require('module');

export interface FakeItem {
  label: string;
  kind?: number;
  description?: string;
  detail?: string;
  alwaysShow?: boolean;
  id?: string;
}

const SEPARATOR = -1;

export class FakeQuickPick {
  title = '';
  placeholder = '';
  value = '';
  matchOnDescription = true;
  matchOnDetail = true;
  sortByLabel = true;
  items: FakeItem[] = [];
  selectedItems: FakeItem[] = [];
  activeItems: FakeItem[] = [];
  visible = false;
  private readonly listeners = { value: [] as Array<(v: string) => void>, accept: [] as Array<() => void>, hide: [] as Array<() => void> };

  onDidChangeValue(f: (v: string) => void): void {
    this.listeners.value.push(f);
  }
  onDidAccept(f: () => void): void {
    this.listeners.accept.push(f);
  }
  onDidHide(f: () => void): void {
    this.listeners.hide.push(f);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    for (const f of this.listeners.hide) f();
  }
  dispose(): void {
    this.hide();
  }

  /** Types `text` into the input. */
  type(text: string): void {
    this.value = text;
    for (const f of this.listeners.value) f(text);
  }

  /** Presses Enter on the first row shown. */
  acceptFirst(): void {
    this.activeItems = this.shown().slice(0, 1);
    for (const f of this.listeners.accept) f();
  }

  /** The rows as the user sees them, separators as `── label`. */
  shown(): FakeItem[] {
    const query = this.value.trim().toLowerCase();
    if (!query) return this.items;
    const visible = this.items.filter((i) => i.kind === SEPARATOR || i.alwaysShow || labelMatches(query, i.label));
    if (!this.sortByLabel) return visible;
    const rows = visible.filter((i) => i.kind !== SEPARATOR);
    return rows
      .map((item, index) => ({ item, index, hit: labelMatches(query, item.label) }))
      .sort((a, b) => (a.hit === b.hit ? (a.hit ? compareLabels(a.item.label, b.item.label, query) : 0) || a.index - b.index : a.hit ? -1 : 1))
      .map((x) => x.item);
  }

  shownLabels(): string[] {
    return this.shown().map((i) => (i.kind === SEPARATOR ? `── ${i.label}` : i.label));
  }
}

/** VS Code's label filter: contiguous text, or the query's letters at word and camelCase starts. */
function labelMatches(query: string, label: string): boolean {
  const lower = label.toLowerCase();
  if (lower.includes(query)) return true;
  const anchor = (j: number): boolean => j === 0 || !/[a-z0-9]/i.test(label[j - 1]) || /[A-Z]/.test(label[j]);
  const from = (i: number, j: number): boolean => {
    if (i === query.length) return true;
    if (j >= label.length || lower[j] !== query[i]) return false;
    if (from(i + 1, j + 1)) return true;
    for (let k = j + 2; k < label.length; k++) if (anchor(k) && from(i + 1, k)) return true;
    return false;
  };
  for (let j = 0; j < label.length; j++) if (anchor(j) && from(0, j)) return true;
  return false;
}

/** VS Code's `compareAnything`: labels starting with the query first (shorter first), then ending with it, then by name. */
function compareLabels(a: string, b: string, query: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const px = x.startsWith(query);
  const py = y.startsWith(query);
  if (px !== py) return px ? -1 : 1;
  if (px && x.length !== y.length) return x.length - y.length;
  const sx = x.endsWith(query);
  const sy = y.endsWith(query);
  if (sx !== sy) return sx ? -1 : 1;
  return x.localeCompare(y);
}

/**
 * The fake `vscode` module; `quickPicks` collects every Quick Pick created, and `env.language` is
 * the display language (VS Code's `vscode.env.language`), English unless a test sets it.
 */
export function fakeVscode(): { module: unknown; quickPicks: FakeQuickPick[]; env: { language: string } } {
  const quickPicks: FakeQuickPick[] = [];
  const env = { language: 'en' };
  class ThemeIcon {
    constructor(readonly id: string) {}
  }
  const module = {
    ThemeIcon,
    QuickPickItemKind: { Separator: SEPARATOR, Default: 0 },
    env,
    // English, as VS Code's l10n.t is without a language pack.
    l10n: { t: english },
    window: {
      createQuickPick: () => {
        const qp = new FakeQuickPick();
        quickPicks.push(qp);
        return qp;
      },
    },
  };
  return { module, quickPicks, env };
}

/** Requires `path` with `require('vscode')` answered by `vscodeModule`. */
export function requireWithVscode<T>(path: string, vscodeModule: unknown): T {
  const m = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = m._load;
  m._load = function (request: string, parent: unknown, isMain: boolean) {
    return request === 'vscode' ? vscodeModule : load.call(this, request, parent, isMain);
  };
  try {
    return require(path) as T;
  } finally {
    m._load = load;
  }
}
