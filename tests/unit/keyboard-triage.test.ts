// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CURRENT_ATTRIBUTE, startKeyboardTriage, type TriageCard } from '../../lib/page/keyboard-triage';

function cardFor(n: number): TriageCard & { root: HTMLElement } {
  const root = document.createElement('article');
  document.body.append(root);
  return {
    root,
    elements: [root],
    url: n === 2 ? 'javascript:alert(1)' : `https://arxiv.org/abs/2501.0000${n}`,
    saved: n === 1,
    dismissed: false,
    actions: {
      setSaved: vi.fn(async () => {}),
      setDismissed: vi.fn(async () => {}),
      addTag: vi.fn(async () => {}),
      removeTag: vi.fn(async () => {}),
      setNote: vi.fn(async () => {}),
      setRevealed: vi.fn(),
      tagSuggestions: async () => [],
    },
    strip: { update: vi.fn(), openEditor: vi.fn(), destroy: vi.fn(), isConnected: () => true },
  };
}

function press(key: string, { trusted = true, target = document.body as EventTarget, ctrlKey = false } = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ctrlKey });
  Object.defineProperty(event, 'isTrusted', { value: trusted });
  target.dispatchEvent(event);
  return event;
}

const controllers: AbortController[] = [];
afterEach(() => {
  controllers.splice(0).forEach((controller) => controller.abort());
  document.body.innerHTML = '';
});

function setup() {
  const cards = [cardFor(0), cardFor(1), cardFor(2)];
  const open = vi.fn();
  let help = false;
  const controller = new AbortController();
  controllers.push(controller);
  const triage = startKeyboardTriage(
    { doc: document, cards: () => cards, open, toggleHelp: (show) => (help = show ?? !help) },
    controller.signal,
  );
  return { cards, open, triage, help: () => help, controller };
}

describe('keyboard triage', () => {
  it('j and k move the ring from card to card, within the page', () => {
    const { cards, triage } = setup();
    press('j');
    expect(cards[0].root.hasAttribute(CURRENT_ATTRIBUTE)).toBe(true);
    press('j');
    press('j');
    press('j');
    expect(triage.current()).toBe(2);
    expect(cards[0].root.hasAttribute(CURRENT_ATTRIBUTE)).toBe(false);
    press('k');
    expect(triage.current()).toBe(1);
    expect(cards[1].root.hasAttribute(CURRENT_ATTRIBUTE)).toBe(true);
  });

  it('s, x, t, n and o act on the current card through its strip; u undoes the last action', () => {
    const { cards, open } = setup();
    press('j');
    press('j');
    press('s');
    expect(cards[1].actions.setSaved).toHaveBeenCalledWith(false);
    press('x');
    expect(cards[1].actions.setDismissed).toHaveBeenCalledWith(true);
    press('u');
    expect(cards[1].actions.setDismissed).toHaveBeenLastCalledWith(false);
    press('u');
    expect(cards[1].actions.setSaved).toHaveBeenLastCalledWith(true);
    press('t');
    expect(cards[1].strip.openEditor).toHaveBeenCalledWith('tags');
    press('n');
    expect(cards[1].strip.openEditor).toHaveBeenLastCalledWith('note');
    press('o');
    expect(open).toHaveBeenCalledWith('https://arxiv.org/abs/2501.00001');
    press('j');
    press('o');
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('? toggles the help and Esc closes it', () => {
    const { help } = setup();
    press('?');
    expect(help()).toBe(true);
    press('Escape');
    expect(help()).toBe(false);
  });

  it('ignores synthetic keys, modified keys, text fields and keys the site handled', () => {
    const { cards, triage } = setup();
    press('j', { trusted: false });
    press('j', { ctrlKey: true });
    const input = document.createElement('input');
    document.body.append(input);
    press('j', { target: input });
    document.addEventListener('keydown', (event) => event.key === 'j' && event.preventDefault(), { capture: true, once: true });
    press('j');
    expect(triage.current()).toBe(-1);
    expect(cards.some((card) => card.root.hasAttribute(CURRENT_ATTRIBUTE))).toBe(false);
  });

  it('stops with its signal and takes the ring away', () => {
    const { cards, triage, controller } = setup();
    press('j');
    controller.abort();
    expect(cards[0].root.hasAttribute(CURRENT_ATTRIBUTE)).toBe(false);
    press('j');
    expect(triage.current()).toBe(0);
  });
});
