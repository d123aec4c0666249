import { ShelfmarkDb } from '../../lib/db';
import { serveSession, type Endpoint, type SessionCall, type SessionMessage } from '../../lib/search/remote-session';
import { SearchSession } from '../../lib/search/session';

// The popup's search session, off the popup's main thread: the worker opens its own connection to the extension's
// database (same origin), loads the index there and answers the popup's calls.
const popup = self as unknown as Endpoint<SessionCall, SessionMessage>;
const session = new SearchSession(new ShelfmarkDb(), undefined, (indexed) => popup.postMessage({ type: 'indexing', indexed }));
serveSession(session, popup);
// Every popup searches its whole library: the head is read as the worker starts, not after the popup's first render
// asks for it (the popup's own `open` then shares this load, and sees its failure).
session.open().catch(() => {});
