import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { DEFAULT_SETTINGS, duplicateModeFor, normalizeSettings, readSettings, updateSettings } from '../../lib/settings';

describe('settings', () => {
  it('starts from defaults and stores partial updates', async () => {
    const db = new ShelfmarkDb('settings-test');
    expect(await readSettings(db)).toEqual(DEFAULT_SETTINGS);
    await updateSettings(db, { sites: { arxiv: false }, duplicates: { perSite: { hf: 'hide' }, kinds: { seen: false } } });
    const settings = await readSettings(db);
    expect(settings.sites).toEqual({ ...DEFAULT_SETTINGS.sites, arxiv: false });
    expect(settings.duplicates.kinds).toEqual({ ...DEFAULT_SETTINGS.duplicates.kinds, seen: false });
    expect(duplicateModeFor(settings, 'hf')).toBe('hide');
    expect(duplicateModeFor(settings, 'arxiv')).toBe(DEFAULT_SETTINGS.duplicates.defaultMode);
    await db.delete();
  });

  it('ignores stored values of the wrong shape', () => {
    expect(normalizeSettings({ sites: { hf: 'yes' }, duplicates: 7, extra: 1 })).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ duplicates: { defaultMode: 'loud', perSite: { hf: 'bogus', arxiv: 'off', x: 'hide' } } }).duplicates).toEqual({
      ...DEFAULT_SETTINGS.duplicates,
      perSite: { arxiv: 'off' },
    });
    expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
