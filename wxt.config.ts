import { defineConfig } from 'wxt';
import { LOOPBACK_SYNC_PATTERNS, SYNC_SERVER_PATTERNS } from './lib/sync/permissions';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Shelfmark',
    description:
      'Remembers the research papers you saw, saved and dismissed on Hugging Face Papers and arXiv: save, tag, note, hide duplicates, search.',
    // Each one is justified in the README ("Permissions"). The content scripts' matches are the only site access:
    // no host permission is asked for for sites. `alarms` schedules sync; loopback hosts (a WebDAV server on this
    // machine) are declared up front, any other sync server origin is asked for when the user turns sync on.
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
    host_permissions: [...LOOPBACK_SYNC_PATTERNS],
    ...(manifestVersion === 3 ? { optional_host_permissions: [...SYNC_SERVER_PATTERNS] } : { optional_permissions: [...SYNC_SERVER_PATTERNS] }),
    action: { default_title: 'Shelfmark: search your papers' },
    commands: {
      // The toolbar popup is the quick search; MV2 (Firefox) names the same command differently.
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open Shelfmark quick search',
      },
    },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'shelfmark@shelfmark.app', strict_min_version: '115.0' } } } : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
