import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTROLS_TAG, mountControls } from '../components/controls/mount';
import { onLibraryChange, request } from '../lib/messaging/client';
import { startCardLayer } from '../lib/page/card-layer';
import { injectPageStyles, pageStyles } from '../lib/page/page-styles';
import { ARXIV_MATCHES, HUGGING_FACE_PAPERS_MATCHES } from '../lib/sites/hosts';
import { adapterFor } from '../lib/sites/index';

export default defineContentScript({
  matches: [...HUGGING_FACE_PAPERS_MATCHES, ...ARXIV_MATCHES],
  runAt: 'document_end',
  async main(ctx) {
    const adapter = adapterFor(new URL(location.href));
    if (!adapter) return;
    const settings = await request('settings/get', {});
    if (!settings.sites[adapter.key] || ctx.signal.aborted) return;

    injectPageStyles(document, pageStyles(CONTROLS_TAG) + (adapter.pageStyles ?? ''), ctx.signal);
    const layer = startCardLayer({
      adapter,
      doc: document,
      signal: ctx.signal,
      sync: (view, papers) => request('cards/sync', { view, papers }),
      change: (id, change, paper) => request('paper/change', { id, change, paper }),
      tagSuggestions: async () => (await request('tags/counts', {})).map((entry) => entry.tag),
      mount: mountControls,
      now: Date.now,
      newViewId: () => crypto.randomUUID(),
      ownTagName: CONTROLS_TAG,
    });
    onLibraryChange((change) => layer.applyChanges(change.states), ctx.signal);
    await layer.scan();
  },
});
