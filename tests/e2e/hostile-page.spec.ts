import type { Page } from '@playwright/test';
import { expect, openExtensionPage, readFixture, readJsonFixture, stateOf, test } from './extension';
import { inStrip } from './shadow-controls';
import { LIMITS } from '../../lib/messaging/limits';

/*
 * A page we do not control (an XSS on huggingface.co, a buggy or compromised site script) attacks the content script
 * the way the issue describes: forges a card for a paper the user saved, tagged and annotated elsewhere, reads every
 * element, attribute and open shadow root, fires untrusted events of every kind at every control it can find, and
 * floods the grid with 20,000 forged cards. Nothing private may be readable and nothing may change.
 */

interface ManifestEntry {
  url: string;
  ids: string[];
}
const manifest = readJsonFixture<Record<string, ManifestEntry>>('hf/manifest.json');
const daily = manifest['daily-2026-10-02.html'];
const HOSTILE_URL = 'https://huggingface.co/papers/date/2026-10-05';
const TAG = 'job-hunt';
const NOTE = 'Confidential: ask Prof. Moriarty about the offer';
const FLOOD = 20_000;

interface AttackReport {
  text: string;
  shadowRootsOpen: number;
  eventsFired: number;
  elementsWalked: number;
}

/** Runs in the page's own world, as any site script would. */
function attack({ target, flood }: { target: string; flood: number }): Promise<AttackReport> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const grid = document.querySelector('div[data-target="DailyPapers"] article')!.parentElement!;
  return (async () => {
    const forged = document.createElement('article');
    forged.innerHTML = `<h3><a href="/papers/${target}">Forged title</a></h3><a href="/papers/${target}"><p>${'A much longer forged abstract that should replace the real one. '.repeat(20)}</p></a>`;
    grid.prepend(forged);
    forged.scrollIntoView();
    await sleep(2_000);

    const seen: string[] = [];
    let shadowRootsOpen = 0;
    let elementsWalked = 0;
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        elementsWalked += 1;
        seen.push(element.textContent ?? '');
        for (const attribute of element.attributes) seen.push(`${attribute.name}=${attribute.value}`);
        if (element.shadowRoot) {
          shadowRootsOpen += 1;
          walk(element.shadowRoot);
        }
      }
    };
    walk(document);
    seen.push(document.documentElement.outerHTML);

    const types = ['click', 'dblclick', 'auxclick', 'contextmenu', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'submit', 'focus', 'focusin', 'paste'];
    let eventsFired = 0;
    const targets = [...document.querySelectorAll('shelfmark-controls, shelfmark-bar, article, article *, body')];
    for (const element of targets) {
      for (const type of types) {
        const event = type.startsWith('key')
          ? new KeyboardEvent(type, { key: 'Enter', bubbles: true, composed: true, cancelable: true })
          : type.startsWith('mouse') || type.includes('click')
            ? new MouseEvent(type, { bubbles: true, composed: true, cancelable: true })
            : new Event(type, { bubbles: true, composed: true, cancelable: true });
        element.dispatchEvent(event);
        eventsFired += 1;
      }
      (element as HTMLElement).click?.();
      (element as HTMLElement).focus?.();
    }
    for (const key of ['s', 'x', 't', 'n', 'u', 'Enter', 'Backspace']) {
      document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      eventsFired += 1;
    }

    const cards = document.createDocumentFragment();
    for (let n = 0; n < flood; n++) {
      const id = `2601.${String(n).padStart(5, '0')}`;
      const article = document.createElement('article');
      article.innerHTML = `<h3><a href="/papers/${id}">Forged paper ${n}</a></h3>`;
      cards.append(article);
    }
    grid.append(cards);
    await sleep(6_000);
    walk(document);
    return { text: seen.join('\n'), shadowRootsOpen, eventsFired, elementsWalked };
  })();
}

