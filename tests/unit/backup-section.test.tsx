// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupSection, lastBackupLine } from '../../components/options/BackupSection';
import type { Requester } from '../../components/shared-ui/requester';
import { DEFAULT_AUTO_BACKUP } from '../../lib/auto-backup/policy';
import type { AutoBackupStatus } from '../../lib/auto-backup/writer';

const NOW = Date.UTC(2026, 11, 2, 9, 0);
const PATH = '/home/ada/Downloads/Shelfmark/shelfmark-backup-2026-12-02-0600.json.gz';
const status = (patch: Partial<AutoBackupStatus> = {}): AutoBackupStatus => ({
  config: DEFAULT_AUTO_BACKUP,
  files: [],
  lastAttempt: null,
  next: null,
  warning: null,
  running: false,
  ...patch,
});

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('Options → Automatic backups', () => {
  it('says when and where the last backup was written, or that none was yet', () => {
    expect(lastBackupLine(status(), NOW)).toMatch(/^No automatic backup yet/);
    const written = status({ files: [{ downloadId: 3, path: PATH, at: NOW - 3 * 3_600_000, bytes: 4_200_000, exists: true }] });
    expect(lastBackupLine(written, NOW)).toBe(`Last backup 3 hours ago: ${PATH} (4.2 MB).`);
  });

  it('shows the warning, sends the settings and "Back up now", and reports a failed backup', async () => {
    const calls: [string, unknown][] = [];
    const send = (async (type: string, payload: unknown) => {
      calls.push([type, payload]);
      if (type === 'backup/status') return status({ warning: 'No automatic backup has been written since 11/28/2026.' });
      if (type === 'backup/configure') return status({ config: { ...DEFAULT_AUTO_BACKUP, ...(payload as object) } });
      return { result: { failed: 'the download was interrupted (FILE_NO_SPACE)' }, status: status() };
    }) as Requester;
    render(<BackupSection send={send} now={() => NOW} />, root);
    await vi.waitFor(() => expect(root.querySelector('[role=alert]')?.textContent).toBe('No automatic backup has been written since 11/28/2026.'));

    const every = root.querySelector<HTMLSelectElement>('select[aria-label="Back up every"]')!;
    every.value = 'week';
    act(() => void every.dispatchEvent(new Event('change', { bubbles: true })));
    await vi.waitFor(() => expect(calls).toContainEqual(['backup/configure', { every: 'week' }]));
    await vi.waitFor(() => expect(root.querySelector<HTMLSelectElement>('select[aria-label="Back up every"]')!.value).toBe('week'));

    const button = [...root.querySelectorAll('button')].find((candidate) => candidate.textContent === 'Back up now')!;
    act(() => button.click());
    await vi.waitFor(() => expect(root.textContent).toContain('The backup failed: the download was interrupted (FILE_NO_SPACE)'));
    expect(calls.map(([type]) => type)).toEqual(['backup/status', 'backup/configure', 'backup/now']);
  });
});
