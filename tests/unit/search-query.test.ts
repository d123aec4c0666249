import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod, parseQuery, removeChip } from '../../lib/search/query';

describe('parseQuery', () => {
  it('separates words, filters and phrases', () => {
    const query = parseQuery('pipeline tag:rl is:saved site:arxiv "model parallel" after:2025-01 before:2026');
    expect(query.words).toEqual(['pipeline']);
    expect(query.phrases).toEqual(['model parallel']);
    expect(query.filters.tags).toEqual(['rl']);
    expect(query.filters.is).toEqual(['saved']);
    expect(query.filters.sites).toEqual(['arxiv']);
    expect(query.filters.after).toBe(new Date(2025, 0, 1).getTime());
    expect(query.filters.before).toBe(new Date(2026, 0, 1).getTime());
    expect(query.hints).toEqual([]);
    expect(query.chips.map((chip) => chip.kind)).toEqual(['tag', 'is', 'site', 'phrase', 'after', 'before']);
  });

  it('reads quoted and case-varied tag values', () => {
    const query = parseQuery('tag:"Multi  Word" TAG:RL site:huggingface');
    expect(query.filters.tags).toEqual(['multi word', 'rl']);
    expect(query.filters.sites).toEqual(['hf']);
    expect(query.words).toEqual([]);
  });

  it('treats unknown keys as words, so ids and urls still search', () => {
    expect(parseQuery('arxiv:2501.01234').words).toEqual(['arxiv:2501.01234']);
  });

  it.each([
    ['after:soon', /needs a date/],
    ['before:2025-13', /needs a date/],
    ['after:2025-02-30', /needs a date/],
    ['is:nonsense', /is:saved, is:seen or is:dismissed/],
    ['site:github', /site:hf, site:arxiv, site:openreview/],
    ['tag:', /Type a tag/],
    ['"pipeline parallel', /Close the quote/],
    ['after:2026 before:2025', /nothing can match/],
  ])('explains %s with a hint instead of failing', (input, hint) => {
    const query = parseQuery(input);
    expect(query.hints.join(' ')).toMatch(hint);
  });

  it('searches the words of an unclosed quote loosely', () => {
    const query = parseQuery('"pipeline parallel');
    expect(query.phrases).toEqual([]);
    expect(query.words).toEqual(['pipeline', 'parallel']);
  });

  it('ignores a bad filter but keeps the rest of the query', () => {
    const query = parseQuery('diffusion is:nonsense tag:vision');
    expect(query.words).toEqual(['diffusion']);
    expect(query.filters.is).toEqual([]);
    expect(query.filters.tags).toEqual(['vision']);
  });

  it('removes a chip by its span', () => {
    const input = 'agents tag:rl is:saved';
    const chip = parseQuery(input).chips.find((c) => c.kind === 'tag')!;
    expect(removeChip(input, chip)).toBe('agents is:saved');
  });

  it('never throws, and chips always point at their own text', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', '"', ':', '-', '0', '1', '2', 'tag:', 'is:', 'site:', 'after:', 'before:', 'é', '\t');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')), (input) => {
        const query = parseQuery(input);
        for (const chip of query.chips) {
          expect(chip.start).toBeGreaterThanOrEqual(0);
          expect(chip.end).toBeLessThanOrEqual(input.length);
          expect(removeChip(input, chip).length).toBeLessThan(input.length);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (input) => void parseQuery(input)), { numRuns: 2000 });
  });
});

describe('parsePeriod', () => {
  it('covers a year, a month and a day', () => {
    expect(parsePeriod('2025')).toEqual({ start: new Date(2025, 0, 1).getTime(), next: new Date(2026, 0, 1).getTime() });
    expect(parsePeriod('2025-12')).toEqual({ start: new Date(2025, 11, 1).getTime(), next: new Date(2026, 0, 1).getTime() });
    expect(parsePeriod('2025-02-28')!.next).toBe(new Date(2025, 2, 1).getTime());
    expect(parsePeriod('25-01')).toBeUndefined();
  });
});
