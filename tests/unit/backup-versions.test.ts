import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_VERSION } from '../../lib/backup/format';
import { parseBackup } from '../../lib/backup/validate';
import { ShelfmarkDb } from '../../lib/db';
import { applyImport } from '../../lib/import/apply';
import type { PaperId } from '../../lib/ids';

const DIR = join(__dirname, '../fixtures/backups');
const fixture = (version: number) => readFileSync(join(DIR, `v${version}.json`), 'utf8');

describe('backups of every format version keep importing', () => {
  it('has a fixture for each version up to the current one', () => {
    const versions = readdirSync(DIR).filter((name) => /^v\d+\.json$/.test(name)).map((name) => Number(name.slice(1, -5))).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: BACKUP_VERSION }, (_, i) => i + 1));
  });

  it.each(Array.from({ length: BACKUP_VERSION }, (_, i) => i + 1))('version %i restores every paper, sighting and setting', async (version) => {
    const parsed = parseBackup(fixture(version));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.value.version).toBe(version);
    const db = new ShelfmarkDb(`backup-version-${version}`);
    const result = await applyImport(db, { kind: 'backup', backup: parsed.value }, 1);
    expect(result.ok && result.value.report.papers.added).toBe(parsed.value.papers.length);
    expect(await db.papers.count()).toBe(parsed.value.papers.length);
    expect(await db.sightings.count()).toBe(parsed.value.sightings.length);
    expect(await db.settings.count()).toBe(parsed.value.settings.length);
    await db.delete();
  });

  it('saves version 1’s tagged or noted papers that were never saved, as of their last annotation (lib/annotated.ts)', async () => {
    const parsed = parseBackup(fixture(1));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const db = new ShelfmarkDb('backup-version-annotated');
    await applyImport(db, { kind: 'backup', backup: parsed.value }, 1);
    const saved = async (id: PaperId) => (await db.papers.get(id))?.savedAt;
    // Tagged, never saved.
    expect(await saved('arxiv:2502.14311')).toBe(1767244260000);
    // Noted, never saved.
    expect(await saved('arxiv:2107.17118')).toBe(1767258700000);
    expect((await db.papers.get('arxiv:2107.17118'))?.edited.savedAt).toBe(1767258700000);
    // Unsaved on purpose after it was tagged: stays unsaved.
    expect(await saved('arxiv:1810.01244')).toBeNull();
    // Dismissed and tagged: "not for me" stands.
    expect(await saved('arxiv:2302.05630')).toBeNull();
    // Saved ones keep their own save time.
    expect(await saved('arxiv:2505.00398')).toBe(1767226200000);
    await db.delete();
  });
});
