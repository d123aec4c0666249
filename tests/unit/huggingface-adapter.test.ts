// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { huggingFaceAdapter, scanHuggingFace } from '../../lib/sites/huggingface';
import { parseDisplayDate } from '../../lib/sites/display-date';

interface ManifestCard {
  id: string;
  title: string;
  authors: string[];
  organization: string | null;
  published: string | null;
  upvotes: number | null;
  aiSummary: string | null;
}
interface ManifestEntry {
  url: string;
  ids: string[];
  articles: number;
  cards: ManifestCard[];
}
interface SeedPaper {
  arxivId: string;
  abstract: string;
}

// happy-dom gives import.meta.url an http scheme; tests run from the project root.
const fixture = (name: string) => path.join(process.cwd(), 'tests/fixtures', name);
const manifest = JSON.parse(readFileSync(fixture('hf/manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
const abstracts = new Map(
  (JSON.parse(readFileSync(fixture('seeds/papers.json'), 'utf8')) as SeedPaper[]).map((p) => [p.arxivId, p.abstract]),
);

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(fixture(`hf/${file}`), 'utf8'), 'text/html');
}

const NOW = new Date(Date.UTC(2026, 10, 23));
const wellFormed = Object.keys(manifest).filter((file) => file !== 'malformed.html');

describe('Hugging Face adapter on the fixtures', () => {
  it.each(wellFormed)('%s: finds every card, in page order, with no failures', (file) => {
    const { cards, failures } = scanHuggingFace(load(file), NOW);
    expect(failures).toEqual([]);
    expect(cards).toHaveLength(manifest[file].ids.length);
    expect(cards.map((card) => card.paper.id)).toEqual(manifest[file].ids.map((id) => `arxiv:${id}`));
  });

  it.each(wellFormed)('%s: reads title, authors, date, upvotes and organisation', (file) => {
    const { cards } = scanHuggingFace(load(file), NOW);
    cards.forEach((card, index) => {
      const expected = manifest[file].cards[index];
      expect(card.paper).toMatchObject({
        title: expected.title,
        authors: expected.authors,
        url: `https://huggingface.co/papers/${expected.id}`,
      });
      if (expected.published) expect(card.paper.published).toBe(expected.published);
      if (expected.upvotes !== null) expect(card.paper.upvotes).toBe(expected.upvotes);
      if (expected.organization) expect(card.paper.organization).toBe(expected.organization);
    });
  });

  it('takes the full abstract from the page data and keeps the AI summary apart', () => {
    for (const file of ['daily-2026-10-02.html', 'trending.html', 'search-distributed.html']) {
      const { cards } = scanHuggingFace(load(file), NOW);
      for (const card of cards) {
        const arxivId = card.paper.id.slice('arxiv:'.length);
        expect(card.paper.abstract).toBe(abstracts.get(arxivId));
        const summary = manifest[file].cards.find((c) => c.id === arxivId)?.aiSummary;
        if (summary) expect(card.paper.summary).toBe(summary);
      }
    }
  });

  it('gives one card per trending article although each holds the paper twice', () => {
    const doc = load('trending.html');
    expect(doc.querySelectorAll('article h3 a[href^="/papers/"]').length).toBe(2 * manifest['trending.html'].articles);
    const { cards } = scanHuggingFace(doc, NOW);
    expect(cards).toHaveLength(manifest['trending.html'].articles);
    for (const card of cards) expect(card.elements[0].tagName).toBe('ARTICLE');
  });

  it('reads the cards alone when the page carries no data-props', () => {
    const doc = load('search-distributed.html');
    doc.querySelector('[data-target="DailyPapers"]')!.removeAttribute('data-props');
    const { cards, failures } = scanHuggingFace(doc, NOW);
    expect(failures).toEqual([]);
    expect(cards).toHaveLength(manifest['search-distributed.html'].ids.length);
    for (const card of cards) {
      expect(card.paper.title).toBeTruthy();
      expect(card.paper.abstract?.length).toBeGreaterThan(50);
    }
  });

  it('reads the good cards of a malformed page and reports the broken ones without throwing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const expected = JSON.parse(readFileSync(fixture('hf/malformed.json'), 'utf8')) as {
      goodIds: string[];
      flawed: Array<{ readable: boolean }>;
    };
    const { cards, failures } = scanHuggingFace(load('malformed.html'), NOW);
    expect(cards.map((card) => card.paper.id)).toEqual(expected.goodIds.map((id) => `arxiv:${id}`));
    expect(failures).toHaveLength(expected.flawed.filter((flaw) => !flaw.readable).length);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not valid JSON'), expect.anything());
    warn.mockRestore();
  });
});

describe('Hugging Face page handling', () => {
  it.each([
    ['https://huggingface.co/papers', true, 'HF daily'],
    ['https://huggingface.co/papers/date/2026-10-02', true, 'HF daily 2026-10-02'],
    ['https://huggingface.co/papers/week/2026-W40', true, 'HF weekly 2026-W40'],
    ['https://huggingface.co/papers/month/2026-10', true, 'HF monthly 2026-10'],
    ['https://huggingface.co/papers/trending', true, 'HF trending'],
    ['https://huggingface.co/papers?q=diffusion', true, 'HF search “diffusion”'],
    ['https://huggingface.co/papers?date=2026-10-01', true, 'HF daily 2026-10-01'],
    ['https://huggingface.co/papers/2501.01234', true, 'HF paper 2501.01234'],
    ['https://huggingface.co/papers/2501.01234/discussion', false, ''],
    ['https://huggingface.co/models', false, ''],
    ['https://example.com/papers', false, ''],
  ])('%s', (url, handled, label) => {
    expect(huggingFaceAdapter.handles(new URL(url))).toBe(handled);
    if (handled) expect(huggingFaceAdapter.pageLabel(new URL(url), document)).toBe(label);
  });
});

describe('parseDisplayDate', () => {
  it.each([
    ['Published on Dec 28, 2024', '2024-12-28'],
    ['Dec 25, 2025', '2025-12-25'],
    ['May 30', '2026-05-30'],
    ['Feb 30, 2024', undefined],
    ['yesterday', undefined],
    ['·', undefined],
  ])('%s', (text, expected) => {
    expect(parseDisplayDate(text, NOW)).toBe(expected);
  });

  it('puts a yearless date later than today in the previous year', () => {
    expect(parseDisplayDate('Dec 30', new Date(Date.UTC(2026, 0, 5)))).toBe('2025-12-30');
  });
});
