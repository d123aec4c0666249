import { describe, expect, it } from 'vitest';
import { ExampleIndex, sparseDot, type Example } from '../../lib/relevance/example-index';

/** Deterministic random numbers (mulberry32), so a failure repeats. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Ids from a small pool, many sharing their low bits (the hash probe's bucket), so probes collide.
function vector(next: () => number): { ids: Int32Array; weights: Float32Array } {
  const pool = new Set<number>();
  const size = 1 + Math.floor(next() * 30);
  while (pool.size < size) pool.add(((Math.floor(next() * 8) << 20) | Math.floor(next() * 64)) - (next() < 0.3 ? 1 << 30 : 0));
  const ids = Int32Array.from([...pool].sort((a, b) => a - b));
  return { ids, weights: Float32Array.from(ids, () => next()) };
}

describe('example index', () => {
  it('visits every live example with a non-zero dot product, exactly that product, after adds, removals and rebuilds', () => {
    const next = rng(16);
    const index = new ExampleIndex();
    const live = new Map<string, Example>();
    for (let step = 0; step < 400; step++) {
      const id = `e${Math.floor(next() * 150)}`;
      if (next() < 0.2) {
        index.remove(id);
        live.delete(id);
      } else {
        const example: Example = { id, title: id, tags: [], interests: Int32Array.of(step % 3), counts: new Uint16Array(0), ...vector(next) };
        index.add(example);
        live.set(id, example);
      }
      if (step % 7 !== 0) continue;
      const query = vector(next);
      const visited = new Map<string, number>();
      index.similarities(query.ids, query.weights, (slot, similarity) => {
        const example = index.exampleAt(slot);
        expect(visited.has(example.id)).toBe(false);
        const { interestEnds, interestList } = index;
        expect([...interestList.subarray(slot === 0 ? 0 : interestEnds[slot - 1], interestEnds[slot])]).toEqual([...example.interests]);
        visited.set(example.id, similarity);
      });
      const expected = new Map<string, number>();
      for (const example of live.values()) {
        const dot = sparseDot(query.ids, query.weights, example.ids, example.weights);
        if (dot !== 0) expected.set(example.id, dot);
      }
      expect(visited.size).toBe(expected.size);
      for (const [id, dot] of expected) expect(visited.get(id)).toBeCloseTo(dot, 9);
    }
  });
});
