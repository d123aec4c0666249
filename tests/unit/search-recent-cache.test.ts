import { describe, expect, it } from 'vitest';
import { readRecentList, writeRecentList, type CacheStorage } from '../../lib/search/recent-list-cache';
import { parseQuery } from '../../lib/search/query';
import type { SearchOutcome } from '../../lib/search/session';
import { seenRecord } from '../fixtures/library/records';

function memoryStorage(): CacheStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

const saved = seenRecord('2501.00001', Date.UTC(2026, 9, 1), { title: 'Sparse Experts', savedAt: Date.UTC(2026, 9, 2), tags: ['moe'] });

function outcome(source: SearchOutcome['source'], input = '', records = [saved]): SearchOutcome {
  const results = records.map((record) => ({ record, terms: [] }));
  return { input, query: parseQuery(input), results, total: results.length, exhaustive: true, relaxed: false, complete: true, source };
}

describe('the cached recent list', () => {
  it('gives back the empty box’s list as it was written', () => {
    const storage = memoryStorage();
    expect(readRecentList(storage)).toBeUndefined();
    writeRecentList(storage, outcome('recent-saves'));
    const cached = readRecentList(storage)!;
    expect(cached.source).toBe('recent-saves');
    expect(cached.results.map((result) => result.record)).toEqual([saved]);
    expect(cached.input).toBe('');
  });

  it('keeps the rows of a first frame, not the whole page', () => {
    const storage = memoryStorage();
    const many = Array.from({ length: 30 }, (_, i) => ({ ...saved, id: `arxiv:2501.${String(i).padStart(5, '0')}` as typeof saved.id }));
    writeRecentList(storage, outcome('recent-saves', '', many));
    expect(readRecentList(storage)?.results.map((result) => result.record.id)).toEqual(many.slice(0, 12).map((record) => record.id));
  });

  it('keeps only empty-box lists, not search results', () => {
    const storage = memoryStorage();
    writeRecentList(storage, outcome('recent-sightings'));
    writeRecentList(storage, outcome('search', 'sparse'));
    expect(readRecentList(storage)?.source).toBe('recent-sightings');
  });

  it('forgets the list when it becomes empty, rather than keeping "nothing here yet" for a library that fills', () => {
    const storage = memoryStorage();
    writeRecentList(storage, outcome('recent-saves'));
    writeRecentList(storage, outcome('recent-sightings', '', []));
    expect(readRecentList(storage)).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('ignores what it cannot read, and a storage that refuses to write', () => {
    const storage = memoryStorage();
    for (const junk of ['{', 'null', '{"version":1,"source":"recent-saves","records":[{"id":1}]}', '{"version":99,"source":"recent-saves","records":[]}']) {
      storage.items.set('shelfmark:recent-list', junk);
      expect(readRecentList(storage)).toBeUndefined();
    }
    const full: CacheStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    expect(() => writeRecentList(full, outcome('recent-saves'))).not.toThrow();
  });
});
