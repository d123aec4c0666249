import { defineConfig } from 'wxt';
import { SUPPORTED_HOST_PATTERNS } from './lib/sites/hosts';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    // Store-facing strings live in public/_locales/<lang>/messages.json: a translation is one more file.
    name: '__MSG_name__',
    description: '__MSG_description__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage'],
    host_permissions: [...SUPPORTED_HOST_PATTERNS],
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
  }),
});
