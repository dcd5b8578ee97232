import * as vscode from 'vscode';
import {
  buildGlossaryTree,
  levelFilter,
  overallProgress,
  progressLabel,
  relatedNeighbourhood,
  relationLabel,
  termRowText,
  termTagline,
  type CategoryGroup,
  type Neighbour,
} from '../core/glossaryTreeModel';
import type { Level, TermId, TermSummary } from '../core/types';
import { escapeMarkdown, levelList, levelName } from '../core/hoverMarkdown';
import { displaySummary } from '../core/localized';
import type { LearningProgress } from './progress';
import type { Services } from './services';

/** Id of the Glossary view. */
export const GLOSSARY_VIEW = 'mlLens.glossary';
const UNLEARNED_ONLY_KEY = 'mlLens.glossary.unlearnedOnly';
const LEVELS_KEY = 'mlLens.glossary.levels';

/** A row of the Glossary view. */
export type GlossaryNode = { kind: 'category'; id: string } | { kind: 'term'; id: TermId; category: string };

const CATEGORY_ICONS: Record<string, string> = {
  fundamentals: 'lightbulb',
  data: 'database',
  training: 'pulse',
  'building-blocks': 'extensions',
  architectures: 'type-hierarchy',
  nlp: 'comment-discussion',
  vision: 'eye',
  generative: 'sparkle',
  evaluation: 'graph',
  rl: 'game',
  classical: 'symbol-misc',
  'responsible-ai': 'shield',
  mlops: 'server-process',
};

/** The icon of a term row: learned, opened, or new. */
export function termIcon(learned: boolean, seen: boolean): vscode.ThemeIcon {
  if (learned) return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (seen) return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('descriptionForeground'));
  return new vscode.ThemeIcon('circle-large-outline');
}

/** How a learned term was learned: by review (stability past the threshold) or marked by hand. */
export type LearnedHow = 'review' | 'marked';

/** The words for how a term was learned, e.g. "learned (review)". */
export function learnedHowLabel(how: LearnedHow): string {
  return how === 'review' ? vscode.l10n.t('learned (review)') : vscode.l10n.t('learned (marked)');
}

/**
 * A term's tooltip: its short definition (as Markdown, untrusted, no HTML) and its state, in the
 * display language when the entry has it (with the English title beside a translated one).
 */
export function termTooltip(term: TermSummary, learned: boolean, seen: boolean, extra?: string, how?: LearnedHow, locale = vscode.env.language): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  const row = termRowText(term, locale);
  const title = `**${escapeMarkdown(row.label)}**${row.english ? ` (${escapeMarkdown(row.english)})` : ''}`;
  md.appendMarkdown(`${title}${term.level ? ` · *${levelName(term.level, vscode.l10n.t)}*` : ''}\n\n`);
  md.appendMarkdown(`${displaySummary(term, locale)}\n\n`);
  const state = learned ? `$(pass-filled) ${how ? learnedHowLabel(how) : vscode.l10n.t('Learned')}` : seen ? `$(eye) ${vscode.l10n.t('Viewed, not yet learned')}` : `$(circle-large-outline) ${vscode.l10n.t('Not yet learned')}`;
  md.appendMarkdown(`${state}${extra ? ` · ${escapeMarkdown(extra)}` : ''}`);
  return md;
}

/**
 * The Glossary view's data: categories (in the index's order, with `learned/total` progress)
 * and their terms sorted by title. Filters: "only unlearned" and "a term and its related terms".
 */
