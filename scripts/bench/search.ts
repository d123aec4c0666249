/**
 * Search benchmark: builds, serializes, loads and queries the paper index over synthetic libraries of 1k–100k papers
 * shaped like the seed papers, and compares query times with a linear scan.
 *
 *   npx tsx scripts/bench/search.ts            (add --sizes=1000,10000 to pick sizes, --build-only to time the build alone)
 *   node --expose-gc --import tsx scripts/bench/search.ts   (heap figures after a full GC)
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { PaperId } from '../../lib/ids';
import type { PaperRecord, Sighting, SiteKey } from '../../lib/paper';
import { PaperIndex, type BodyData, type HeadData } from '../../lib/search/paper-index';
import { linearScan, toScanEntry } from '../../lib/search/linear-scan';
import { parseQuery } from '../../lib/search/query';
import { rankPapers } from '../../lib/search/rank';
import { seededRandom as prng } from '../seeded-random';
import { referenceBuildMs } from './machine-speed';

interface SeedPaper {
  title: string;
  abstract: string | null;
  authors: string[];
}

const SEEDS_PATH = fileURLToPath(new URL('../../tests/fixtures/seeds/papers.json', import.meta.url));
const DEFAULT_SIZES = [1_000, 10_000, 50_000, 100_000];
const TAGS = ['rl', 'llm', 'diffusion', 'agents', 'reasoning', 'vision', 'systems', 'to cite', 'multi word', 'theory',
  'distributed', 'survey', 'robotics', 'eval', 'data'];
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 9, 2);

interface Vocabulary {
  titleWords: string[];
  sentences: string[];
  firstNames: string[];
  lastNames: string[];
  syllables: string[];
}

function vocabularyOf(seeds: readonly SeedPaper[]): Vocabulary {
  const titleWords = seeds.flatMap((seed) => seed.title.split(/\s+/)).filter((word) => word.length > 1);
  const sentences = seeds.flatMap((seed) => (seed.abstract ?? '').split(/(?<=\.)\s+/)).filter((s) => s.length > 20);
  const names = seeds.flatMap((seed) => seed.authors).map((name) => name.split(' '));
  const syllables = titleWords.map((word) => word.toLowerCase().replace(/[^a-z]/g, '').slice(0, 3)).filter((s) => s.length === 3);
  return {
    titleWords,
    sentences,
    firstNames: names.map((parts) => parts[0]),
    lastNames: names.map((parts) => parts[parts.length - 1]),
    syllables,
  };
}

/**
 * Real libraries have a long tail of model names and jargon the seeds cannot show; each paper coins one, so the
 * vocabulary grows with the library as it does on arXiv.
 */
function coinName(random: () => number, vocab: Vocabulary): string {
  const pick = () => vocab.syllables[Math.floor(random() * vocab.syllables.length)];
  const name = pick() + pick() + (random() < 0.5 ? pick() : '');
  return name[0].toUpperCase() + name.slice(1) + (random() < 0.3 ? `-${Math.ceil(random() * 9)}B` : '');
}

export function generateLibrary(size: number, seeds: readonly SeedPaper[], seed = 42): PaperRecord[] {
  const random = prng(seed);
  const vocab = vocabularyOf(seeds);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const records: PaperRecord[] = [];
  for (let i = 0; i < size; i += 1) {
    const base = pick(seeds);
    const name = coinName(random, vocab);
    const words = base.title.split(/\s+/).map((word) => (random() < 0.4 ? pick(vocab.titleWords) : word));
    const title = `${name}: ${words.join(' ')}`;
    const sentenceCount = 5 + Math.floor(random() * 5);
    const abstract = Array.from({ length: sentenceCount }, (_, k) => (k === 1 ? `We introduce ${name}. ` : '') + pick(vocab.sentences)).join(' ');
    const authors = Array.from({ length: 1 + Math.floor(random() * 9) }, () => `${pick(vocab.firstNames)} ${pick(vocab.lastNames)}`);
    const site: SiteKey = random() < 0.7 ? 'hf' : 'arxiv';
    const seenAt = NOW - Math.floor(random() * 365 * DAY);
    const day = new Date(seenAt).toISOString().slice(0, 10);
    const sighting: Sighting = {
      viewId: `view-${Math.floor(seenAt / DAY)}-${site}`,
      site,
      url: site === 'hf' ? `https://huggingface.co/papers/date/${day}` : 'https://arxiv.org/list/cs.LG/new',
      label: site === 'hf' ? `HF daily ${day}` : 'arXiv cs.LG new',
      at: seenAt,
    };
    const saved = random() < 0.08;
    const tags = saved && random() < 0.6 ? [...new Set([pick(TAGS), ...(random() < 0.3 ? [pick(TAGS)] : [])])] : [];
    const id = `arxiv:${String(2000 + (i % 600)).padStart(4, '0')}.${String(i).padStart(5, '0')}` as PaperId;
    records.push({
      id,
      title,
      authors,
      abstract,
      url: `https://arxiv.org/abs/${id.slice(6)}`,
      savedAt: saved ? seenAt + DAY : null,
      dismissedAt: !saved && random() < 0.05 ? seenAt : null,
      tags,
      note: saved && random() < 0.2 ? pick(vocab.sentences) : '',
      status: null,
      edited: {},
      firstSeenAt: seenAt,
      lastSeenAt: seenAt,
      seenCount: 1,
      firstSighting: sighting,
      lastSighting: sighting,
      previousSighting: null,
      updatedAt: seenAt,
    });
  }
  return records;
}

