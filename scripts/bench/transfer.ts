/**
 * Export and import of a 10k-paper library: prints time and output size per format.
 * Run: npx tsx scripts/bench/transfer.ts [papers]
 */
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ShelfmarkDb, type SightingRow } from '../../lib/db';
import { exportBackupJson } from '../../lib/backup/format';
import { readSnapshot } from '../../lib/backup/snapshot';
import { parseBackup } from '../../lib/backup/validate';
import { wipeLibrary } from '../../lib/backup/wipe';
import { exportBibtex } from '../../lib/export/bibtex';
import { exportCsv } from '../../lib/export/csv';
import { exportMarkdown } from '../../lib/export/markdown';
import { exportRis } from '../../lib/export/ris';
import { applyImport } from '../../lib/import/apply';
import { parseBibtexImport, type BibtexImportEntry } from '../../lib/import/bibtex';
import type { PaperRecord } from '../../lib/paper';

const WORDS = 'model data learning distributed scaling federated graph diffusion survey efficient sparse training'.split(' ');
const NAMES = ['Wei Zhang', 'Anna van der Berg', 'Jürgen Weiß', 'Åsa Nyström', 'Seán Ó Briain', 'Mei Lin', 'Kenji Watanabe'];

/** A deterministic library: arXiv-sized abstracts, a few authors, tags on a third, three sightings each. */
export function library(size: number): { papers: PaperRecord[]; sightings: SightingRow[] } {
  const papers: PaperRecord[] = [];
  const sightings: SightingRow[] = [];
  for (let i = 0; i < size; i++) {
    const word = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length];
    const id = `arxiv:25${String((i % 12) + 1).padStart(2, '0')}.${String(i).padStart(5, '0')}` as const;
    const rows = [0, 1, 2].map((k) => ({ viewId: `v${i}-${k}`, site: 'hf' as const, url: 'https://huggingface.co/papers', label: 'HF daily', at: 1_700_000_000_000 + i * 1000 + k }));
    sightings.push(...rows.map((row) => ({ ...row, paperId: id })));
    papers.push({
      id,
      title: `${word(0)} ${word(1)} for ${word(2)} $\\times$ ${word(3)} & 100% ${i}`,
      authors: [0, 1, 2, 3].map((k) => NAMES[(i + k) % NAMES.length]),
      abstract: Array.from({ length: 180 }, (_, k) => word(k)).join(' '),
      url: `https://huggingface.co/papers/${id.slice(6)}`,
      published: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
      arxiv: { primaryCategory: 'cs.LG', categories: ['cs.LG', 'cs.AI'] },
      savedAt: i % 2 ? 1_700_000_000_000 + i : null,
      dismissedAt: null,
      tags: i % 3 ? [] : [word(4), word(5)],
      note: i % 5 ? '' : `note ${i}, with "quotes"\nand a second line`,
      status: i % 4 ? null : 'to-read',
      edited: i % 2 ? { savedAt: 1_700_000_000_000 + i } : {},
      firstSeenAt: rows[0].at,
      lastSeenAt: rows[2].at,
      seenCount: 3,
      firstSighting: rows[0],
      lastSighting: rows[2],
      previousSighting: rows[1],
      updatedAt: rows[2].at,
    });
  }
  return { papers, sightings };
}

async function timed<T>(label: string, run: () => T | Promise<T>, size?: (value: T) => number): Promise<T> {
  const start = performance.now();
  const value = await run();
  const ms = performance.now() - start;
  const bytes = size ? `  ${(size(value) / 1024 / 1024).toFixed(2)} MB` : '';
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms${bytes}`);
  return value;
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

export async function main(size = 10_000): Promise<void> {
  const { papers, sightings } = library(size);
  console.log(`Library: ${papers.length} papers, ${sightings.length} sightings`);
  await timed('export Markdown (by tag)', () => exportMarkdown(papers), utf8);
  await timed('export BibTeX', () => exportBibtex(papers), utf8);
  await timed('export CSV', () => exportCsv(papers), utf8);
  await timed('export RIS', () => exportRis(papers), utf8);

  const db = new ShelfmarkDb(`bench-transfer-${Date.now()}`);
  try {
    await db.papers.bulkPut(papers);
    await db.sightings.bulkAdd(sightings);
    const snapshot = await timed('read snapshot (fake-indexeddb)', () => readSnapshot(db));
    const json = await timed('export JSON backup', () => exportBackupJson(snapshot, Date.now()), utf8);
    const parsed = await timed('parse + validate JSON backup', () => parseBackup(json));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    await timed('wipe library', () => wipeLibrary(db));
    await timed('import backup into empty library', () => applyImport(db, { kind: 'backup', backup: parsed.value }, Date.now()));
    await timed('import backup again (all unchanged)', () => applyImport(db, { kind: 'backup', backup: parsed.value }, Date.now()));
    // The exported BibTeX read back: a 1k slice, then the whole library (TeX in every title, arXiv-length abstracts).
    const bibSizes = [...new Set([Math.min(size, 1000), size])];
    let entries: BibtexImportEntry[] = [];
    for (const count of bibSizes) {
      const bib = exportBibtex(papers.slice(0, count));
      const parsedBib = await timed(`parse BibTeX (${count} entries)`, () => parseBibtexImport(bib));
      if (!parsedBib.ok) throw new Error(parsedBib.errors.join('\n'));
      entries = parsedBib.value;
    }
    await timed(`import ${entries.length} BibTeX entries (merge)`, () => applyImport(db, { kind: 'bibtex', entries }, Date.now()));
  } finally {
    db.close();
    await db.delete();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv[2] ? Number(process.argv[2]) : undefined);
}
