import { browser } from 'wxt/browser';
import { memoryLedgerStore, type LedgerStore } from './view-ledger';

/**
 * The view ledger in `storage.session`: kept in memory by the browser, so it outlives a stopped service worker
 * (or a Firefox background page reload) but not the browser session, like the tabs it describes. Where session
 * storage is missing the ledger lives in memory (a restarted background then refuses changes until pages rescan).
 */
export function sessionLedgerStore(): LedgerStore {
  const area = browser.storage?.session;
  if (!area) return memoryLedgerStore();
  return {
    getAll: () => area.get(null),
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}
