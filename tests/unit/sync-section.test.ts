import { describe, expect, it } from 'vitest';
import { statusLine } from '../../components/options/SyncSection';
import type { SyncView } from '../../lib/sync/handlers';
import { originPattern } from '../../lib/sync/permissions';

const NOW = Date.UTC(2026, 11, 1, 12);
const config = { serverUrl: 'https://cloud.example.org/remote.php/dav/files/ada/', username: 'ada', folder: 'Shelfmark', encrypted: false };
const status = { running: false, lastSyncedAt: NOW - 2 * 60_000, lastAttemptAt: NOW - 2 * 60_000, devices: 3, papers: 48210, error: null, warnings: [] };

describe('Options → Sync', () => {
  it('says when it last synced, how many devices and papers', () => {
    expect(statusLine({ config, status }, NOW)).toBe('Last synced 2 minutes ago · 3 devices · 48,210 papers');
  });

  it('says why the last run failed', () => {
    const view: SyncView = { config, status: { ...status, error: 'The server refused the username or password' } };
    expect(statusLine(view, NOW)).toBe('The server refused the username or password. Last synced 2 minutes ago.');
    expect(statusLine({ config: null, status }, NOW)).toBe('Sync is off.');
  });

  it('asks for exactly the server origin', () => {
    expect(originPattern('https://cloud.example.org/remote.php/dav/files/ada/')).toBe('https://cloud.example.org/*');
    expect(() => originPattern('ftp://cloud.example.org/')).toThrow(/https/);
  });
});