/** Each query is typed one keystroke at a time, as in the popup; every prefix is timed. */
export const QUERIES = [
  'pipeline parallelism',
  'distributed training',
  'paralellism',
  'transfromer',
  'diffus',
  'zhang',
  'large language model reasoning',
  '"language models"',
  'tag:rl',
  'is:saved agents',
  'site:arxiv clustering after:2026-03',
  'federated learning is:seen before:2026-06',
];

export function keystrokes(query: string): string[] {
  return Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1)).filter((text) => text.trim().length > 1);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function heapMb(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  // Array buffers are released by a background sweeper after the collection: give it a moment, then collect again.
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  // Typed arrays live outside the JS heap proper; the popup pays for both.
  return (heapUsed + arrayBuffers) / 2 ** 20;
}

/**
 * Wall time and CPU time: the machine is shared, and under load the CPU time (user + system, GC threads included)
 * is the better estimate of what an idle core would take.
 */
function time<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 0);

interface StoredParts {
  head: HeadData;
  body: BodyData;
}

/** Bytes IndexedDB stores for a structured value: typed arrays as-is, strings as UTF-16 at worst. */
function storedBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return value.length * 2;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + storedBytes(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, item) => sum + storedBytes(item), 0);
  return 8;
}

interface Timing {
  ms: number;
  cpuMs: number;
}

/** In its own scope so the built index is garbage before the loaded one is measured; returns only timings and the stored copy. */
function buildAndStore(records: readonly PaperRecord[]): { build: Timing; serialize: Timing; stored?: StoredParts } {
  const built = time(() => PaperIndex.fromRecords(records));
  const serialized = time(() => built.value.toData());
  // IndexedDB keeps a structured clone: cloning once stands in for the stored copy.
  const stored = structuredClone(serialized.value) as StoredParts;
  return { build: { ms: built.ms, cpuMs: built.cpuMs }, serialize: { ms: serialized.ms, cpuMs: serialized.cpuMs }, stored };
}

/** Reading the stored rows back (a structured clone each) and decoding them, as the popup does. */
function loadStored(stored: StoredParts) {
  const headClone = time(() => structuredClone(stored.head));
  const loaded = time(() => PaperIndex.fromHead(headClone.value));
  const bodyClone = time(() => structuredClone(stored.body));
  const attached = time(() => loaded.value.attachBody(bodyClone.value));
  const timing = (run: Timing): Timing => ({ ms: run.ms, cpuMs: run.cpuMs });
  return { index: loaded.value, headClone: timing(headClone), decode: timing(loaded), bodyClone: timing(bodyClone), attach: timing(attached) };
}

