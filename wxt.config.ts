import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { SUPPORTED_HOST_PATTERNS } from './lib/sites/hosts';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Shelfmark',
    description:
      'Remembers the research papers you saw, saved and dismissed on Hugging Face Papers and arXiv: save, tag, note, hide duplicates, search.',
    permissions: ['storage', 'unlimitedStorage'],
    // Loopback: Send to Zotero posts to the Zotero desktop connector at http://127.0.0.1:23119 (see README).
    host_permissions: [...SUPPORTED_HOST_PATTERNS, 'http://127.0.0.1/*'],
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
    // lodash.merge holds `Function('return this')`, which the Firefox linter reports as eval (see the module).
    resolve: { alias: { 'lodash.merge': fileURLToPath(new URL('./lib/vendor/lodash-merge.ts', import.meta.url)) } },
  }),
});
