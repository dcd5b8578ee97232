// The review page: shows one card at a time, sent by the extension, and sends back the grade.
// Everything works from the keyboard: Space/Enter reveals, 1–4 grades or picks, Enter continues.
import {
  isExtensionToReviewMessage,
  parseReviewStrings,
  type ExtensionToReviewMessage,
  type ReviewCardView,
  type ReviewToExtensionMessage,
} from '../../shared/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('review') as HTMLElement;
const strings = parseReviewStrings(root.dataset.strings);

const ENGLISH: Record<string, string> = {
  again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy', reveal: 'Show answer',
  revealHint: 'Recall what it means, then press Space or Enter to check.',
  gradeHint: 'How well did you recall it? Press 1 to 4.', chooseHint: 'Which term has this definition? Press 1 to 4.',
  keyIdea: 'Key idea', metIn: 'Met in {0}', fresh: 'New', review: 'Review', progress: 'Card {0} of {1}',
  correct: 'Correct: {0}', wrong: 'Not quite: the answer is {0}', next: 'Continue', openTerm: 'Open term page',
  doneTitle: 'Session complete', doneReviewed: 'You reviewed {0} cards.', doneLearned: 'Now learned: {0}',
  doneWaiting: '{0} more cards are waiting.', doneNothing: 'Nothing is due.', close: 'Close', options: 'Answers', loading: 'Loading…',
};

