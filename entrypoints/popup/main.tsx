import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import '../../components/shared-ui/theme.css';
import '../../components/popup/popup.css';
import { ShelfmarkDb } from '../../lib/db';
import { onLibraryChange, request } from '../../lib/messaging/client';
import { SearchSession } from '../../lib/search/session';

const whenIdle = (work: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 2_000 }) : setTimeout(work, 500);

render(
  <Popup
    session={new SearchSession(new ShelfmarkDb())}
    send={request}
    subscribe={onLibraryChange}
    openTab={(url) => void browser.tabs.create({ url })}
    readingListUrl={browser.runtime.getURL('/reading-list.html')}
    whenIdle={whenIdle}
    onMilestone={(milestone) => performance.mark(`shelfmark:${milestone}`)}
  />,
  document.getElementById('app')!,
);
