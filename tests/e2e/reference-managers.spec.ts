import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readBibtexFile } from '../../lib/import/bibtex';
import { readCslJson } from '../../lib/import/csl-json';
import { readRis as importRis } from '../../lib/import/ris';
import { renderSearchPage, type FixtureEntry } from '../../scripts/fixtures/render-arxiv';
import { AWKWARD_TITLES, readBibWithBiber, readBibWithPython, readCsvWithPython, readRis } from '../helpers/export-readers';
import { startProtocolServer, type ProtocolServer } from '../zotero/protocol-server';
import { FIXTURES_DIR, expect, openExtensionPage, stateOf, test } from './extension';
import { inStrip } from './shadow-controls';

/*
 * Speaking the reference managers' language, in the shipped build: a real .bib with bad entries imported through
 * the reading list, exports of awkward titles read back by independent tools, Send to Zotero against a server that
 * answers as Zotero's connector does.
 */

const PAPERS_BIB = path.join(FIXTURES_DIR, 'bib-corpus/biber-papers.bib');
const n = (value: number) => value.toLocaleString('en');

async function openTransfer(context: BrowserContext, extensionId: string): Promise<Page> {
  const list = await openExtensionPage(context, extensionId, 'reading-list.html');
  await list.getByText('Export and import').click();
  return list;
}

test('a real 2,157-entry .bib with bad entries: preview, skipped list, Cancel writes nothing, Import writes the papers', async ({ context, extensionId, consoleLog }) => {
  test.setTimeout(180_000);
  // What the file holds, read by the same code in Node: the page must show these figures and write these papers.
  const expected = readBibtexFile(readFileSync(PAPERS_BIB, 'utf8'));
  const ids = new Set(expected.entries.map((entry) => entry.paper.id));
  expect(expected.skipped.length).toBeGreaterThan(0);

  const list = await openTransfer(context, extensionId);
  const input = list.locator('input[type=file]');
  const preview = list.locator('.import-preview');
  const summary = `biber-papers.bib: ${n(expected.total)} entries: ${n(ids.size)} papers`;

  // Declined: nothing written.
  await input.setInputFiles(PAPERS_BIB);
  await expect(preview).toContainText(summary, { timeout: 60_000 });
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(list.getByText('Import of biber-papers.bib cancelled: nothing was written.')).toBeVisible();
  await expect(list.getByText('No saved papers yet')).toBeVisible();

  // Again: the skipped entries are listed with key, line and reason, then confirmed.
  await input.setInputFiles(PAPERS_BIB);
  await expect(preview).toContainText(summary, { timeout: 60_000 });
  await expect(preview).toContainText(`${n(expected.skipped.length)} skipped, ${n(expected.warnings.length)} warnings.`);
  await preview.getByText('Show the skipped entries').click();
  const skipped = preview.locator('.import-skipped li');
  await expect(skipped).toHaveCount(expected.skipped.length);
  const [first] = expected.skipped;
  await expect(skipped.first()).toHaveText(`“${first.key}” (line ${first.line}): ${first.reason}`);
  await preview.getByText('Show the warnings').click();
  await expect(preview.getByText(/undefined @string/i).first()).toBeVisible();
  await preview.getByRole('button', { name: `Import ${n(ids.size)} papers` }).click();

  const report = list.locator('.import-report');
  await expect(report).toContainText('Imported biber-papers.bib', { timeout: 120_000 });
  await expect(report).toContainText(`${n(ids.size)} papers added`);
  await expect(list.getByText(`${n(ids.size)} saved papers`)).toBeVisible();
  // A paper from deep in the file, found by the list's filter; a skipped entry is not there.
  const sample = expected.entries[Math.floor(expected.entries.length * 0.9)].paper.title;
  await list.getByRole('searchbox').fill(sample);
  await expect(list.locator('.paper-row').first()).toContainText(sample);
  expect(consoleLog.errors).toEqual([]);
});

const DOI = '10.1000/awk#a%b';
const TAGS = ['a, b', 'c; d', 'plain'];
const ENTRIES: FixtureEntry[] = AWKWARD_TITLES.map((title, index) => ({
  arxivId: `2601.${String(10 + index).padStart(5, '0')}`,
  title,
  authors: index === 0 ? ['Martin Luther King Jr.', 'Anna van der Berg'] : ['Ada Lovelace'],
  abstract: `An abstract for the awkward title number ${index + 1}, long enough for the search page to cut it somewhere in the middle of a sentence.`,
  primary: 'cs.LG',
  secondaries: [],
  doi: index === 0 ? DOI : undefined,
}));
const SEARCH_URL = 'https://arxiv.org/search/?query=zzqx&searchtype=all&source=header';

