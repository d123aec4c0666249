import { describe, expect, it } from 'vitest';
import { exportBackupJson } from '../../lib/backup/format';
import { parseBackup } from '../../lib/backup/validate';
import { fixedLibrary } from '../fixtures/library/fixed-library';
import { PAPER_FLAG } from '../../lib/search/document';
import { parseQuery } from '../../lib/search/query';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../lib/settings';
import { CONTENT_MATCHES, SUPPORTED_HOST_PATTERNS, siteOfUrl } from '../../lib/sites/hosts';
import { LIMITS, papersPerViewOn } from '../../lib/messaging/limits';
import { SITE_ADAPTERS } from '../../lib/sites/index';
import { SITES, SITE_KEYS } from '../../lib/sites/registry';

describe('SITES registry', () => {
  it('gives every site a distinct key and a distinct, stable search flag (hf and arxiv keep theirs)', () => {
    expect(new Set(SITE_KEYS).size).toBe(SITES.length);
    const bits = SITE_KEYS.map((key) => PAPER_FLAG[key]);
    expect(new Set([...bits, PAPER_FLAG.saved, PAPER_FLAG.seen, PAPER_FLAG.dismissed]).size).toBe(SITES.length + 3);
    expect(PAPER_FLAG.hf).toBe(8);
    expect(PAPER_FLAG.arxiv).toBe(16);
  });

  it('has one adapter per site, and every match pattern is under a host permission', () => {
    expect(SITE_ADAPTERS.map((adapter) => adapter.key).sort()).toEqual([...SITE_KEYS].sort());
    for (const match of CONTENT_MATCHES) {
      const host = new URL(match.replace('*', 'x')).host;
      expect(SUPPORTED_HOST_PATTERNS.some((pattern) => new URL(pattern.replace('*', 'x')).host === host)).toBe(true);
    }
  });

  it('turns on every site by default and keeps per-site duplicate modes for new sites', () => {
    for (const key of SITE_KEYS) expect(DEFAULT_SETTINGS.sites[key]).toBe(true);
    const settings = normalizeSettings({ duplicates: { perSite: { openreview: 'dim', bogus: 'hide' } } });
    expect(settings.duplicates.perSite).toEqual({ openreview: 'dim' });
  });

  it('lets the popup filter by every site and its aliases', () => {
    expect(parseQuery('site:openreview').filters.sites).toEqual(['openreview']);
    expect(parseQuery('site:nips').filters.sites).toEqual(['neurips']);
    expect(parseQuery('site:ACL-Anthology').filters.sites).toEqual(['acl']);
    expect(parseQuery('site:github').filters.sites).toEqual([]);
  });

  it('accepts sightings of new sites in a backup', () => {
    const [paper] = fixedLibrary();
    const sighting = (site: string) => ({ paperId: paper.id, viewId: 'v', site, url: 'https://openreview.net/forum?id=x', label: 'l', at: 1 });
    const file = () => JSON.parse(exportBackupJson({ papers: [paper], sightings: [], settings: [] }, 0)) as Record<string, unknown>;
    const withSighting = (site: string) => JSON.stringify({ ...file(), sightings: [sighting(site)] });
    expect(parseBackup(withSighting('openreview')).ok).toBe(true);
    expect(parseBackup(withSighting('myspace')).ok).toBe(false);
  });
});

describe('a tab address to its site, and that site\'s per-view cap', () => {
  it.each([
    ['https://proceedings.neurips.cc/paper_files/paper/2024', 'neurips', LIMITS.papersPerLargeView],
    ['https://proceedings.mlr.press/v267/', 'pmlr', LIMITS.papersPerLargeView],
    ['https://openaccess.thecvf.com/CVPR2025?day=all', 'cvf', LIMITS.papersPerLargeView],
    ['https://aclanthology.org/events/acl-2025/', 'acl', LIMITS.papersPerLargeView],
    ['https://huggingface.co/papers/date/2026-10-05', 'hf', LIMITS.papersPerView],
    ['https://arxiv.org/list/cs.LG/new', 'arxiv', LIMITS.papersPerView],
    ['https://scholar.google.com/scholar?q=x', 'scholar', LIMITS.papersPerView],
    ['https://proceedings.neurips.cc.evil.example/paper_files/x', undefined, LIMITS.papersPerView],
    ['https://example.org/?u=https://proceedings.mlr.press/v267/', undefined, LIMITS.papersPerView],
  ])('%s', (url, site, cap) => {
    expect(siteOfUrl(url)).toBe(site);
    expect(papersPerViewOn(siteOfUrl(url))).toBe(cap);
  });
});
