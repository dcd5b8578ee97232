import * as vscode from 'vscode';
import { dayKey } from '../core/progressState';
import { reviewTermOfTheDay } from '../core/review/session';
import { termTagline } from '../core/glossaryTreeModel';
import { LEVELS, type Level, type TermId } from '../core/types';
import { FileTermsView } from './fileTermsView';
import { pickTerm } from './glossarySearch';
import { GlossaryTree } from './glossaryTree';
import type { LearningProgress } from './progress';
import { registerReview } from './review';
import { ReviewState } from './reviewState';
import type { Services } from './services';
import { TermPanels } from './termPanel';

/** Scheme of the read-only sample file the walkthrough opens. */
export const SAMPLE_SCHEME = 'mllens-sample';
const SAMPLE_FILE = 'train_finetune.py';
const DAY_KEY = 'mlLens.termOfTheDay';

/**
 * The term id in a command argument: `{ id }` (hover links, the page), a tree row
 * (`{ kind: 'term', id }`), a "Terms in this File" row (`{ term: { id } }`) or a plain string.
 */
export function termIdOf(arg: unknown): TermId | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as { id?: unknown; kind?: unknown; term?: { id?: unknown } };
  if (a.kind === 'category') return undefined;
  if (typeof a.id === 'string') return a.id;
  if (typeof a.term?.id === 'string') return a.term.id;
  return undefined;
}

/** The glossary UI: Glossary and "Terms in this File" views, term pages, search and progress. */
export interface GlossaryUi {
  progress: LearningProgress;
  tree: GlossaryTree;
  fileTerms: FileTermsView;
  pages: TermPanels;
  review: ReviewState;
}