test('exports of awkward titles saved on arXiv are read back whole by pybtex, bibtexparser, biber, RIS readers, csv and the import', async ({ context, extensionId, server, consoleLog }) => {
  test.setTimeout(180_000);
  server.serveHtml(SEARCH_URL, renderSearchPage('zzqx', ENTRIES));
  const site = await context.newPage();
  await site.goto(SEARCH_URL);
  const ids = ENTRIES.map((entry) => `arxiv:${entry.arxivId}`);
  for (const id of ids) {
    await inStrip(site, id).button('Save').click();
    await expect.poll(() => stateOf(site, id)).toContain('saved');
  }
  const first = inStrip(site, ids[0]);
  await first.button('Tag').click();
  const tagInput = first.combobox('New tag');
  for (const tag of TAGS) {
    await tagInput.fill(tag);
    await tagInput.press('Enter');
  }
  await tagInput.press('Escape');
  await expect.poll(() => first.labelled('Tags').text()).toContain('c; d');

  const list = await openTransfer(context, extensionId);
  await expect(list.getByText(`${AWKWARD_TITLES.length} saved papers`)).toBeVisible();
  const dir = mkdtempSync(path.join(tmpdir(), 'shelfmark-e2e-exports-'));
  const download = async (format: string): Promise<string> => {
    await list.getByLabel('Export format').selectOption(format);
    const [file] = await Promise.all([list.waitForEvent('download'), list.getByRole('button', { name: 'Download' }).click()]);
    const target = path.join(dir, file.suggestedFilename());
    await file.saveAs(target);
    return target;
  };
  // The reading list's order is its own; compare as sets keyed by title.
  const sorted = (values: readonly (string | undefined)[]) => [...values].map(String).sort();

  const bib = await download('bibtex');
  expect(bib).toMatch(/\.bib$/);
  const python = readBibWithPython(bib);
  expect(python.pybtex).toHaveLength(AWKWARD_TITLES.length);
  expect(python.bibtexparser).toHaveLength(AWKWARD_TITLES.length);
  expect(python.pybtex.filter((entry) => entry.doi).map((entry) => entry.doi)).toEqual([DOI]);
  const king = python.pybtex.find((entry) => entry.doi === DOI)!;
  expect(king.authors[0]).toEqual({ first: 'Martin Luther', last: 'King', lineage: 'Jr.' });
  expect(king.authors[1]).toEqual({ first: 'Anna', last: 'van der Berg', lineage: '' });
  const biber = readBibWithBiber(bib, dir);
  expect(biber.log).not.toMatch(/\bERROR\b/);
  expect(biber.entries).toBe(AWKWARD_TITLES.length);
  const again = readBibtexFile(readFileSync(bib, 'utf8'));
  expect(again.skipped).toEqual([]);
  expect(sorted(again.entries.map((entry) => entry.paper.title))).toEqual(sorted(AWKWARD_TITLES));
  expect(again.entries.find((entry) => entry.paper.doi === DOI)?.tags.sort()).toEqual([...TAGS].sort());

  const risText = readFileSync(await download('ris'), 'utf8');
  for (const trim of [false, true]) {
    const records = readRis(risText, trim);
    expect(records).toHaveLength(AWKWARD_TITLES.length);
    expect(sorted(records.map((record) => record.find(([tag]) => tag === 'TI')?.[1]))).toEqual(sorted(AWKWARD_TITLES));
  }
  const kingRecord = readRis(risText, true).find((record) => record.some(([tag, value]) => tag === 'DO' && value === DOI))!;
  expect(kingRecord.filter(([tag]) => tag === 'AU').map(([, value]) => value)).toEqual(['King, Martin Luther, Jr.', 'van der Berg, Anna']);
  expect(kingRecord.filter(([tag]) => tag === 'KW').map(([, value]) => value).sort()).toEqual([...TAGS].sort());
  expect(kingRecord.find(([tag]) => tag === 'UR')?.[1]).toBe(`https://arxiv.org/abs/${ENTRIES[0].arxivId}`);
  expect(sorted(importRis(risText).entries.map((entry) => entry.paper.title))).toEqual(sorted(AWKWARD_TITLES));

  const rows = readCsvWithPython(await download('csv'));
  expect(sorted(rows.map((row) => row.title))).toEqual(sorted(AWKWARD_TITLES));
  expect(rows.filter((row) => row.doi).map((row) => row.doi)).toEqual([DOI]);

  const cslPath = await download('csl-json');
  const csl = JSON.parse(readFileSync(cslPath, 'utf8')) as Array<{ title: string; DOI?: string }>;
  expect(sorted(csl.map((item) => item.title))).toEqual(sorted(AWKWARD_TITLES));
  const cslRead = readCslJson(readFileSync(cslPath, 'utf8'));
  if (!cslRead.ok) throw new Error(cslRead.errors.join('\n'));
  expect(sorted(cslRead.value.entries.map((entry) => entry.paper.title))).toEqual(sorted(AWKWARD_TITLES));
  expect(cslRead.value.entries.find((entry) => entry.paper.doi === DOI)?.tags.sort()).toEqual([...TAGS].sort());

  // The RIS and CSL-JSON files come back in through the reading list, each with one record that cannot be a paper:
  // previewed, the bad record listed, confirmed, and nothing duplicated.
  const input = list.locator('input[type=file]');
  const preview = list.locator('.import-preview');
  const noTitle = 'TY  - JOUR\r\nAU  - Nobody, A.\r\nER  - \r\n';
  await input.setInputFiles({ name: 'back.ris', mimeType: 'application/x-research-info-systems', buffer: Buffer.from(risText + noTitle) });
  await expect(preview).toContainText(`back.ris: ${AWKWARD_TITLES.length + 1} entries: ${AWKWARD_TITLES.length} papers, 1 skipped.`);
  await preview.getByText('Show the skipped entries').click();
  await expect(preview.locator('.import-skipped li')).toHaveText([/has no title/]);
  await preview.getByRole('button', { name: `Import ${AWKWARD_TITLES.length} papers` }).click();
  await expect(list.locator('.import-report')).toContainText('Imported back.ris');
  const cslWithBad = JSON.stringify([...JSON.parse(readFileSync(cslPath, 'utf8')), { id: 'untitled', type: 'article' }]);
  await input.setInputFiles({ name: 'back.csl.json', mimeType: 'application/json', buffer: Buffer.from(cslWithBad) });
  await expect(preview).toContainText(`back.csl.json: ${AWKWARD_TITLES.length + 1} entries: ${AWKWARD_TITLES.length} papers, 1 skipped.`);
  await preview.getByRole('button', { name: `Import ${AWKWARD_TITLES.length} papers` }).click();
  await expect(list.locator('.import-report')).toContainText('Imported back.csl.json');
  await expect(list.locator('.import-report')).toContainText('0 papers added');
  await expect(list.getByText(`${AWKWARD_TITLES.length} saved papers`)).toBeVisible();
  await expect(list.locator('.paper-row', { hasText: AWKWARD_TITLES[0] }).locator('.paper-tags .chip')).toHaveText([...TAGS].sort());
  expect(consoleLog.errors).toEqual([]);
});

