import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import '../../components/shared-ui/theme.css';
import '../../components/popup/popup.css';
import SearchWorker from '../../components/popup/search-worker.ts?worker';
import { onLibraryChange, request } from '../../lib/messaging/client';
import { RemoteSession } from '../../lib/search/remote-session';

const whenIdle = (work: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 2_000 }) : setTimeout(work, 500);

render(
  <Popup
    session={new RemoteSession(new SearchWorker())}
    send={request}
    subscribe={onLibraryChange}
    openTab={(url) => void browser.tabs.create({ url })}
    readingListUrl={browser.runtime.getURL('/reading-list.html')}
    whenIdle={whenIdle}
    onMilestone={(milestone) => performance.mark(`shelfmark:${milestone}`)}
  />,
  document.getElementById('app')!,
);
