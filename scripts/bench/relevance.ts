// "For you" model figures (docs/relevance.md): `npx tsx scripts/bench/relevance.ts` (heap figures need
// `node --expose-gc --import tsx`). Papers are synthetic: seed abstracts' sentences recombined, so vocabulary and
// lengths are those of real abstracts.
import { readFileSync } from 'node:fs';
import { CorpusStats } from '../../lib/relevance/corpus';
import { InterestModel } from '../../lib/relevance/interest-model';
import { termCounts, type PaperText } from '../../lib/relevance/terms';

const seeds = JSON.parse(readFileSync('tests/fixtures/seeds/papers.json', 'utf8')) as Array<{ title: string; abstract: string }>;
const sentences = seeds.flatMap((seed) => seed.abstract.split(/(?<=\.)\s+/));
const titles = seeds.map((seed) => seed.title);

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function papers(count: number, seed: number): Array<PaperText & { id: string }> {
  const next = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  return Array.from({ length: count }, (_, i) => ({
    id: `p${seed}-${i}`,
    title: `${pick(titles)} ${pick(titles).split(' ').slice(0, 3).join(' ')}`,
    abstract: Array.from({ length: 6 }, () => pick(sentences)).join(' '),
  }));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function main(args: readonly string[] = process.argv.slice(2)): void {
  const seenCount = Number(args.find((arg) => arg.startsWith('--seen='))?.slice(7) ?? 100_000);
  const seen = papers(seenCount, 1);
  let started = performance.now();
  const corpus = new CorpusStats();
  for (const paper of seen) corpus.add(termCounts(paper).keys());
  const model = new InterestModel(corpus);
  for (const paper of seen) model.observe(paper);
  console.log(`corpus + seen centroid over ${seenCount} seen papers (first use in the background): ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const tags = ['rl', 'llm', 'vision', 'systems', 'theory'];
  const saved = papers(1_000, 2);
  saved.forEach((paper, i) => model.apply({ ...paper, saved: true, dismissed: false, tags: [tags[i % tags.length]] }));
  papers(200, 3).forEach((paper) => model.apply({ ...paper, saved: false, dismissed: true, tags: [] }));

  const listing = papers(2_000, 4);
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    started = performance.now();
    for (const paper of listing) model.score(paper);
    runs.push((performance.now() - started) / listing.length);
  }
  console.log(`score a 2,000-entry listing, 1,000 saved + 200 hidden + ${seenCount} seen: median ${median(runs).toFixed(3)} ms/card (runs ${runs.map((r) => r.toFixed(3)).join(', ')})`);

  const updates: number[] = [];
  for (const paper of papers(50, 5)) {
    started = performance.now();
    model.apply({ ...paper, saved: true, dismissed: false, tags: ['rl'] });
    updates.push(performance.now() - started);
  }
  console.log(`model update after a save (50 saves): median ${median(updates).toFixed(3)} ms, max ${Math.max(...updates).toFixed(3)} ms`);

  const before = heap();
  const big = new InterestModel(corpus);
  papers(10_000, 6).forEach((paper, i) => big.apply({ ...paper, saved: true, dismissed: false, tags: [tags[i % tags.length]] }));
  const after = heap();
  console.log(`model memory at 10,000 saved papers: ${mb(after - before)}${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: rough)'}; score ${big.savedCount ? 'ok' : ''}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
