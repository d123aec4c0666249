/**
 * Sync through a real WebDAV server (rclone serve webdav on 127.0.0.1:18790): first sync of a library to an empty
 * server, first sync of a second (empty) device, then an incremental sync after 50 changes, up and down.
 * Prints wall time, requests and bytes per step. Run: npx tsx scripts/bench/sync.ts [papers]
 */
import 'fake-indexeddb/auto';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ShelfmarkDb } from '../../lib/db';
import { changePaper } from '../../lib/library';
import { enableSync, runSync, type SyncConfig } from '../../lib/sync/engine';
import type { TransferMeter } from '../../lib/sync/webdav';
import { startDavServer } from '../../tests/helpers/rclone';
import { library } from './transfer';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function main(size = 100_000): Promise<void> {
  const server = await startDavServer(18790);
  try {
    const config: SyncConfig = { serverUrl: server.url, username: server.user, password: server.pass, folder: 'bench', passphrase: '' };
    const a = new ShelfmarkDb(`bench-sync-a-${Date.now()}`);
    const b = new ShelfmarkDb(`bench-sync-b-${Date.now()}`);
    const { papers, sightings } = library(size);
    await a.papers.bulkPut(papers);
    await a.sightings.bulkAdd(sightings);
    await enableSync(a, config, Date.now());
    await enableSync(b, config, Date.now());
    const rows: string[][] = [];
    const step = async (label: string, db: ShelfmarkDb) => {
      const meter: TransferMeter = { requests: 0, bytesUp: 0, bytesDown: 0 };
      const start = performance.now();
      const cpu = process.cpuUsage();
      const status = await runSync(db, { now: Date.now, meter });
      if (status.error) throw new Error(`${label}: ${status.error}`);
      const used = process.cpuUsage(cpu);
      // CPU time of this process beside wall time: the machine is shared, so wall time says as much about the others.
      rows.push([label, `${((performance.now() - start) / 1000).toFixed(2)} s`, `${((used.user + used.system) / 1e6).toFixed(2)} s`, String(meter.requests), kb(meter.bytesUp), kb(meter.bytesDown)]);
    };
    await step(`first sync, ${size.toLocaleString('en')} papers to an empty server`, a);
    await step('first sync of a second, empty device', b);
    if ((await b.papers.count()) !== size) throw new Error(`the second device has ${await b.papers.count()} papers, not ${size}`);
    for (let i = 0; i < 50; i++) await changePaper(a, papers[i * 7].id, { kind: 'add-tags', tags: [`bench-${i % 5}`] }, Date.now());
    await step('incremental after 50 changes: the device that made them', a);
    await step('incremental after 50 changes: the other device', b);
    console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
    console.log('| step | wall time | CPU (this process) | requests | sent | received |\n|---|---|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main(Number(process.argv[2]) || undefined);
