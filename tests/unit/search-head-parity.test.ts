import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../lib/paper';
import { FIELD_BOOSTS, fuzzyDistance, HEAD_FIELDS, MATCH_WEIGHTS, MIN_PREFIX_LENGTH, processTerm, tokenizeText } from '../../lib/search/document';
import { PaperIndex } from '../../lib/search/paper-index';
import { parseQuery } from '../../lib/search/query';
import { rankPapers } from '../../lib/search/rank';
import { Vocabulary } from '../../lib/search/vocabulary';
import { seenRecord } from '../fixtures/library/records';

/**
 * The head used to be a MiniSearch index; its replacement (typed-array postings) must rank exactly as MiniSearch did:
 * the same papers with the same scores, on randomized libraries and queries (prefixes, typos, several words). The
 * popup's answer is the full scoring of every match, cut to the page: checked against MiniSearch's full result list.
 */

const WORDS = ['model', 'models', 'modal', 'mode', 'diffusion', 'diffuse', 'transformer', 'transform', 'train', 'trains',
  'language', 'large', 'latent', 'learning', 'lean', 'attention', 'attend', 'policy', 'police', 'reward', 'rewards',
  'graph', 'graphs', 'gradient', 'grad', 'vision', 'visual', 'robot', 'robots', 'robust', 'sparse', 'spare', 'chen',
  'cheng', 'silva', 'silvia', 'rl', 'llm', 'the', 'of', 'Schölkopf', 'Über', '2024'];

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 9, 5);

interface Draft {
  title: number[];
  authors: number[][];
  tags: number[];
  note: number[];
}

const words = (picks: readonly number[]) => picks.map((pick) => WORDS[pick % WORDS.length]);
const pick = fc.nat(WORDS.length - 1);
const draft = fc.record({
  title: fc.array(pick, { minLength: 1, maxLength: 7 }),
  authors: fc.array(fc.array(pick, { minLength: 1, maxLength: 2 }), { maxLength: 3 }),
  tags: fc.array(pick, { maxLength: 2 }),
  note: fc.array(pick, { maxLength: 4 }),
});

function recordOf(d: Draft, n: number): PaperRecord {
  const where = { site: 'hf' as const, url: 'https://huggingface.co/papers/date/2026-10-02', label: 'HF daily' };
  return seenRecord(`2501.${String(n).padStart(5, '0')}`, NOW - n * DAY, {
    title: words(d.title).join(' '),
    authors: d.authors.map((name) => words(name).join(' ')),
    tags: [...new Set(words(d.tags).map((tag) => tag.toLowerCase()))],
    note: words(d.note).join(' '),
    abstract: '',
  }, where);
}

// The head's former MiniSearch configuration, verbatim.
function miniSearchOf(records: readonly PaperRecord[]): MiniSearch {
  const search = new MiniSearch({
    fields: [...HEAD_FIELDS],
    tokenize: tokenizeText,
    processTerm: (term: string) => processTerm(term),
    searchOptions: {
      boost: Object.fromEntries(HEAD_FIELDS.map((field) => [field, FIELD_BOOSTS[field]])),
      weights: { prefix: MATCH_WEIGHTS.prefix, fuzzy: MATCH_WEIGHTS.fuzzy },
    },
  });
  search.addAll(records.map((r) => ({ id: r.id, title: r.title, tags: r.tags.join(' '), authors: r.authors.join(', '), note: r.note })));
  return search;
}

const LOOSE = { prefix: (term: string) => term.length >= MIN_PREFIX_LENGTH, fuzzy: (term: string) => fuzzyDistance(term) };

/** Every paper having every word (each word one MiniSearch search, as the head did), with the summed score. */
function fullScoring(search: MiniSearch, queryWords: readonly string[]): Map<string, number> {
  let all: Map<string, number> | undefined;
  for (const word of queryWords) {
    const found = new Map(search.search(word, LOOSE).map((result) => [String(result.id), result.score]));
    if (!all) all = found;
    else for (const [id, score] of all) found.has(id) ? all.set(id, score + found.get(id)!) : all.delete(id);
  }
  return all ?? new Map();
}

