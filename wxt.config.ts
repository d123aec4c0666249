import { defineConfig } from 'wxt';
import { SUPPORTED_HOST_PATTERNS } from './lib/sites/hosts';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: {
    name: 'Shelfmark',
    description:
      'Remembers the research papers you saw, saved and dismissed on Hugging Face Papers and arXiv: save, tag, note, hide duplicates, search.',
    permissions: ['storage', 'unlimitedStorage'],
    host_permissions: [...SUPPORTED_HOST_PATTERNS],
    action: { default_title: 'Shelfmark: search your papers' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open Shelfmark quick search',
      },
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
