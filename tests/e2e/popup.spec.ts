import { expect, openExtensionPage, stateOf, strip, test } from './extension';

const DAILY = 'https://huggingface.co/papers/date/2026-10-02';
const DIFFUSION = 'arxiv:2501.23354'; // "Decentralized Diffusion Models"
const ONE_BYTE = 'arxiv:2306.20968'; // "Just One Byte (per gradient): … Decentralized Language Model Finetuning …"
const PAPER_PAGE = 'https://huggingface.co/papers/2501.23354';

test('popup finds saved and seen papers, opens them and toggles save on the page', async ({ context, extensionId, server, consoleLog }) => {
  server.serve(DAILY, 'hf/daily-2026-10-02.html');
  server.serveHtml(PAPER_PAGE, '<!doctype html><title>Decentralized Diffusion Models</title><h1>Decentralized Diffusion Models</h1>');
  const page = await context.newPage();
  await page.goto(DAILY);
  await expect(strip(page, DIFFUSION).getByRole('button', { name: 'Save', exact: true })).toBeVisible();

  await strip(page, DIFFUSION).getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => stateOf(page, DIFFUSION)).toContain('saved');
  await strip(page, ONE_BYTE).getByRole('button', { name: 'Tag', exact: true }).click();
  const newTag = strip(page, ONE_BYTE).getByRole('combobox', { name: 'New tag' });
  await newTag.fill('lowbw');
  await newTag.press('Enter');

  const popup = await openExtensionPage(context, extensionId, 'popup.html');
  const box = popup.getByRole('combobox', { name: 'Search papers' });
  await expect(box).toBeFocused();
  const options = popup.getByRole('listbox').getByRole('option');
  await expect(options.first()).toContainText('Decentralized Diffusion Models');
  await expect(popup.getByRole('status')).toHaveText('Recently saved');

  await box.fill('decentralised diffusion');
  await expect(options.first()).toContainText('Decentralized Diffusion Models');
  await expect(options.first().locator('mark').first()).toHaveText('Decentralized');

  // Four papers on the page say "decentralized" in their title, three more only in their abstract: titles first.
  await box.fill('decentral');
  await expect(options).toHaveCount(7);
  await expect(options.first()).toContainText('Decentralized Diffusion Models');
  const titles = await popup.locator('.result-title').allTextContents();
  expect(titles.map((title) => /decentrali[sz]ed/i.test(title))).toEqual([true, true, true, true, false, false, false]);

  await box.fill('tag:lowbw');
  await expect(popup.getByRole('listitem').filter({ hasText: 'tag: lowbw' })).toBeVisible();
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Just One Byte');

  await box.fill('is:nonsense');
  await expect(popup.getByText('is:saved, is:seen or is:dismissed')).toBeVisible();

  await box.fill('diffusion is:saved');
  await expect(options).toHaveCount(1);
  await expect(box).toHaveAttribute('aria-activedescendant', 'result-0');
  const opened = context.waitForEvent('page');
  await box.press('Enter');
  await (await opened).waitForURL(PAPER_PAGE);

  await popup.bringToFront();
  await box.focus();
  await box.press('Alt+s');
  await expect(options.first().getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await expect.poll(() => stateOf(page, DIFFUSION)).not.toContain('saved');
  expect(consoleLog.errors).toEqual([]);
});
