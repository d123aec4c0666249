import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTROLS_TAG, mountControls } from '../components/controls/mount';
import { BAR_TAG, mountDuplicateBar } from '../components/duplicate-bar/mount';
import { HELP_TAG, helpOverlay } from '../components/keyboard-help/mount';
import { onLibraryChange, onSettingsChange, request } from '../lib/messaging/client';
import { startCardLayer } from '../lib/page/card-layer';
import { injectPageStyles, pageStyles } from '../lib/page/page-styles';
import { startKeyboardTriage } from '../lib/page/keyboard-triage';
import { holdBackCards } from '../lib/page/prehide';
import { timed } from '../lib/page/work-timing';
import { duplicateModeFor } from '../lib/settings';
import { CONTENT_MATCHES } from '../lib/sites/hosts';
import { adapterFor } from '../lib/sites/index';

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  // Started before the page paints, so cards the duplicate filter hides are never drawn first and removed after.
  runAt: 'document_start',
  async main(ctx) {
    const adapter = adapterFor(new URL(location.href));
    if (!adapter) return;
    const release = timed('start', 'first-screen', () => holdBackCards(document, adapter, ctx.signal));
    try {
      const settings = await request('settings/get', {});
      const mode = duplicateModeFor(settings, adapter.key);
      if (!settings.sites[adapter.key] || ctx.signal.aborted) return;
      if (mode !== 'hide') release();
      await domReady();
      if (ctx.signal.aborted) return;

      const layer = timed('start', 'first-screen', () => {
        injectPageStyles(document, pageStyles(CONTROLS_TAG, BAR_TAG) + (adapter.pageStyles ?? ''), ctx.signal);
        return startCardLayer({
          adapter,
          doc: document,
          signal: ctx.signal,
          sync: (view, papers) => request('cards/sync', { view, papers }),
          change: (id, change, paper) => request('paper/change', { id, change, paper }),
          relevance: (papers) =>
            request('cards/relevance', {
              cards: papers.map(({ id, title, abstract, summary }) => ({ id, title, abstract, summary })),
            }),
          tagSuggestions: async () => (await request('tags/counts', {})).map((entry) => entry.tag),
          sendToZotero: (id) => request('zotero/send', { ids: [id] }),
          mount: mountControls,
          mountBar: mountDuplicateBar,
          filter: { mode, kinds: settings.duplicates.kinds },
          saveFilter: async ({ mode: nextMode, kinds }) => {
            await request('settings/update', {
              duplicates: { ...(nextMode ? { perSite: { [adapter.key]: nextMode } } : {}), ...(kinds ? { kinds } : {}) },
            });
          },
          now: Date.now,
          newViewId: () => crypto.randomUUID(),
          onFirstScreen: release,
          ownTagNames: [CONTROLS_TAG, BAR_TAG, HELP_TAG],
        });
      });
      if (settings.keyboard) {
        const open = (url: string) => void window.open(url, '_blank', 'noopener');
        startKeyboardTriage({ doc: document, cards: layer.triageCards, open, toggleHelp: helpOverlay(document) }, ctx.signal);
      }
      // A broadcast names the changed papers this tab shows; their states are asked for, never pushed.
      onLibraryChange((change) => {
        request('papers/states', { ids: change.ids }).then(layer.applyChanges, (error) =>
          console.warn('Shelfmark: could not refresh changed papers', error),
        );
      }, ctx.signal);
      onSettingsChange(({ settings: next }) => {
        layer.applyFilter({ mode: duplicateModeFor(next, adapter.key), kinds: next.duplicates.kinds });
      }, ctx.signal);
      await layer.scan();
    } catch (error) {
      console.warn('Shelfmark: not augmenting this page', error);
    } finally {
      release();
    }
  },
});

function domReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
