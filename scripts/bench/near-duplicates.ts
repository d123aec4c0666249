/**
 * Near-duplicate benchmark: what checking one page of cards costs against a library of 10k and 100k stored papers.
 * Stored papers are synthesised from the seed papers (titles recombined from seed title words, abstracts from seed
 * sentences with a quarter of their words swapped, so distinct papers do not share whole sentences), with a fixed PRNG.
 *
 *   npx tsx scripts/bench/near-duplicates.ts                    (add --sizes=10000 to pick sizes)
 *   node --expose-gc --import tsx scripts/bench/near-duplicates.ts   (memory after a full GC; without it, rougher)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { NearDuplicateIndex } from '../../lib/dedupe/near-duplicate-index';
import { decodeSignature, encodeSignature, signatureOf } from '../../lib/dedupe/signature';
import { seededRandom as prng } from '../seeded-random';

interface SeedPaper {
  title: string;
  abstract: string;
}

interface SyntheticPaper {
  title: string;
  abstract?: string;
}

const SEEDS_PATH = fileURLToPath(new URL('../../tests/fixtures/seeds/papers.json', import.meta.url));
const DEFAULT_SIZES = [10_000, 100_000];
const PAGE_CARDS = 50;
const PAGES = 20;
/** Share of stored papers and cards without an abstract, as on arXiv /list pages. */
const TITLE_ONLY_SHARE = 0.1;

class PaperFactory {
  private readonly titleWords: string[];
  private readonly sentences: string[][];
  private readonly words: string[];