/** Zotero's own connector port: the extension posts there, so the stand-in must listen on it. */
const ZOTERO_PORT = 23119;

async function withZotero(context: BrowserContext): Promise<ProtocolServer> {
  // The fixture router answers every http(s) request offline; the connector is a real local server.
  await context.route(/^http:\/\/127\.0\.0\.1:23119\//, (route) => route.continue());
  return startProtocolServer({ port: ZOTERO_PORT });
}

test('Send to Zotero from the reading list: items with tags and child note arrive; read-only and not running are said', async ({ context, extensionId, server, consoleLog }) => {
  test.setTimeout(120_000);
  server.serveHtml(SEARCH_URL, renderSearchPage('zzqx', ENTRIES.slice(0, 3)));
  const site = await context.newPage();
  await site.goto(SEARCH_URL);
  const ids = ENTRIES.slice(0, 3).map((entry) => `arxiv:${entry.arxivId}`);
  for (const id of ids) await inStrip(site, id).button('Save').click();
  await expect.poll(() => stateOf(site, ids[2])).toContain('saved');
  const strip = inStrip(site, ids[0]);
  await strip.button('Tag').click();
  await strip.combobox('New tag').fill('a, b');
  await strip.combobox('New tag').press('Enter');
  await strip.combobox('New tag').press('Escape');
  await strip.button('Note').click();
  await strip.textbox('Note').fill('Read <b>this</b> first');
  await strip.button('Save note').click();
  await expect.poll(() => strip.labelled('Note').text()).toBe('Read <b>this</b> first');

  const zotero = await withZotero(context);
  try {
    const list = await openExtensionPage(context, extensionId, 'reading-list.html');
    const send = list.getByRole('button', { name: 'Send to Zotero' });
    await expect(send).toBeDisabled();
    await list.getByRole('checkbox', { name: `Select “${AWKWARD_TITLES[0]}”` }).check();
    await list.getByRole('checkbox', { name: `Select “${AWKWARD_TITLES[1]}”` }).check();
    await send.click();
    await expect(list.getByRole('status').filter({ hasText: 'Sent 2 papers to Zotero.' })).toBeVisible();
    expect(zotero.saved).toHaveLength(1);
    const items = zotero.saved[0].items as Array<{ title: string; itemType: string; archiveID: string; tags: Array<{ tag: string }>; notes: Array<{ note: string }>; DOI?: string }>;
    expect(items.map((item) => item.title).sort()).toEqual([AWKWARD_TITLES[0], AWKWARD_TITLES[1]].sort());
    const noted = items.find((item) => item.title === AWKWARD_TITLES[0])!;
    expect(noted).toMatchObject({ itemType: 'journalArticle', archiveID: `arXiv:${ENTRIES[0].arxivId}`, DOI, tags: [{ tag: 'a, b' }] });
    expect(noted.notes).toEqual([{ itemType: 'note', note: '<p>Read &#60;b&#62;this&#60;/b&#62; first</p>' }]);

    zotero.state.editable = false;
    await send.click();
    await expect(list.getByRole('alert').filter({ hasText: 'The library selected in Zotero is read-only' })).toBeVisible();
    expect(zotero.saved).toHaveLength(1);
  } finally {
    await zotero.close();
  }
  const list = context.pages().find((page) => page.url().endsWith('reading-list.html'))!;
  await list.getByRole('button', { name: 'Send to Zotero' }).click();
  await expect(list.getByRole('alert').filter({ hasText: 'Zotero is not running' })).toBeVisible();
  // The 500 answer and the refused connection are logged by the browser itself ("Failed to load resource"), not by Shelfmark.
  expect(consoleLog.errors.filter((line) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(line))).toEqual([]);
});

test('Send to Zotero from a strip, by keyboard, and from a popup row: the background posts it, the strip and the popup say how it went', async ({ context, extensionId, server, consoleLog }) => {
  test.setTimeout(120_000);
  server.serveHtml(SEARCH_URL, renderSearchPage('zzqx', ENTRIES.slice(0, 2)));
  const site = await context.newPage();
  await site.goto(SEARCH_URL);
  const [id, other] = ENTRIES.slice(0, 2).map((entry) => `arxiv:${entry.arxivId}`);
  const strip = inStrip(site, id);
  await strip.button('Tag').click();
  await strip.combobox('New tag').fill('to cite');
  await strip.combobox('New tag').press('Enter');
  await strip.combobox('New tag').press('Escape');
  await expect.poll(() => stateOf(site, id)).toContain('saved');

  const zotero = await withZotero(context);
  try {
    // Keyboard: the button takes focus and Enter sends, like any other strip button.
    const button = strip.button('Send to Zotero');
    await button.focus();
    await button.press('Enter');
    await expect.poll(() => strip.part('strip').text()).toContain('Sent to Zotero.');
    expect(zotero.saved).toHaveLength(1);
    expect(zotero.saved[0].items).toMatchObject([{ title: AWKWARD_TITLES[0], archiveID: `arXiv:${ENTRIES[0].arxivId}`, tags: [{ tag: 'to cite' }] }]);

    // A paper only seen, not saved, goes too: sending is not saving.
    await inStrip(site, other).button('Send to Zotero').click();
    await expect.poll(() => inStrip(site, other).part('strip').text()).toContain('Sent to Zotero.');
    expect(zotero.saved.map((save) => (save.items[0] as { title: string }).title)).toEqual([AWKWARD_TITLES[0], AWKWARD_TITLES[1]]);

    // The popup: a row's button, and Alt+Z on the active row.
    const popup = await openExtensionPage(context, extensionId, 'popup.html');
    const options = popup.getByRole('listbox').getByRole('option');
    await expect(options.first()).toContainText(AWKWARD_TITLES[0]);
    await popup.getByRole('combobox', { name: 'Search papers' }).press('Alt+z');
    await expect(popup.getByRole('status')).toHaveText(`Sent “${AWKWARD_TITLES[0]}” to Zotero.`);
    zotero.state.editable = false;
    await options.first().getByRole('button', { name: 'Send to Zotero' }).click();
    await expect(popup.getByRole('status')).toContainText('The library selected in Zotero is read-only');
    expect(zotero.saved).toHaveLength(3);
  } finally {
    await zotero.close();
  }
  await strip.button('Send to Zotero').click();
  await expect.poll(() => strip.part('strip').text()).toContain('Zotero is not running');
  expect(consoleLog.errors.filter((line) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(line))).toEqual([]);
});
