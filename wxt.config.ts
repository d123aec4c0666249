import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { LOOPBACK_SYNC_PATTERNS, SYNC_SERVER_PATTERNS } from './lib/sync/permissions';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    // Store-facing strings live in public/_locales/<lang>/messages.json: a translation is one more file.
    name: '__MSG_name__',
    description: '__MSG_description__',
    default_locale: 'en',
    // Each one is justified in the README ("Permissions"). The content scripts' matches are the only site access:
    // no host permission is asked for for sites. `alarms` schedules sync; loopback hosts (a WebDAV server on this
    // machine; Send to Zotero's connector at http://127.0.0.1:23119) are declared up front, any other sync server
    // origin is asked for when the user turns sync on.
    // `downloads` writes the automatic backups into Downloads/Shelfmark/; Chromium's service worker builds the file
    // in an `offscreen` document (Firefox's background page needs none).
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'downloads', ...(manifestVersion === 3 ? ['offscreen'] : [])],
    host_permissions: [...LOOPBACK_SYNC_PATTERNS],
    ...(manifestVersion === 3 ? { optional_host_permissions: [...SYNC_SERVER_PATTERNS] } : { optional_permissions: [...SYNC_SERVER_PATTERNS] }),
    action: { default_title: 'Shelfmark: search your papers' },
    commands: {
      // The toolbar popup is the quick search; MV2 (Firefox) names the same command differently.
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandQuickSearch__',
      },
    },
    // Minimum versions: why these, in docs/store.md.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'shelfmark@shelfmark.app',
              strict_min_version: '140.0',
              // Shelfmark collects nothing: the library stays in the browser unless the user turns on sync or Zotero.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '111' }),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // lodash.merge holds `Function('return this')`, which the Firefox linter reports as eval (see the module).
    resolve: { alias: { 'lodash.merge': fileURLToPath(new URL('./lib/vendor/lodash-merge.ts', import.meta.url)) } },
  }),
});
