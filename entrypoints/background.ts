import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ShelfmarkDb } from '../lib/db';
import type { Runtime } from 'webextension-polyfill';
import { createHandlers, dispatch, type Caller } from '../lib/messaging/handlers';
import type { PaperId } from '../lib/ids';
import type { Settings } from '../lib/settings';
import { ensureStoredIndex } from '../lib/search/index-store';
import { SimilarPapers } from '../lib/similar-papers';
import { isRequestEnvelope, type Broadcast } from '../lib/messaging/protocol';
import { ViewLedger } from '../lib/messaging/view-ledger';
import { sessionLedgerStore } from '../lib/messaging/session-ledger-store';
import { SYNC_ALARM, SYNC_SOON_ALARM, scheduleSync, syncAfterChange } from '../lib/sync/schedule';
import { interruptedRun, runSync } from '../lib/sync/engine';
import { ForYou } from '../lib/relevance/for-you';
import { AutoBackup, type DownloadsApi } from '../lib/auto-backup/writer';
import { backgroundBackupSource, type OffscreenApi } from '../lib/auto-backup/file-source';
import { storageAreaStore } from '../lib/auto-backup/store';
import { AUTO_BACKUP_ALARM, scheduleAutoBackup } from '../lib/auto-backup/schedule';
import { SAVING_REQUESTS, requestPersistenceOnce } from '../lib/storage-persistence';

/** Extension service workers stop after 30 s without extension events or API calls: a long build makes calls. */
async function keptAlive<T>(work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Who sent a message, as the browser tells it: extension pages have our origin (even when open in a tab); a content
 * script is known by its tab, and its URL is the one the browser shows for the frame, not one the page claims.
 */
function callerOf(sender: Runtime.MessageSender): Caller | null {
  if (sender.url?.startsWith(browser.runtime.getURL('/'))) return { kind: 'extension' };
  const tabId = sender.tab?.id;
  const url = sender.url ?? sender.tab?.url;
  if (tabId === undefined || tabId < 0 || !url || sender.id !== browser.runtime.id) return null;
  return { kind: 'content', tabId, url };
}

export default defineBackground({
  type: 'module',
  main() {
    const db = new ShelfmarkDb();

    const ledger = new ViewLedger(sessionLedgerStore());
    browser.tabs.onRemoved.addListener((tabId) => void ledger.forget(tabId));

    const toExtensionPages = (message: Broadcast) =>
      browser.runtime.sendMessage(message).catch(() => {
        // No extension page is open: nobody to tell.
      });
    // A tab hears only of the papers it shows; extension pages hear of every change.
    const changed = (ids: PaperId[]) => {
      void toExtensionPages({ shelfmark: 'changed', ids });
      void ledger.tabsShowing(ids).then((tabs) => {
        for (const [tabId, shown] of tabs) browser.tabs.sendMessage(tabId, { shelfmark: 'changed', ids: shown } satisfies Broadcast).catch(() => {});
      });
    };
    const settingsChanged = (settings: Settings) => {
      const message: Broadcast = { shelfmark: 'settings', settings };
      void toExtensionPages(message);
      // The tabs on record are the ones running our content script: no host permission is needed to find them.
      void ledger.tabIds().then((tabIds) => {
        for (const tabId of tabIds) browser.tabs.sendMessage(tabId, message).catch(() => {});
      });
    };

    // After an install or an update (which may change the index's schema) the search index is built here when
    // missing or outdated, so the popup finds it ready. A popup opened meanwhile waits for this build instead of
    // repeating it.
    const storeSearchIndexes = () =>
      keptAlive(() => ensureStoredIndex(db)).catch((error: unknown) => console.error('Shelfmark: could not build the search index', error));
    browser.runtime.onInstalled.addListener(() => void storeSearchIndexes());

    // Automatic backups into Downloads/Shelfmark/ (lib/auto-backup): an hourly check writes one when due.
    const autoBackup = new AutoBackup({
      store: storageAreaStore(browser.storage.local),
      downloads: browser.downloads as unknown as DownloadsApi,
      makeFile: backgroundBackupSource(db, {
        api: (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen,
        documentUrl: browser.runtime.getURL('/offscreen.html'),
        send: (message) => browser.runtime.sendMessage(message),
      }),
      hasSavedPapers: async () => (await db.papers.where('savedAt').above(0).first()) !== undefined,
      now: Date.now,
      keepAlive: keptAlive,
    });
    const backUpIfDue = () =>
      autoBackup
        .runScheduled()
        .then((result) => 'failed' in result && console.error('Shelfmark: automatic backup failed', result.failed))
        .finally(() => scheduleAutoBackup(browser.alarms))
        .catch((error: unknown) => console.error('Shelfmark: automatic backup failed', error));
    void scheduleAutoBackup(browser.alarms);
    const canAskPersistence = typeof globalThis.navigator?.storage?.persist === 'function';
    const persistAfterSave = () =>
      db.papers
        .where('savedAt')
        .above(0)
        .first()
        .then((saved) => saved && requestPersistenceOnce(globalThis.navigator?.storage, browser.storage.local))
        .catch((error: unknown) => console.warn('Shelfmark: could not ask for persistent storage', error));

    const similar = new SimilarPapers(db);
    const forYou = new ForYou(db);
    // After a restore the stored index is rebuilt here, so the next popup loads it instead of rebuilding it.
    const handlers = createHandlers({ db, similar, forYou, ledger, now: Date.now, changed, settingsChanged, autoBackup, libraryReplaced: () => void storeSearchIndexes() });
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      if (!isRequestEnvelope(message)) return undefined;
      const caller = callerOf(sender);
      if (!caller) return Promise.resolve({ ok: false, error: 'requests come from Shelfmark pages and content scripts only' });
      const answer = dispatch(handlers, message, caller);
      // Sync shortly after a change (the alarm coalesces a burst of edits into one run).
      if (syncAfterChange(message.type)) void answer.then(() => browser.alarms.create(SYNC_SOON_ALARM, { delayInMinutes: 0.5 }));
      // Persistent storage at the first save, where this context may ask (Firefox's background page).
      if (canAskPersistence && SAVING_REQUESTS.has(message.type)) void answer.then(persistAfterSave);
      return answer;
    });

    // Sync: every 10 minutes, at browser start, shortly after changes, and straight away when this worker was
    // stopped in the middle of a run (every step is persisted, so the run picks up where it stopped).
    const sync = () =>
      keptAlive(() =>
        runSync(db, {
          now: Date.now,
          onPapers: (records) => records.length && changed(records.map((record) => record.id)),
          onWiped: (ids) => {
            similar.reset();
            forYou.reset();
            changed(ids);
          },
        }),
      ).catch(
        (error: unknown) => console.error('Shelfmark: sync failed', error),
      );
    void scheduleSync(browser.alarms);
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM || alarm.name === SYNC_SOON_ALARM) void sync();
      if (alarm.name === AUTO_BACKUP_ALARM) void backUpIfDue();
    });
    browser.runtime.onStartup.addListener(() => void sync());
    void interruptedRun(db).then((interrupted) => {
      if (interrupted) void sync();
    });
  },
});
