import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ShelfmarkDb } from '../lib/db';
import { createHandlers, dispatch } from '../lib/messaging/handlers';
import { LIBRARY_SCOPE, RECENT_SCOPE } from '../lib/search/index-scope';
import { ensureStoredIndex } from '../lib/search/index-store';
import { SimilarPapers } from '../lib/similar-papers';
import { ForYou } from '../lib/relevance/for-you';
import { CONTENT_SCRIPT_REQUESTS, isRequestEnvelope, type Broadcast } from '../lib/messaging/protocol';
import { SUPPORTED_HOST_PATTERNS } from '../lib/sites/hosts';

/** Extension service workers stop after 30 s without extension events or API calls: a long build makes calls. */
async function keptAlive<T>(work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export default defineBackground({
  type: 'module',
  main() {
    const db = new ShelfmarkDb();

    const broadcast = (message: Broadcast) => {
      // Extension pages (popup, reading list) listen on runtime; content scripts on their tab.
      browser.runtime.sendMessage(message).catch(() => {
        // No extension page is open: nobody to tell.
      });
      void browser.tabs.query({ url: [...SUPPORTED_HOST_PATTERNS] }).then((tabs) => {
        for (const tab of tabs) {
          if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
        }
      });
    };

    // After an install or an update (which may change the index's schema) the search indexes are built here when
    // missing or outdated, so the popup finds them ready: building 100k papers takes ≈ 30 s. A popup opened meanwhile
    // answers from the recent papers and waits for the build instead of repeating it.
    const storeSearchIndexes = () =>
      keptAlive(async () => {
        for (const scope of [RECENT_SCOPE, LIBRARY_SCOPE]) await ensureStoredIndex(db, scope);
      }).catch((error: unknown) => console.error('Shelfmark: could not build the search index', error));
    browser.runtime.onInstalled.addListener(() => void storeSearchIndexes());

    const handlers = createHandlers({ db, similar: new SimilarPapers(db), forYou: new ForYou(db), now: Date.now, broadcast });
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      if (!isRequestEnvelope(message)) return undefined;
      // Extension pages (even when open in a tab) have our origin; content scripts report the web page's URL.
      const fromExtensionPage = sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
      if (!fromExtensionPage && !CONTENT_SCRIPT_REQUESTS.has(message.type)) {
        return Promise.resolve({ ok: false, error: `"${message.type}" is not available to web pages` });
      }
      return dispatch(handlers, message);
    });
  },
});