/** Registers the glossary's views, term pages, commands and walkthrough support. */
export function registerGlossaryCommands(context: vscode.ExtensionContext, services: Services): vscode.Disposable[] {
  const progress = services.progress;
  const review = new ReviewState(context.globalState, () => services.glossary.index);
  const tree = new GlossaryTree(services, progress, context.globalState);
  const fileTerms = new FileTermsView(services, progress);
  const search = async (arg?: unknown): Promise<TermId | undefined> => {
    const query = typeof arg === 'object' && arg !== null && typeof (arg as { query?: unknown }).query === 'string' ? (arg as { query: string }).query : '';
    const id = await pickTerm(services, progress, query);
    if (!id) return undefined;
    await pages.open(id);
    await tree.reveal(id);
    return id;
  };
  const pages: TermPanels = new TermPanels(services, progress, {
    reveal: (id) => tree.reveal(id, { focus: true }),
    search: () => search(),
  });
  const ui: GlossaryUi = { progress, tree, fileTerms, pages, review };

  /** The term a command is about: its argument, else the open page's term, else the tree selection. */
  const target = (arg: unknown): TermId | undefined => termIdOf(arg) ?? pages.current ?? tree.selection()[0];

  const openTerm = async (arg: unknown): Promise<boolean> => {
    const id = termIdOf(arg);
    const index = services.glossary.index;
    if (id && index.get(id)) return pages.open(id);
    const guess = id ? index.lookup(id) : undefined;
    if (guess) return pages.open(guess.id);
    const suggestions = id ? index.suggest(id).map((t) => t.title) : [];
    void vscode.window.showWarningMessage(
      suggestions.length
        ? vscode.l10n.t('ML Lens: no glossary entry "{0}". Did you mean {1}?', String(id ?? ''), suggestions.join(', '))
        : vscode.l10n.t('ML Lens: no glossary entry "{0}".', String(id ?? '')),
    );
    return false;
  };

  const setLearned = async (arg: unknown, learned: boolean): Promise<boolean> => {
    const id = target(arg);
    if (!id || !services.glossary.index.get(id)) return false;
    await progress.setLearned(id, learned);
    return true;
  };

  /**
   * "Filter by Level…": picks the levels the Glossary view shows. An argument (`{ levels: [...] }`,
   * from tests and links) sets them without asking; an empty list shows every level.
   */
  const filterLevel = async (arg: unknown): Promise<readonly Level[] | undefined> => {
    const given = typeof arg === 'object' && arg !== null ? (arg as { levels?: unknown }).levels : undefined;
    let levels: Level[] | undefined = Array.isArray(given) ? LEVELS.filter((l) => given.includes(l)) : undefined;
    if (!levels) {
      const shown = tree.provider.levels;
      const counts = new Map<Level, number>();
      for (const t of services.glossary.index.terms) if (t.level) counts.set(t.level, (counts.get(t.level) ?? 0) + 1);
      const picked = await vscode.window.showQuickPick(
        LEVELS.map((l) => ({ label: levelTitle(l), description: vscode.l10n.t('{0} terms', counts.get(l) ?? 0), level: l, picked: !shown || shown.has(l) })),
        { canPickMany: true, title: vscode.l10n.t('Show glossary terms at these levels'), placeHolder: vscode.l10n.t('Pick one or more levels') },
      );
      if (!picked) return undefined;
      levels = picked.map((p) => p.level);
    }
    await tree.setLevels(levels);
    return levels;
  };

  const command = (id: string, fn: (...args: unknown[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, fn);

  return [
    tree,
    fileTerms,
    pages,
    vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) progress.reload();
    }),
    vscode.workspace.registerTextDocumentContentProvider(SAMPLE_SCHEME, {
      provideTextDocumentContent: async (uri) => {
        const name = uri.path.replace(/^\//, '');
        if (name !== SAMPLE_FILE) return '';
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(services.extensionUri, 'samples', SAMPLE_FILE));
        return new TextDecoder().decode(bytes);
      },
    }),

    command('mlLens.glossary.openTerm', (arg) => openTerm(arg)),
    command('mlLens.glossary.showRelated', async (arg) => {
      const id = termIdOf(arg);
      return id ? tree.showRelated(id) : false;
    }),
    command('mlLens.glossary.search', (arg) => search(arg)),
    command('mlLens.glossary.revealTerm', async (arg) => {
      const id = target(arg);
      return id ? tree.reveal(id, { focus: true }) : false;
    }),
    command('mlLens.glossary.showUnlearned', () => tree.setUnlearnedOnly(true)),
    command('mlLens.glossary.showAll', () => tree.setUnlearnedOnly(false)),
    command('mlLens.glossary.clearFilter', () => tree.clearRelated()),
    command('mlLens.glossary.filterLevel', (arg) => filterLevel(arg)),
    command('mlLens.glossary.markLearned', (arg) => setLearned(arg, true)),
    command('mlLens.glossary.markUnlearned', (arg) => setLearned(arg, false)),
    command('mlLens.glossary.resetProgress', async () => {
      const learned = progress.learnedIds().size;
      const seen = progress.seenIds().length;
      if (!learned && !seen) {
        void vscode.window.showInformationMessage(vscode.l10n.t('ML Lens: there is no learning progress to reset.'));
        return false;
      }
      const resetButton = vscode.l10n.t('Reset Progress');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Reset your ML Lens learning progress?'),
        {
          modal: true,
          detail:
            seen === 1
              ? vscode.l10n.t('This forgets {0} learned and 1 viewed term on every device that syncs your settings. It cannot be undone.', learned)
              : vscode.l10n.t('This forgets {0} learned and {1} viewed terms on every device that syncs your settings. It cannot be undone.', learned, seen),
        },
        resetButton,
      );
      if (answer !== resetButton) return false;
      await progress.reset();
      void vscode.window.showInformationMessage(vscode.l10n.t('ML Lens: learning progress reset.'));
      return true;
    }),
    command('mlLens.glossary.termOfTheDay', async () => {
      const id = dailyTerm(context, services, progress, review);
      return id ? pages.open(id) : false;
    }),
    command('mlLens.fileTerms.nextOccurrence', async (arg) => {
      const id = termIdOf(arg);
      return id ? fileTerms.nextOccurrence(id) : false;
    }),
    command('mlLens.fileTerms.refresh', () => fileTerms.update()),
    command('mlLens.walkthrough.openSample', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: SAMPLE_SCHEME, path: `/${SAMPLE_FILE}` }));
      await vscode.window.showTextDocument(doc, { preview: false });
      return true;
    }),
    // Not in the Command Palette: a read-only snapshot of the views for automation and tests.
    command('mlLens.glossary.inspect', () => inspect(ui)),
    ...startupTermOfTheDay(context, services, progress, review, pages),
    ...registerReview(context, services, ui),
  ];
}