  constructor(
    seeds: readonly SeedPaper[],
    private readonly random: () => number,
  ) {
    this.titleWords = seeds.flatMap((seed) => seed.title.split(/\s+/)).filter((word) => word.length > 1);
    this.sentences = seeds.flatMap((seed) => seed.abstract.split(/(?<=\.)\s+/)).map((s) => s.split(' ')).filter((s) => s.length > 5);
    this.words = this.sentences.flat();
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  paper(): SyntheticPaper {
    const title = Array.from({ length: this.int(6, 11) }, () => this.pick(this.titleWords)).join(' ');
    if (this.random() < TITLE_ONLY_SHARE) return { title };
    const sentences = Array.from({ length: this.int(5, 10) }, () =>
      this.pick(this.sentences)
        .map((word) => (this.random() < 0.25 ? this.pick(this.words) : word))
        .join(' '),
    );
    return { title, abstract: sentences.join(' ') };
  }

  /** Another version of a stored paper: two thirds of its abstract and a new title suffix. */
  versionOf(paper: SyntheticPaper): SyntheticPaper {
    if (!paper.abstract) return { title: paper.title };
    const words = paper.abstract.split(' ');
    return { title: `${paper.title} (Extended Version)`, abstract: words.slice(0, Math.ceil((words.length * 2) / 3)).join(' ') };
  }
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

interface SizeFigures {
  size: number;
  signatureMs: number;
  encodedBytes: number;
  buildMs: number;
  heapBytes: number;
  cardP50: number;
  cardP95: number;
  pageP50: number;
  pageCpuP50: number;
  flaggedVersions: number;
  plantedVersions: number;
  flaggedOthers: number;
}

function benchmark(size: number, seeds: readonly SeedPaper[]): SizeFigures {
  const factory = new PaperFactory(seeds, prng(size));
  const library = Array.from({ length: size }, () => factory.paper());

  // What storing a paper costs once, and what IndexedDB keeps: one encoded signature per paper.
  let started = performance.now();
  const stored = library.map((paper) => encodeSignature(signatureOf(paper)));
  const signatureMs = (performance.now() - started) / size;
  const encodedBytes = stored.reduce((sum, text) => sum + text.length, 0);

  // Start-up: rebuild the index from stored signatures; the first query folds the additions into the LSH buckets.
  collectGarbage();
  const before = process.memoryUsage();
  started = performance.now();
  const index = new NearDuplicateIndex();
  stored.forEach((text, i) => index.add(`p${i}`, decodeSignature(text)));
  index.query(signatureOf(factory.paper()));
  const buildMs = performance.now() - started;
  collectGarbage();
  const after = process.memoryUsage();
  const heapBytes = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);

  // Pages of 50 cards: mostly unseen papers, 5 versions of stored papers per page.
  const cardTimes: number[] = [];
  const pageTimes: number[] = [];
  // CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
  const pageCpuTimes: number[] = [];
  let flaggedVersions = 0;
  let plantedVersions = 0;
  let flaggedOthers = 0;
  for (let page = 0; page < PAGES; page++) {
    const cards = Array.from({ length: PAGE_CARDS }, (_, i) => {
      if (i % 10 !== 0) return { paper: factory.paper(), versionOf: undefined };
      const target = Math.floor(factory.paper().title.length * 7919 + page * 104729 + i) % size;
      return { paper: factory.versionOf(library[target]), versionOf: `p${target}` };
    });
    const pageStart = performance.now();
    const pageCpuStart = process.cpuUsage();
    for (const card of cards) {
      const cardStart = performance.now();
      const matches = index.query(signatureOf(card.paper));
      cardTimes.push(performance.now() - cardStart);
      if (card.versionOf) plantedVersions++;
      if (card.versionOf && matches.some((m) => m.id === card.versionOf)) flaggedVersions++;
      flaggedOthers += matches.filter((m) => m.id !== card.versionOf).length;
    }
    pageTimes.push(performance.now() - pageStart);
    const cpu = process.cpuUsage(pageCpuStart);
    pageCpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  cardTimes.sort((x, y) => x - y);
  pageTimes.sort((x, y) => x - y);
  pageCpuTimes.sort((x, y) => x - y);
  return {
    size,
    signatureMs,
    encodedBytes,
    buildMs,
    heapBytes,
    cardP50: percentile(cardTimes, 0.5),
    cardP95: percentile(cardTimes, 0.95),
    pageP50: percentile(pageTimes, 0.5),
    pageCpuP50: percentile(pageCpuTimes, 0.5),
    flaggedVersions,
    plantedVersions,
    flaggedOthers,
  };
}

export function main(argv: readonly string[] = process.argv.slice(2)): void {
  const sizesArg = argv.find((arg) => arg.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : DEFAULT_SIZES;
  const seeds = JSON.parse(readFileSync(SEEDS_PATH, 'utf8')) as SeedPaper[];
  const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  console.log(`Near-duplicate check, ${PAGES} pages × ${PAGE_CARDS} cards per library size${hasGc ? '' : ' (no --expose-gc: memory is rough)'}`);
  const rows = sizes.map((size) => benchmark(size, seeds));
  const table = [
    ['stored papers', ...rows.map((r) => r.size.toLocaleString('en'))],
    ['signature per paper', ...rows.map((r) => `${r.signatureMs.toFixed(3)} ms`)],
    ['stored signatures', ...rows.map((r) => megabytes(r.encodedBytes))],
    ['index rebuild', ...rows.map((r) => `${r.buildMs.toFixed(0)} ms`)],
    ['index memory', ...rows.map((r) => megabytes(r.heapBytes))],
    ['per card p50', ...rows.map((r) => `${r.cardP50.toFixed(3)} ms`)],
    ['per card p95', ...rows.map((r) => `${r.cardP95.toFixed(3)} ms`)],
    ['50-card page p50 (wall)', ...rows.map((r) => `${r.pageP50.toFixed(1)} ms`)],
    ['50-card page p50 (CPU)', ...rows.map((r) => `${r.pageCpuP50.toFixed(1)} ms`)],
    ['planted versions found', ...rows.map((r) => `${r.flaggedVersions}/${r.plantedVersions}`)],
    ['other papers flagged', ...rows.map((r) => String(r.flaggedOthers))],
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const row of table) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]))).join('  '));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
