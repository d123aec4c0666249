import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Shelfmark',
    description:
      'Remembers the research papers you saw, saved and dismissed on Hugging Face Papers and arXiv: save, tag, note, hide duplicates, search.',
    // Each one is justified in the README ("Permissions"). The content scripts' matches are the only site access:
    // no host permission is asked for.
    permissions: ['storage', 'unlimitedStorage'],
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