/** A level's name for a menu: `Beginner`, translated. */
function levelTitle(level: Level): string {
  switch (level) {
    case 'beginner': return vscode.l10n.t('Beginner');
    case 'intermediate': return vscode.l10n.t('Intermediate');
    case 'advanced': return vscode.l10n.t('Advanced');
  }
}

/** The day's term (due for review first, then newly met, then not learned), kept for the whole day once picked. */
function dailyTerm(context: vscode.ExtensionContext, services: Services, progress: LearningProgress, review: ReviewState): TermId | undefined {
  const today = dayKey(new Date());
  const index = services.glossary.index;
  const saved = context.globalState.get<{ day?: unknown; id?: unknown; shown?: unknown }>(DAY_KEY);
  if (saved && saved.day === today && typeof saved.id === 'string' && index.get(saved.id)) return saved.id;
  const id = reviewTermOfTheDay(review.inputs(), progress.learnedIds());
  if (id) void context.globalState.update(DAY_KEY, { day: today, id });
  return id;
}

/** With `mlLens.termOfTheDay.notify` on, offers the day's term once a day, a little after startup. */
function startupTermOfTheDay(context: vscode.ExtensionContext, services: Services, progress: LearningProgress, review: ReviewState, pages: TermPanels): vscode.Disposable[] {
  if (!vscode.workspace.getConfiguration('mlLens.termOfTheDay').get<boolean>('notify', false)) return [];
  const timer = setTimeout(async () => {
    const today = dayKey(new Date());
    const shownKey = `${DAY_KEY}.notified`;
    if (context.globalState.get<string>(shownKey) === today) return;
    const id = dailyTerm(context, services, progress, review);
    const term = id ? services.glossary.index.get(id) : undefined;
    if (!term) return;
    await context.globalState.update(shownKey, today);
    const open = vscode.l10n.t('Open');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Term of the day: {0}, {1}', term.title, termTagline(term, 100)), open, vscode.l10n.t('Not Now'));
    if (choice === open) await pages.open(term.id);
  }, 8000);
  return [{ dispose: () => clearTimeout(timer) }];
}

/** A plain-data snapshot of the Glossary view, "Terms in this File", the term page and progress. */
async function inspect(ui: GlossaryUi): Promise<unknown> {
  const plain = (t: string | vscode.MarkdownString | undefined): string | undefined => (typeof t === 'string' ? t : t?.value);
  const label = (l: string | vscode.TreeItemLabel | undefined): string => (typeof l === 'string' ? l : l?.label ?? '');
  const icon = (i: vscode.TreeItem['iconPath']): string | undefined => (i instanceof vscode.ThemeIcon ? i.id : undefined);
  const provider = ui.tree.provider;
  const categories = [];
  for (const node of provider.getChildren()) {
    const item = provider.getTreeItem(node);
    const terms = provider.getChildren(node).map((child) => {
      const t = provider.getTreeItem(child);
      return {
        id: child.id,
        label: label(t.label),
        description: typeof t.description === 'string' ? t.description : undefined,
        tooltip: plain(t.tooltip as string | vscode.MarkdownString | undefined),
        icon: icon(t.iconPath),
        contextValue: t.contextValue,
        command: t.command ? { command: t.command.command, arguments: t.command.arguments } : undefined,
      };
    });
    categories.push({ id: node.id, label: label(item.label), description: typeof item.description === 'string' ? item.description : undefined, terms });
  }
  const fp = ui.fileTerms.provider;
  return {
    glossary: {
      visible: ui.tree.view.visible,
      description: ui.tree.view.description,
      message: ui.tree.view.message,
      unlearnedOnly: provider.unlearnedOnly,
      levels: provider.levels ? [...provider.levels] : undefined,
      related: provider.related?.id,
      selection: ui.tree.selection(),
      categories,
    },
    fileTerms: {
      state: fp.state,
      document: fp.target ? (fp.target.kind === 'text' ? fp.target.document.uri.toString() : fp.target.notebook.uri.toString()) : undefined,
      entries: fp.getChildren().map((e) => {
        const t = fp.getTreeItem(e);
        return { id: e.term.id, label: label(t.label), description: t.description, count: e.places.length };
      }),
    },
    termPage: ui.pages.describe(),
    progress: { learned: [...ui.progress.learnedIds()], seen: ui.progress.seenIds() },
  };
}