async function benchSize(size: number, seeds: readonly SeedPaper[]): Promise<string[]> {
  const records = generateLibrary(size, seeds);
  const heapBefore = await heapMb();
  const built = buildAndStore(records);
  const { build, serialize } = built;
  const headMb = storedBytes(built.stored!.head) / 2 ** 20;
  const bodyMb = storedBytes(built.stored!.body) / 2 ** 20;
  const { index, headClone, decode, bodyClone, attach } = loadStored(built.stored!);
  // Dropped before measuring: the heap figure is the loaded index alone.
  built.stored = undefined;
  const indexHeap = (await heapMb()) - heapBefore;

  const inputs = QUERIES.flatMap(keystrokes).map(parseQuery);
  // Warm the JIT on a throwaway index: warming on the measured one would pre-fill its per-vocabulary expansion cache.
  const warmup = PaperIndex.fromRecords(records.slice(0, 500));
  for (const query of inputs) rankPapers(warmup, query, 30);
  const indexRuns = inputs.map((query) => time(() => rankPapers(index, query, 30)));
  const indexTimes = indexRuns.map((run) => run.ms);
  const indexCpu = indexRuns.map((run) => run.cpuMs);

  const entries = records.map(toScanEntry);
  // Every other keystroke: the scan is the slow side, and the whole run must fit in a few minutes at 100k.
  const scanRuns = inputs.filter((_, i) => i % 2 === 0).map((query) => time(() => linearScan(entries, query, 30)));
  const scanTimes = scanRuns.map((run) => run.ms);
  const scanCpu = scanRuns.map((run) => run.cpuMs);

  const slowest = indexRuns
    .map((run, i) => ({ text: QUERIES.flatMap(keystrokes)[i], ms: run.ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12)
    .map((run) => `${JSON.stringify(run.text)} ${fmt(run.ms)}`)
    .join(' · ');
  const p50 = percentile(indexTimes, 50);
  const p95 = percentile(indexTimes, 95);
  const scanP50 = percentile(scanTimes, 50);
  const scanP95 = percentile(scanTimes, 95);
  const wallCpu = (run: Timing) => `${fmt(run.ms)} ms (cpu ${fmt(run.cpuMs)})`;
  return [
    `${size.toLocaleString('en')} papers`,
    `  build ${wallCpu(build)} · to stored form ${wallCpu(serialize)}`,
    `  stored: head ${headMb.toFixed(1)} MB + abstracts ${bodyMb.toFixed(1)} MB = ${((headMb + bodyMb) * 2 ** 20 / size).toFixed(0)} B/paper`,
    `  load head: clone ${wallCpu(headClone)} + decode ${wallCpu(decode)} · abstracts: clone ${wallCpu(bodyClone)} + attach ${wallCpu(attach)}`,
    `  query (${inputs.length} keystrokes) p50 ${fmt(p50)} ms · p95 ${fmt(p95)} ms · max ${fmt(Math.max(...indexTimes))} ms · cpu p50 ${fmt(percentile(indexCpu, 50))} p95 ${fmt(percentile(indexCpu, 95))} ms`,
    `  slowest keystrokes: ${slowest}`,
    `  linear scan (every 2nd keystroke) p50 ${fmt(scanP50)} ms · p95 ${fmt(scanP95)} ms · scan/index ×${(scanP50 / p50).toFixed(1)} (p50) ×${(scanP95 / p95).toFixed(1)} (p95) · cpu p50 ${fmt(percentile(scanCpu, 50))} p95 ${fmt(percentile(scanCpu, 95))} ms`,
    `  heap: loaded index ≈ ${indexHeap.toFixed(0)} MB, process ${(await heapMb()).toFixed(0)} MB${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: approximate)'}`,
  ];
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const sizesArg = argv.find((arg) => arg.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : DEFAULT_SIZES;
  const seeds = JSON.parse(readFileSync(SEEDS_PATH, 'utf8')) as SeedPaper[];
  const load = (os.loadavg()[0]).toFixed(1);
  console.log(`Search benchmark (Node ${process.version}, ${seeds.length} seed papers, ${os.cpus().length} cores, load average ${load})`);
  console.log(`This machine's speed: indexing 10,000 papers takes ${referenceBuildMs(generateLibrary(10_000, seeds)).toFixed(0)} ms (best of 3)`);
  if (argv.includes('--build-only')) {
    // The cold rebuild alone (no serialization, loading or queries): what a profile of the build should cover.
    for (const size of sizes) {
      const records = generateLibrary(size, seeds);
      const built = time(() => PaperIndex.fromRecords(records));
      console.log(`${size.toLocaleString('en')} papers: build ${fmt(built.ms)} ms (cpu ${fmt(built.cpuMs)})`);
    }
    return;
  }
  for (const size of sizes) console.log((await benchSize(size, seeds)).join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
