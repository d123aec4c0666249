// `npm run bench`: every benchmark in one run, each printing its own table. Figures, not assertions.
import os from 'node:os';
import { main as arxivAnnotate } from './bench/arxiv-annotate';
import { main as busyPage } from './bench/busy-page';
import { main as nearDuplicates } from './bench/near-duplicates';
import { main as popupOpen } from './bench/popup-open';
import { main as restore } from './bench/restore';
import { main as restoreBrowser } from './bench/restore-browser';
import { main as autoBackup } from './bench/auto-backup';
import { main as search } from './bench/search';
import { main as siteAdapters } from './bench/site-adapters';
import { main as sitePages } from './bench/site-pages';
import { main as transfer } from './bench/transfer';
import { main as sync } from './bench/sync';
import { main as syncBrowser } from './bench/sync-browser';
import { main as relevance } from './bench/relevance';

const benches: Array<[string, () => unknown]> = [
  ['Near-duplicate check per card (10k and 100k stored papers)', () => nearDuplicates([])],
  ['Quick search (1k, 10k, 50k, 100k papers)', () => search([])],
  ['Quick search popup in Chromium at 100k papers: open to first results, index ready, typing, heap', () => popupOpen(['--size=100000', '--runs=3'])],
  ['Export and import of a 10k-paper library', () => transfer()],
  ['Sync through WebDAV (rclone): first sync of 100k papers, a second device, 50 changes', () => sync()],
  ['Sync in Chromium: a fresh profile turns sync on with 100k papers on the server, then 50 changes', () => syncBrowser()],
  ['Restore of a 100k-paper backup (plain and gzip) and the gzip backup of a 100k library', () => restore()],
  ['Restore in Chromium: a 100k-paper backup (plain and gzip) chosen in Options, wall time, page and worker heap', () => restoreBrowser([])],
  ['Automatic backup of a 100k library (time, CPU and longest block of the building thread, file size)', () => autoBackup()],
  ['For you: scoring a 2000-entry listing (1k saved, 100k seen), update after a save, memory at 10k saved', () => relevance([])],
  ['arXiv listing annotation in Chromium (50, 500, 2000 entries) and bundle sizes', () => arxivAnnotate([])],
  ['Site adapters: per-card read cost on the largest page of each site (Node, happy-dom)', () => siteAdapters()],
  ['Site pages in Chromium: per-card cost of the content script on the largest page of each site', () => sitePages([])],
  ['Busy and huge pages: a 20,000-card listing (load, churn) and applying 2,000 changes', () => busyPage([])],
];

const only = process.argv.slice(2);
console.log(`Shelfmark benchmarks — ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
for (const [title, run] of benches) {
  if (only.length && !only.some((word) => title.toLowerCase().includes(word.toLowerCase()))) continue;
  console.log(`\n## ${title}\n`);
  await run();
}