/** A label, with `{0}`, `{1}` filled in. */
function label(key: string, ...args: Array<string | number>): string {
  const s = strings[key] ?? ENGLISH[key] ?? key;
  return s.replace(/\{(\d)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

function post(message: ReviewToExtensionMessage): void {
  vscode.postMessage(message);
}

type Child = Node | string | undefined | false | null;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== undefined && c !== false && c !== null) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

const GRADES: Array<{ rating: 1 | 2 | 3 | 4; key: string }> = [
  { rating: 1, key: 'again' },
  { rating: 2, key: 'hard' },
  { rating: 3, key: 'good' },
  { rating: 4, key: 'easy' },
];

/** Where the page is: a recall card before or after reveal, a choice card before or after the pick, done. */
type Phase = { kind: 'loading' } | { kind: 'recall'; card: ReviewCardView; revealed: boolean } | { kind: 'choice'; card: ReviewCardView; chosen?: string } | { kind: 'done' };
let phase: Phase = { kind: 'loading' };
/** An answer was sent; keys wait for the next card. */
let pending = false;

function header(card: ReviewCardView, index: number, total: number): HTMLElement {
  return h('header', { class: 'bar' },
    h('span', { class: 'progress' }, label('progress', index + 1, total)),
    h('span', { class: `chip ${card.fresh ? 'fresh' : 'again'}` }, card.fresh ? label('fresh') : label('review')),
  );
}

function where(card: ReviewCardView): HTMLElement | undefined {
  if (!card.where) return undefined;
  return h('figure', { class: 'where' },
    h('figcaption', {}, label('metIn', card.where.file)),
    card.where.line ? h('pre', {}, h('code', {}, card.where.line)) : undefined,
  );
}

function answerBlock(card: ReviewCardView): HTMLElement {
  const open = h('button', { type: 'button', class: 'link', 'data-open': card.id }, label('openTerm'));
  open.addEventListener('click', () => post({ type: 'review/openTerm', id: card.id }));
  return h('div', { class: 'answer', role: 'region', 'aria-label': card.title, 'aria-live': 'polite' },
    card.summary ? h('p', { class: 'summary' }, card.summary) : undefined,
    card.keyIdea ? h('h2', {}, label('keyIdea')) : undefined,
    card.keyIdea ? h('p', { class: 'key-idea' }, card.keyIdea) : undefined,
    open,
  );
}

function grade(rating: 1 | 2 | 3 | 4): void {
  if (phase.kind !== 'recall' || !phase.revealed || pending) return;
  pending = true;
  root.setAttribute('aria-busy', 'true');
  post({ type: 'review/grade', id: phase.card.id, rating });
}

function reveal(): void {
  if (phase.kind !== 'recall' || phase.revealed) return;
  phase = { ...phase, revealed: true };
  const section = root.querySelector('section.card') as HTMLElement;
  section.querySelector('.reveal-row')?.remove();
  const buttons = GRADES.map((g) => {
    const b = h('button', { type: 'button', class: `grade grade-${g.key}`, 'data-rating': String(g.rating), 'aria-keyshortcuts': String(g.rating) },
      h('kbd', { 'aria-hidden': 'true' }, String(g.rating)), ' ', label(g.key));
    b.addEventListener('click', () => grade(g.rating));
    return b;
  });
  section.append(
    answerBlock(phase.card),
    h('p', { class: 'hint', id: 'grade-hint' }, label('gradeHint')),
    h('div', { class: 'grades', role: 'group', 'aria-labelledby': 'grade-hint' }, ...buttons),
  );
  buttons[2].focus();
}

function choose(id: string): void {
  if (phase.kind !== 'choice' || phase.chosen || pending) return;
  const card = phase.card;
  phase = { ...phase, chosen: id };
  const answer = card.options?.find((o) => o.id === card.id)?.title ?? card.title;
  const right = id === card.id;
  for (const b of Array.from(root.querySelectorAll<HTMLButtonElement>('button.option'))) {
    b.setAttribute('aria-disabled', 'true');
    if (b.dataset.id === card.id) b.classList.add('right');
    else if (b.dataset.id === id) b.classList.add('wrong');
  }
  const next = h('button', { type: 'button', class: 'primary next' }, label('next'));
  next.addEventListener('click', () => sendChoice());
  const section = root.querySelector('section.card') as HTMLElement;
  section.append(
    h('p', { class: `feedback ${right ? 'right' : 'wrong'}`, role: 'status' }, right ? label('correct', answer) : label('wrong', answer)),
    // The definition is already on the card: the answer adds the key idea.
    answerBlock({ ...card, summary: '' }),
    next,
  );
  next.focus();
}

function sendChoice(): void {
  if (phase.kind !== 'choice' || !phase.chosen || pending) return;
  pending = true;
  root.setAttribute('aria-busy', 'true');
  post({ type: 'review/choose', id: phase.card.id, chosen: phase.chosen });
}

function renderCard(card: ReviewCardView, index: number, total: number): void {
  pending = false;
  root.replaceChildren();
  root.dataset.card = card.id;
  root.dataset.kind = card.kind;
  if (card.kind === 'recall') {
    phase = { kind: 'recall', card, revealed: false };
    const title = h('h1', { id: 'card-title', tabindex: '-1' }, card.title);
    const btn = h('button', { type: 'button', class: 'primary reveal', 'aria-keyshortcuts': 'Space Enter', 'aria-describedby': 'reveal-hint' }, label('reveal'));
    btn.addEventListener('click', () => reveal());
    root.append(
      header(card, index, total),
      h('section', { class: 'card', 'aria-labelledby': 'card-title' },
        title,
        where(card),
        h('div', { class: 'reveal-row' }, h('p', { class: 'hint', id: 'reveal-hint' }, label('revealHint')), btn),
      ),
    );
    title.focus();
  } else {
    phase = { kind: 'choice', card };
    const definition = h('p', { id: 'card-title', class: 'definition', tabindex: '-1' }, card.summary);
    const options = (card.options ?? []).map((o, i) => {
      const b = h('button', { type: 'button', class: 'option', 'data-id': o.id, 'aria-keyshortcuts': String(i + 1) }, h('kbd', { 'aria-hidden': 'true' }, String(i + 1)), ' ', o.title);
      b.addEventListener('click', () => choose(o.id));
      return b;
    });
    root.append(
      header(card, index, total),
      h('section', { class: 'card', 'aria-labelledby': 'card-title' },
        definition,
        h('p', { class: 'hint', id: 'choose-hint' }, label('chooseHint')),
        h('div', { class: 'options', role: 'group', 'aria-label': label('options'), 'aria-describedby': 'choose-hint' }, ...options),
      ),
    );
    definition.focus();
  }
  root.removeAttribute('aria-busy');
}

function renderDone(msg: Extract<ExtensionToReviewMessage, { type: 'review/done' }>): void {
  phase = { kind: 'done' };
  pending = false;
  root.replaceChildren();
  delete root.dataset.card;
  root.dataset.kind = 'done';
  const title = h('h1', { tabindex: '-1' }, label('doneTitle'));
  const close = h('button', { type: 'button', class: 'primary close' }, label('close'));
  close.addEventListener('click', () => post({ type: 'review/close' }));
  root.append(
    h('section', { class: 'card done' },
      title,
      h('p', {}, msg.reviewed ? label('doneReviewed', msg.reviewed) : label('doneNothing')),
      msg.learned.length ? h('p', { class: 'learned' }, label('doneLearned', msg.learned.join(', '))) : undefined,
      msg.waiting ? h('p', {}, label('doneWaiting', msg.waiting)) : undefined,
      close,
    ),
  );
  root.removeAttribute('aria-busy');
  title.focus();
}

document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const onButton = e.target instanceof HTMLButtonElement;
  const activate = e.key === 'Enter' || e.key === ' ';
  const digit = /^[1-4]$/.test(e.key) ? Number(e.key) : 0;
  if (phase.kind === 'recall') {
    if (!phase.revealed && activate && !onButton) {
      e.preventDefault();
      reveal();
    } else if (phase.revealed && digit) {
      e.preventDefault();
      grade(digit as 1 | 2 | 3 | 4);
    }
  } else if (phase.kind === 'choice') {
    if (!phase.chosen && digit) {
      const option = phase.card.options?.[digit - 1];
      if (option) {
        e.preventDefault();
        choose(option.id);
      }
    } else if (phase.chosen && activate && !onButton) {
      e.preventDefault();
      sendChoice();
    }
  }
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isExtensionToReviewMessage(msg)) return;
  if (msg.type === 'review/card') renderCard(msg.card, msg.index, msg.total);
  else renderDone(msg);
});

post({ type: 'review/ready' });
