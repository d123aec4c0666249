import { describe, expect, it } from 'vitest';
import type { PaperRecord, SiteKey } from '../../lib/paper';
import { highlightSegments } from '../../lib/search/highlight';
import { linearScan, toScanEntry } from '../../lib/search/linear-scan';
import { PaperIndex } from '../../lib/search/paper-index';
import { parseQuery } from '../../lib/search/query';
import { rankPapers } from '../../lib/search/rank';
import { authorsLine, seenLine } from '../../lib/search/result-text';
import { seenRecord } from '../fixtures/library/records';

const DAY = 86_400_000;
const NOW = new Date(2026, 9, 5).getTime();

function paper(id: string, fields: Partial<PaperRecord> & { site?: SiteKey; seenDaysAgo?: number }): PaperRecord {
  const { site = 'hf', seenDaysAgo = 1, ...rest } = fields;
  const where = { site, url: 'https://huggingface.co/papers/date/2026-10-02', label: 'HF daily 2026-10-02' };
  return seenRecord(id, NOW - seenDaysAgo * DAY, { title: '', authors: [], abstract: '', ...rest }, where);
}

const LIBRARY: PaperRecord[] = [
  paper('2501.00001', { title: 'Pipeline Parallelism for Giant Models', authors: ['Ana Silva'], abstract: 'We schedule micro-batches.', seenDaysAgo: 3 }),
  paper('2501.00002', { title: 'A Study of Schedulers', authors: ['Bo Chen'], abstract: 'Pipeline parallelism hides bubbles in training.', seenDaysAgo: 4 }),
  paper('2501.00003', { title: 'Reward Shaping Revisited', authors: ['Carla Gómez'], abstract: 'Policy gradients.', tags: ['rl'], savedAt: NOW - 2 * DAY, site: 'arxiv', seenDaysAgo: 5 }),
  paper('2501.00004', { title: 'Transformers Without Attention', authors: ['Dmitri Ivanov', 'Jürgen Schölkopf'], abstract: 'Linear recurrences.', seenDaysAgo: 400 }),
  paper('2501.00005', { title: 'Diffusion Planning for Robots', authors: ['Eva Novak'], abstract: 'Reinforcement learning with diffusion.', dismissedAt: NOW - DAY, seenDaysAgo: 2 }),
  paper('2501.00006', { title: 'Multi Agent Debate', authors: ['Femi Adeyemi'], abstract: 'Agents argue; a pipeline of judges.', tags: ['multi word', 'agents'], note: 'read the parallelism appendix', savedAt: NOW - DAY / 2, seenDaysAgo: 6 }),
];

function indexOf(records: readonly PaperRecord[]): PaperIndex {
  const index = PaperIndex.create();
  index.put(records);
  return index;
}

const index = indexOf(LIBRARY);
const ids = (input: string) => rankPapers(index, parseQuery(input), 30).hits.map((hit) => hit.id.slice('arxiv:'.length));

describe('ranking', () => {
  it('ranks a title match above an abstract-only match', () => {
    expect(ids('pipeline parallelism').slice(0, 2)).toEqual(['2501.00001', '2501.00002']);
  });

  it('finds papers by tag, and a tag match ranks above an abstract match', () => {
    expect(ids('agents')[0]).toBe('2501.00006');
    expect(ids('rl')).toEqual(['2501.00003']);
  });

  it('tolerates typos in longer words', () => {
    expect(ids('paralellism')).toContain('2501.00001');
    expect(ids('transfromers')).toEqual(['2501.00004']);
  });

  it('does not fuzz short words into other words', () => {
    expect(ids('rk')).toEqual([]);
  });

  it('matches prefixes while typing', () => {
    expect(ids('pipel')[0]).toBe('2501.00001');
    expect(ids('diffus')).toEqual(['2501.00005']);
  });

  it('finds authors with or without accents', () => {
    expect(ids('scholkopf')).toEqual(['2501.00004']);
    expect(ids('gómez')).toEqual(['2501.00003']);
  });

  it('searches notes', () => {
    expect(ids('appendix')).toEqual(['2501.00006']);
  });

  it('requires every word, and falls back to any word when no paper has all', () => {
    expect(ids('reward policy')).toEqual(['2501.00003']);
    const loose = rankPapers(index, parseQuery('reward robots'), 30);
    expect(loose.relaxed).toBe(true);
    expect(loose.hits.map((hit) => hit.id).sort()).toEqual(['arxiv:2501.00003', 'arxiv:2501.00005']);
  });

  it('finds abstract-only matches when few papers match in the remembered fields', () => {
    const ranking = rankPapers(index, parseQuery('bubbles'), 30);
    expect(ranking.hits.map((hit) => hit.id)).toEqual(['arxiv:2501.00002']);
    expect(ranking.exhaustive).toBe(true);
  });
});

describe('filters', () => {
  it.each([
    ['is:saved', ['2501.00006', '2501.00003']],
    ['is:dismissed', ['2501.00005']],
    ['tag:rl', ['2501.00003']],
    ['tag:"multi word"', ['2501.00006']],
    ['site:arxiv', ['2501.00003']],
    ['before:2025-12', ['2501.00004']],
    ['is:saved pipeline', ['2501.00006']],
    ['site:hf pipeline after:2026-01', ['2501.00001', '2501.00002', '2501.00006']],
  ])('%s', (input, expected) => {
    const found = ids(input);
    if (/^\S+$/.test(input) || input.startsWith('tag:')) expect(found).toEqual(expected);
    else expect([...found].sort()).toEqual([...expected].sort());
  });

  it('lists filter-only results by latest activity', () => {
    expect(ids('is:seen')[0]).toBe('2501.00006');
    expect(ids('is:seen').at(-1)).toBe('2501.00004');
  });

  it('agrees with a linear scan on which papers match exact words', () => {
    const entries = LIBRARY.map(toScanEntry);
    for (const input of ['pipeline', 'agents tag:agents', 'is:saved', 'policy', 'site:hf training']) {
      const scanned = linearScan(entries, parseQuery(input), 30).map((hit) => hit.id).sort();
      const ranked = rankPapers(index, parseQuery(input), 30).hits.map((hit) => hit.id).sort();
      expect(ranked).toEqual(scanned);
    }
  });
});

describe('result text', () => {
  it('highlights the matched words of a title', () => {
    const [hit] = rankPapers(index, parseQuery('paral pipel'), 30).hits;
    const marked = highlightSegments(LIBRARY[0].title, hit.terms).filter((s) => s.match).map((s) => s.text);
    expect(marked).toEqual(['Pipeline', 'Parallelism']);
  });

  it('keeps every character of the text in order', () => {
    const text = 'Schölkopf & co: <b>not html</b>';
    expect(highlightSegments(text, ['scholkopf', 'html']).map((s) => s.text).join('')).toBe(text);
    expect(highlightSegments(text, ['html']).filter((s) => s.match)).toEqual([{ text: 'html', match: true }]);
  });

  it('shortens author lists and says where a paper was seen', () => {
    expect(authorsLine(['A', 'B', 'C', ...Array(9).fill('X')])).toBe('A, B, C +9');
    expect(authorsLine(['A', 'B'])).toBe('A, B');
    expect(seenLine(LIBRARY[0], NOW)).toBe('seen 3 days ago on HF daily 2026-10-02');
  });
});
