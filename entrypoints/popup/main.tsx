import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import '../../components/shared-ui/theme.css';
import '../../components/popup/popup.css';
import SearchWorker from '../../components/popup/search-worker.ts?worker';
import { onLibraryChange, request } from '../../lib/messaging/client';
import { httpUrl } from '../../lib/safe-url';
import { readRecentList, writeRecentList } from '../../lib/search/recent-list-cache';
import { RemoteSession, serveSession, type Endpoint, type SessionCall, type SessionMessage } from '../../lib/search/remote-session';

const whenIdle = (work: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 2_000 }) : setTimeout(work, 500);

/**
 * The search, in a worker (see search-worker.ts). Where no worker can start (a dev server's cross-origin script), the
 * session runs on the page.
 */
function searchSession(): RemoteSession {
  try {
    return new RemoteSession(new SearchWorker());
  } catch (error) {
    console.warn('Shelfmark: no search worker, searching on the page', error);
    const channel = new MessageChannel();
    void Promise.all([import('../../lib/search/session'), import('../../lib/db')]).then(([{ SearchSession }, { ShelfmarkDb }]) => {
      const page = channel.port1 as Endpoint<SessionCall, SessionMessage>;
      serveSession(new SearchSession(new ShelfmarkDb(), undefined, (indexed) => page.postMessage({ type: 'indexing', indexed })), page);
    });
    return new RemoteSession(channel.port2);
  }
}

render(
  <Popup
    session={searchSession()}
    cachedRecent={readRecentList(localStorage)}
    onRecentList={(outcome) => writeRecentList(localStorage, outcome)}
    send={request}
    subscribe={onLibraryChange}
    openTab={(url) => {
      // Only http(s) opens: a stored `javascript:` or `data:` address never becomes a tab.
      const safe = httpUrl(url);
      if (safe) void browser.tabs.create({ url: safe });
    }}
    readingListUrl={browser.runtime.getURL('/reading-list.html')}
    whenIdle={whenIdle}
    onMilestone={(milestone) => performance.mark(`shelfmark:${milestone}`)}
    onResults={(input) => performance.mark('shelfmark:results', { detail: { input } })}
  />,
  document.getElementById('app')!,
);