async function ask<T>(extensionPage: Page, type: string, payload: unknown): Promise<T> {
  const answer = await extensionPage.evaluate(
    ([type, payload]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: unknown; error?: string }> } } }).chrome.runtime.sendMessage({ shelfmark: 'request', type, payload }),
    [type, payload] as const,
  );
  if (!answer.ok) throw new Error(answer.error);
  return answer.value as T;
}

test('a hostile page can neither read nor steer the library', async ({ context, extensionId, server }) => {
  test.setTimeout(180_000);
  server.serve(daily.url, 'hf/daily-2026-10-02.html');
  server.serveHtml(HOSTILE_URL, readFixture('hf/daily-2026-10-02.html'));
  const [savedId, otherId] = daily.ids.map((id) => `arxiv:${id}`);

  // The user's own work, on another page.
  const page = await context.newPage();
  await page.goto(daily.url);
  await expect(page.locator('[data-shelfmark-id] shelfmark-controls')).toHaveCount(daily.ids.length);
  const controls = inStrip(page, savedId);
  await controls.button('Save').click();
  await expect.poll(() => stateOf(page, savedId)).toContain('saved');
  await controls.button('Tag').click();
  await controls.combobox('New tag').fill(TAG);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect.poll(() => controls.labelled('Tags').text()).toBe(TAG);
  await controls.button('Note').click();
  await controls.textbox('Note').fill(NOTE);
  await controls.button('Save note').click();
  await expect.poll(() => controls.labelled('Note').text()).toBe(NOTE);
  await inStrip(page, otherId).button('Hide').click();
  await expect.poll(() => stateOf(page, otherId)).toContain('dismissed');

  const extension = await openExtensionPage(context, extensionId, 'options.html');
  const settingsBefore = await ask(extension, 'settings/get', {});
  const statsBefore = await ask<{ saved: number; tagged: number; dismissed: number; seen: number }>(extension, 'library/stats', {});
  const recordBefore = await ask<Record<string, unknown>>(extension, 'paper/get', { id: savedId });

  // The attack.
  const hostile = await context.newPage();
  await hostile.goto(HOSTILE_URL);
  await expect(hostile.locator('[data-shelfmark-id] shelfmark-controls')).toHaveCount(daily.ids.length);
  const report = await hostile.evaluate(attack, { target: savedId.slice('arxiv:'.length), flood: FLOOD });
  expect(report.elementsWalked).toBeGreaterThan(FLOOD);
  expect(report.eventsFired).toBeGreaterThan(1_000);
  expect(report.shadowRootsOpen).toBe(0);
  expect(report.text).not.toContain(TAG);
  expect(report.text).not.toContain('Moriarty');
  // The forged card is recognised as the saved paper: the page may infer that much from the layout.
  expect(await hostile.locator(`article[data-shelfmark-id="${savedId}"]`).first().getAttribute('data-shelfmark-state')).toContain('saved');

  // Nothing changed: settings, the papers the user annotated, what the library holds about them.
  expect(await ask(extension, 'settings/get', {})).toEqual(settingsBefore);
  const statsAfter = await ask<typeof statsBefore>(extension, 'library/stats', {});
  expect({ ...statsAfter, seen: 0 }).toEqual({ ...statsBefore, seen: 0 });
  // The flood: at most one page view's worth of papers was recorded.
  expect(statsAfter.seen - statsBefore.seen).toBeLessThanOrEqual(LIMITS.papersPerView);
  const recordAfter = await ask<Record<string, unknown>>(extension, 'paper/get', { id: savedId });
  for (const field of ['title', 'abstract', 'authors', 'tags', 'note', 'savedAt', 'dismissedAt']) {
    expect(recordAfter[field], field).toEqual(recordBefore[field]);
  }

  // The user's real clicks still work on the attacked page.
  const flooded = 'arxiv:2601.00003';
  await inStrip(hostile, flooded).button('Save').click();
  await expect.poll(() => stateOf(hostile, flooded)).toContain('saved');
  expect((await ask<{ saved: number }>(extension, 'library/stats', {})).saved).toBe(statsBefore.saved + 1);
});