/** A query word: a library word, maybe cut to a prefix, maybe with one letter changed. */
const queryWord = fc.record({ word: pick, cut: fc.nat(6), typo: fc.option(fc.nat(20), { nil: undefined }) }).map(({ word, cut, typo }) => {
  let text = processTerm(WORDS[word]) ?? 'model';
  if (cut && text.length > 2) text = text.slice(0, Math.max(2, text.length - cut));
  if (typo !== undefined && text.length >= 4) {
    const at = typo % text.length;
    text = `${text.slice(0, at)}${'xq'[typo % 2]}${text.slice(at + 1)}`;
  }
  return text;
});

function closeTo(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

describe('head ranking equals MiniSearch full scoring', () => {
  it('finds the same papers with the same scores, and the page is the top of the full scoring', () => {
    fc.assert(
      fc.property(fc.array(draft, { minLength: 1, maxLength: 60 }), fc.array(queryWord, { minLength: 1, maxLength: 3 }), fc.nat(12), (drafts, queryWords, limitPick) => {
        const records = drafts.map(recordOf);
        const index = PaperIndex.fromRecords(records);
        const expected = fullScoring(miniSearchOf(records), queryWords);
        const ranking = rankPapers(index, parseQuery(queryWords.join(' ')), records.length);
        // Head matches only (the abstracts are empty); a query no paper fully matches falls back to any word.
        if (ranking.relaxed || expected.size === 0) return;
        const actual = new Map(ranking.hits.map((hit) => [String(hit.id), hit.score]));
        expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [id, score] of expected) expect(closeTo(actual.get(id)!, score), `${id}: ${actual.get(id)} vs ${score}`).toBe(true);
        const limit = 1 + limitPick;
        const page = rankPapers(index, parseQuery(queryWords.join(' ')), limit).hits.map((hit) => hit.score);
        const best = [...expected.values()].sort((a, b) => b - a).slice(0, limit);
        expect(page.length).toBe(best.length);
        page.forEach((score, at) => expect(closeTo(score, best[at])).toBe(true));
      }),
      { numRuns: 150 },
    );
  });

  it('scores a changed library, once compacted, as a freshly built one', () => {
    fc.assert(
      fc.property(fc.array(draft, { minLength: 2, maxLength: 30 }), fc.array(draft, { maxLength: 10 }), fc.array(queryWord, { minLength: 1, maxLength: 2 }), (drafts, changes, queryWords) => {
        const records = drafts.map(recordOf);
        const changed = changes.map((d, n) => recordOf(d, n % records.length));
        const index = PaperIndex.fromRecords(records);
        index.put(changed);
        index.remove([records[records.length - 1].id]);
        index.compact();
        const final = new Map(records.map((r) => [r.id, r]));
        for (const record of changed) final.set(record.id, record);
        final.delete(records[records.length - 1].id);
        const fresh = PaperIndex.fromRecords([...final.values()]);
        const query = parseQuery(queryWords.join(' '));
        const scores = (i: PaperIndex) => new Map(rankPapers(i, query, 100).hits.map((hit) => [String(hit.id), hit.score]));
        const [a, b] = [scores(index), scores(fresh)];
        expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
        for (const [id, score] of b) expect(closeTo(a.get(id)!, score)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('typo matching', () => {
  function levenshtein(a: string, b: string): number {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
      const next = [i];
      for (let j = 1; j <= b.length; j += 1) next[j] = Math.min(row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), row[j] + 1, next[j - 1] + 1);
      row = next;
    }
    return row[b.length];
  }

  it('finds exactly the terms within the distance (short, long and non-ASCII words)', () => {
    const letters = fc.constantFrom('a', 'b', 'c', 'ø', 'ł', 'é');
    const word = (max: number) => fc.array(letters, { minLength: 1, maxLength: max }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(word(8), word(40)), { maxLength: 40 }), fc.oneof(word(8), word(40)), fc.integer({ min: 1, max: 2 }), (terms, query, distance) => {
        const vocabulary = new Vocabulary([...terms].sort());
        const found = new Map<string, number>();
        vocabulary.fuzzy(query, distance, (position, edits) => found.set(vocabulary.terms[position], edits));
        const expected = new Map(vocabulary.terms.map((term) => [term, levenshtein(term, query)] as const).filter(([, edits]) => edits <= distance));
        expect(found).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