export class GlossaryTreeProvider implements vscode.TreeDataProvider<GlossaryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GlossaryNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: CategoryGroup[] | undefined;
  private readonly nodes = new Map<string, GlossaryNode>();
  /** The related-terms filter: the focal term and how each shown term relates to it. */
  related: { id: TermId; terms: Map<TermId, Neighbour> } | undefined;
  unlearnedOnly: boolean;
  /** The levels shown, or undefined for all. */
  levels: ReadonlySet<Level> | undefined;
  /** Terms shown despite the filters (the one just revealed). */
  readonly pinned = new Set<TermId>();
  /** How a learned term was learned, when review is on. */
  learnedHow: ((id: TermId) => LearnedHow | undefined) | undefined;

  constructor(private readonly services: Services, private readonly progress: LearningProgress, private readonly memento: vscode.Memento) {
    this.unlearnedOnly = memento.get<boolean>(UNLEARNED_ONLY_KEY, false);
    const saved = memento.get<unknown>(LEVELS_KEY);
    this.levels = levelFilter(Array.isArray(saved) ? saved : []);
  }

  /** The current category groups (built on demand). */
  model(): CategoryGroup[] {
    return (this.groups ??= buildGlossaryTree(this.services.glossary.index, this.progress.learnedIds(), {
      unlearnedOnly: this.unlearnedOnly,
      levels: this.levels,
      only: this.related ? new Set(this.related.terms.keys()) : undefined,
      pinned: this.pinned,
    }, vscode.l10n.t));
  }

  refresh(): void {
    this.groups = undefined;
    this.changed.fire();
  }

  async setUnlearnedOnly(on: boolean): Promise<void> {
    this.unlearnedOnly = on;
    this.pinned.clear();
    await this.memento.update(UNLEARNED_ONLY_KEY, on);
    this.refresh();
  }

  /** Shows only terms at these levels; none or all of them shows every term. */
  async setLevels(levels: readonly unknown[]): Promise<void> {
    this.levels = levelFilter(levels);
    this.pinned.clear();
    await this.memento.update(LEVELS_KEY, this.levels ? [...this.levels] : undefined);
    this.refresh();
  }

  setRelated(id: TermId | undefined): void {
    this.related = id ? { id, terms: relatedNeighbourhood(this.services.glossary.index, id) } : undefined;
    this.pinned.clear();
    this.refresh();
  }

  categoryNode(id: string): GlossaryNode {
    const key = `category:${id}`;
    let n = this.nodes.get(key);
    if (!n) this.nodes.set(key, (n = { kind: 'category', id }));
    return n;
  }

  termNode(id: TermId): GlossaryNode | undefined {
    const group = this.model().find((g) => g.terms.some((t) => t.id === id));
    if (!group) return undefined;
    const key = `term:${id}`;
    let n = this.nodes.get(key);
    if (!n || n.kind !== 'term' || n.category !== group.id) this.nodes.set(key, (n = { kind: 'term', id, category: group.id }));
    return n;
  }

  getChildren(node?: GlossaryNode): GlossaryNode[] {
    const groups = this.model();
    if (!node) return groups.map((g) => this.categoryNode(g.id));
    if (node.kind === 'term') return [];
    const group = groups.find((g) => g.id === node.id);
    return group ? group.terms.map((t) => this.termNode(t.id)).filter((n): n is GlossaryNode => !!n) : [];
  }

  getParent(node: GlossaryNode): GlossaryNode | undefined {
    return node.kind === 'term' ? this.categoryNode(node.category) : undefined;
  }

  getTreeItem(node: GlossaryNode): vscode.TreeItem {
    if (node.kind === 'category') {
      const group = this.model().find((g) => g.id === node.id);
      const item = new vscode.TreeItem(group?.title ?? node.id, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `category:${node.id}`;
      item.contextValue = 'category';
      item.iconPath = new vscode.ThemeIcon(CATEGORY_ICONS[node.id] ?? 'folder');
      if (group) {
        const learnedLabel = progressLabel(group.learned, group.total, vscode.l10n.t);
        item.description = this.related ? vscode.l10n.t('{0} related · {1}', group.terms.length, learnedLabel) : learnedLabel;
        item.tooltip = vscode.l10n.t('{0}: {1} terms, {2}', group.title, group.total, learnedLabel);
        item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} terms, {2} learned', group.title, group.total, group.learned) };
      }
      return item;
    }
    const term = this.services.glossary.index.get(node.id);
    const locale = vscode.env.language;
    const row = term ? termRowText(term, locale) : { label: node.id };
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `term:${node.id}`;
    if (!term) return item;
    const learned = this.progress.isLearned(term.id);
    const seen = this.progress.isSeen(term.id);
    const rel = this.related?.terms.get(term.id);
    const relText = rel && rel !== 'self' ? relationLabel(rel, vscode.l10n.t) : undefined;
    const how = learned ? this.learnedHow?.(term.id) : undefined;
    const level = (row.english ? `${row.english} · ` : '') + (term.level ? `${levelName(term.level, vscode.l10n.t)} · ` : '') + (how ? `${learnedHowLabel(how)} · ` : '');
    item.description = relText ? `${relText} · ${level}${termTagline(term, 60, locale)}` : level + termTagline(term, 80, locale);
    item.tooltip = termTooltip(term, learned, seen, relText, how);
    item.iconPath = rel === 'self' ? new vscode.ThemeIcon('target') : termIcon(learned, seen);
    item.contextValue = `term.${learned ? 'learned' : 'unlearned'}${term.lab ? '.lab' : ''}`;
    item.command = { command: 'mlLens.glossary.openTerm', title: vscode.l10n.t('Open Term Page'), arguments: [{ id: term.id }] };
    const a11y = [row.english ? `${row.label} (${row.english})` : row.label, term.level ? levelName(term.level, vscode.l10n.t) : undefined, how ? learnedHowLabel(how) : learned ? vscode.l10n.t('learned') : vscode.l10n.t('not learned'), relText];
    item.accessibilityInformation = { label: a11y.filter(Boolean).join(', ') };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** How often a reveal is tried, and the pause before a second try (longer before each next one). */
const REVEAL_ATTEMPTS = 4;
const REVEAL_RETRY_MS = 150;

/** The Glossary view: its TreeView, filters, reveal and the view's title/description/message. */
export class GlossaryTree implements vscode.Disposable {
  readonly provider: GlossaryTreeProvider;
  readonly view: vscode.TreeView<GlossaryNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services, private readonly progress: LearningProgress, memento: vscode.Memento) {
    this.provider = new GlossaryTreeProvider(services, progress, memento);
    this.view = vscode.window.createTreeView(GLOSSARY_VIEW, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.push(
      this.provider,
      this.view,
      progress.onDidChange(() => this.refresh()),
      services.glossary.onDidChange(() => {
        if (this.provider.related && !services.glossary.index.get(this.provider.related.id)) this.provider.setRelated(undefined);
        else if (this.provider.related) this.provider.setRelated(this.provider.related.id);
        this.refresh();
      }),
    );
    this.updateChrome();
  }

  refresh(): void {
    this.provider.refresh();
    this.updateChrome();
  }

  /** Title description, message and context keys that depend on the filters and progress. */
  private updateChrome(): void {
    const index = this.services.glossary.index;
    const all = overallProgress(index, this.progress.learnedIds());
    const related = this.provider.related;
    const focal = related ? index.get(related.id) : undefined;
    this.view.description = focal ? vscode.l10n.t('Related to {0}', focal.title) : all.total ? progressLabel(all.learned, all.total, vscode.l10n.t) : undefined;
    const shownTerms = this.provider.model().reduce((n, g) => n + g.terms.length, 0);
    let message: string | undefined;
    if (focal) message = vscode.l10n.t('{0} and {1} related terms. Clear the filter to see the whole glossary.', focal.title, Math.max(0, (related?.terms.size ?? 1) - 1));
    else if (shownTerms && (this.provider.unlearnedOnly || this.provider.levels)) {
      const levels = this.provider.levels ? levelList([...this.provider.levels], vscode.l10n.t) : undefined;
      if (levels && this.provider.unlearnedOnly) message = vscode.l10n.t('Showing the {0} terms at level {1} not yet learned.', shownTerms, levels);
      else if (levels) message = vscode.l10n.t('Showing the {0} terms at level {1}.', shownTerms, levels);
      else message = vscode.l10n.t('Showing the {0} terms not yet learned.', shownTerms);
    }
    this.view.message = message;
    let state = 'ready';
    if (!all.total) state = 'empty';
    else if (!shownTerms && this.provider.unlearnedOnly) state = 'allLearned';
    void vscode.commands.executeCommand('setContext', 'mlLens.glossary.state', state);
    void vscode.commands.executeCommand('setContext', 'mlLens.glossary.unlearnedOnly', this.provider.unlearnedOnly);
    void vscode.commands.executeCommand('setContext', 'mlLens.glossary.relatedFilter', !!related);
    void vscode.commands.executeCommand('setContext', 'mlLens.glossary.levelFilter', !!this.provider.levels);
  }

  async setLevels(levels: readonly unknown[]): Promise<void> {
    await this.provider.setLevels(levels);
    this.updateChrome();
  }

  async setUnlearnedOnly(on: boolean): Promise<void> {
    await this.provider.setUnlearnedOnly(on);
    this.updateChrome();
  }

  /**
   * Shows a term in the view and selects it. A term hidden by a filter is shown anyway (pinned);
   * a related filter that does not include it is cleared. Returns whether it was revealed.
   */
  async reveal(id: TermId, options: { focus?: boolean } = {}): Promise<boolean> {
    if (!this.services.glossary.index.get(id)) return false;
    if (this.provider.related && !this.provider.related.terms.has(id)) this.provider.setRelated(undefined);
    if (!this.provider.termNode(id)) {
      this.provider.pinned.add(id);
      this.refresh();
    }
    // A reveal that meets a refresh in flight (the page just opened updates progress) fails with
    // "No tree item with id …"; once the view has caught up, the same reveal succeeds.
    for (let attempt = 1; ; attempt++) {
      const node = this.provider.termNode(id);
      if (!node) return false;
      try {
        await this.view.reveal(node, { select: true, focus: options.focus ?? false, expand: true });
        return true;
      } catch (e) {
        if (attempt >= REVEAL_ATTEMPTS) {
          this.services.log.warn(`Could not reveal ${id} in the Glossary view: ${e instanceof Error ? e.message : String(e)}`);
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS * attempt));
      }
    }
  }

  /** Filters the view to a term and its related terms, expands their categories and selects the term. */
  async showRelated(id: TermId): Promise<boolean> {
    if (!this.services.glossary.index.get(id)) return false;
    this.provider.setRelated(id);
    this.updateChrome();
    const revealed = await this.reveal(id, { focus: true });
    for (const group of this.provider.model()) {
      try {
        await this.view.reveal(this.provider.categoryNode(group.id), { expand: true, select: false, focus: false });
      } catch {
        // the view may have been hidden meanwhile
      }
    }
    if (revealed) await this.reveal(id, { focus: true });
    return revealed;
  }

  clearRelated(): void {
    const focal = this.provider.related?.id;
    this.provider.setRelated(undefined);
    this.updateChrome();
    if (focal) void this.reveal(focal);
  }

  /** Term ids of the selected rows. */
  selection(): TermId[] {
    return this.view.selection.filter((n) => n.kind === 'term').map((n) => n.id);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
