// "For you" model figures (docs/relevance.md, "Speed"): `node --expose-gc --import tsx scripts/bench/relevance.ts
// [--seen=100000] [--json out.json]` (without --expose-gc the heap figures are rough). Papers are synthetic: seed
// abstracts' sentences recombined, so vocabulary and lengths are those of real abstracts (and overlap is higher).
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { FeatureCorpus, paperFeatures } from '../../lib/relevance/features';
import { InterestModel } from '../../lib/relevance/interest-model';
import type { PaperText } from '../../lib/relevance/terms';

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
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const since = (started: number) => performance.now() - started;
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

export function main(args: readonly string[] = process.argv.slice(2)): Record<string, number> {
  const seenCount = Number(args.find((arg) => arg.startsWith('--seen='))?.slice(7) ?? 100_000);

  const figures: Record<string, number> = {};
  const tags = ['rl', 'llm', 'vision', 'systems', 'theory'];
  // Memory first, on a quiet heap: a model with 10,000 saved papers over a corpus of 10,000 (the corpus table apart).
  {
    const small = FeatureCorpus.of(papers(10_000, 7));
    const tenThousand = papers(10_000, 6);
    const before = heap();
    const big = new InterestModel(small);
    tenThousand.forEach((paper, i) => big.apply({ ...paper, saved: true, dismissed: false, tags: [tags[i % tags.length]] }));
    big.score(tenThousand[0]);
    figures.modelBytesAt10kSaved = heap() - before;
    const gcOn = Boolean((globalThis as { gc?: unknown }).gc);
    console.log(`model memory at 10,000 saved papers (inverted lists built, 8 MB seen table included): ${mb(figures.modelBytesAt10kSaved)}${gcOn ? '' : ' (no --expose-gc: rough)'}; the corpus table is 4 MB more`);
  }
  const seen = papers(seenCount, 1);
  let started = performance.now();
  let cpu = process.cpuUsage();
  const corpus = new FeatureCorpus();
  const model = new InterestModel(corpus);
  // The first build: every seen paper hashed once, counted in the corpus, then added to the seen centroid.
  const seenFeatures = seen.map((paper) => paperFeatures(paper));
  for (const features of seenFeatures) corpus.add(features);
  for (const features of seenFeatures) model.observe(features);
  figures.firstBuildMs = since(started);
  figures.firstBuildCpuMs = cpuSince(cpu);
  console.log(`first build: corpus + seen centroid over ${seenCount} seen papers: ${(figures.firstBuildMs / 1000).toFixed(2)} s (CPU ${(figures.firstBuildCpuMs / 1000).toFixed(2)} s, ${((1000 * figures.firstBuildCpuMs) / seenCount).toFixed(1)} µs/paper)`);
  seenFeatures.length = 0;

  papers(1_000, 2).forEach((paper, i) => model.apply({ ...paper, saved: true, dismissed: false, tags: [tags[i % tags.length]] }));
  papers(200, 3).forEach((paper) => model.apply({ ...paper, saved: false, dismissed: true, tags: [] }));
  const probe = papers(1, 9)[0];
  started = performance.now();
  cpu = process.cpuUsage();
  model.score(probe); // builds the inverted lists over the 1,200 examples added since
  figures.indexBuildMs = since(started);
  figures.indexBuildCpuMs = cpuSince(cpu);
  console.log(`inverted lists over 1,000 saved + 200 hidden, built on the first score: ${figures.indexBuildMs.toFixed(1)} ms (CPU ${figures.indexBuildCpuMs.toFixed(1)} ms)`);

  const listing = papers(2_000, 4);
  const scoreRuns: number[] = [];
  const cpuRuns: number[] = [];
  const pathRuns: number[] = [];
  const pathCpuRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    started = performance.now();
    cpu = process.cpuUsage();
    for (const paper of listing) model.score(paper);
    cpuRuns.push(cpuSince(cpu) / listing.length);
    scoreRuns.push(since(started) / listing.length);
    // What the background does per unseen card of a `cards/relevance` request: hash, count, observe, score.
    const fresh = papers(2_000, 10 + run);
    started = performance.now();
    cpu = process.cpuUsage();
    for (const paper of fresh) {
      const features = paperFeatures(paper);
      corpus.add(features);
      model.observe(features);
      model.score(features);
    }
    pathRuns.push(since(started) / fresh.length);
    pathCpuRuns.push(cpuSince(cpu) / fresh.length);
  }
  figures.scoreMsPerCard = median(scoreRuns);
  figures.scoreCpuMsPerCard = median(cpuRuns);
  figures.requestMsPerCard = median(pathRuns);
  figures.requestCpuMsPerCard = median(pathCpuRuns);
  console.log(`score a 2,000-entry listing, 1,000 saved + 200 hidden + ${seenCount} seen: median ${figures.scoreMsPerCard.toFixed(3)} ms/card (runs ${scoreRuns.map((r) => r.toFixed(3)).join(', ')}); CPU ${figures.scoreCpuMsPerCard.toFixed(3)} ms/card`);
  console.log(`  whole request path per new card (hash, corpus, seen centroid, score): median ${figures.requestMsPerCard.toFixed(3)} ms/card; CPU ${figures.requestCpuMsPerCard.toFixed(3)} ms/card`);

  started = performance.now();
  cpu = process.cpuUsage();
  model.reweigh();
  figures.reweighMs = since(started);
  figures.reweighCpuMs = cpuSince(cpu);
  console.log(`re-weigh 1,200 examples (the corpus grew by 10 %): ${figures.reweighMs.toFixed(1)} ms (CPU ${figures.reweighCpuMs.toFixed(1)} ms)`);

  const updates: number[] = [];
  const withScore: number[] = [];
  for (const paper of papers(200, 5)) {
    cpu = process.cpuUsage();
    model.apply({ ...paper, saved: true, dismissed: false, tags: ['rl'] });
    updates.push(cpuSince(cpu));
    model.score(probe); // every 64 saves this one rebuilds the lists
    withScore.push(cpuSince(cpu));
  }
  figures.updateMedianMs = median(updates);
  figures.updateMaxMs = Math.max(...updates);
  figures.updateWithRebuildMaxMs = Math.max(...withScore);
  console.log(`model update after a save (200 saves, CPU time): median ${figures.updateMedianMs.toFixed(3)} ms, max ${figures.updateMaxMs.toFixed(3)} ms; with the next score (a list rebuild every 64 saves): max ${figures.updateWithRebuildMaxMs.toFixed(1)} ms`);

  figures.loadAverage = os.loadavg()[0];
  console.log(`load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  const out = args.indexOf('--json');
  if (out >= 0) writeFileSync(args[out + 1], JSON.stringify(figures, null, 2));
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
