import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ShelfmarkDb } from '../lib/db';
import { createHandlers, dispatch } from '../lib/messaging/handlers';
import { SimilarPapers } from '../lib/similar-papers';
import { CONTENT_SCRIPT_REQUESTS, isRequestEnvelope, type Broadcast } from '../lib/messaging/protocol';
import { SUPPORTED_HOST_PATTERNS } from '../lib/sites/hosts';

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

    const handlers = createHandlers({ db, similar: new SimilarPapers(db), now: Date.now, broadcast });
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
