import type { PaperId } from '../ids';
import { LIMITS } from './limits';

/** Where the ledger keeps its entries so they outlive the background (a service worker stops when idle). */
export interface LedgerStore {
  getAll(): Promise<Record<string, unknown>>;
  set(key: string, value: LedgerEntry): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface LedgerEntry {
  viewId: string;
  ids: PaperId[];
}

const PREFIX = 'view-ledger:';

function isEntry(value: unknown): value is LedgerEntry {
  const entry = value as LedgerEntry;
  return typeof entry === 'object' && entry !== null && typeof entry.viewId === 'string' && Array.isArray(entry.ids);
}

export type Recorded = { ok: true; ids: PaperId[] } | { ok: false; error: string };

/**
 * Which papers each tab showed in its current page view. A content script may change, and be told about, only
 * those: a hostile page cannot edit or read a paper the user saved elsewhere by naming its id.
 */
export class ViewLedger {
  private tabs: Map<number, { viewId: string; ids: Set<PaperId> }> | null = null;
  private loading: Promise<Map<number, { viewId: string; ids: Set<PaperId> }>> | null = null;

  constructor(private readonly store: LedgerStore) {}

  private load() {
    if (this.tabs) return Promise.resolve(this.tabs);
    this.loading ??= this.store.getAll().then((stored) => {
      const tabs = new Map<number, { viewId: string; ids: Set<PaperId> }>();
      for (const [key, value] of Object.entries(stored)) {
        const tabId = Number(key.slice(PREFIX.length));
        if (key.startsWith(PREFIX) && Number.isInteger(tabId) && isEntry(value)) tabs.set(tabId, { viewId: value.viewId, ids: new Set(value.ids) });
      }
      this.tabs = tabs;
      return tabs;
    });
    return this.loading;
  }

  /**
   * Records the papers a tab's page view shows. A new view id starts a new page view (the old one's papers are
   * forgotten); a view records at most `cap` papers (LIMITS.papersPerView, or papersPerLargeView on a proceedings
   * site, lib/messaging/limits.ts), over as many requests as it takes, and a request past that is refused whole.
   */
  async record(tabId: number, viewId: string, ids: readonly PaperId[], cap: number = LIMITS.papersPerView): Promise<Recorded> {
    const tabs = await this.load();
    const current = tabs.get(tabId);
    const known = current?.viewId === viewId ? current.ids : new Set<PaperId>();
    const added = ids.filter((id) => !known.has(id));
    if (known.size + new Set(added).size > cap) {
      return { ok: false, error: `a page view records at most ${cap} papers` };
    }
    const next = new Set([...known, ...added]);
    tabs.set(tabId, { viewId, ids: next });
    await this.store.set(PREFIX + tabId, { viewId, ids: [...next] });
    return { ok: true, ids: [...next] };
  }

  /** Whether every id is on the tab's current page view. */
  async shows(tabId: number, ids: readonly PaperId[]): Promise<boolean> {
    const entry = (await this.load()).get(tabId);
    return entry !== undefined && ids.every((id) => entry.ids.has(id));
  }

  /** For each tab, the ids among these it shows (tabs showing none are left out). */
  async tabsShowing(ids: readonly PaperId[]): Promise<Map<number, PaperId[]>> {
    const out = new Map<number, PaperId[]>();
    for (const [tabId, entry] of await this.load()) {
      const shown = ids.filter((id) => entry.ids.has(id));
      if (shown.length) out.set(tabId, shown);
    }
    return out;
  }

  /** Every tab with a page view on record: the tabs running our content script. */
  async tabIds(): Promise<number[]> {
    return [...(await this.load()).keys()];
  }

  async forget(tabId: number): Promise<void> {
    (await this.load()).delete(tabId);
    await this.store.remove(PREFIX + tabId);
  }
}

/** An in-memory store: for tests, and where no session storage exists. */
export function memoryLedgerStore(): LedgerStore & { entries: Map<string, LedgerEntry> } {
  const entries = new Map<string, LedgerEntry>();
  return {
    entries,
    getAll: async () => Object.fromEntries(entries),
    set: async (key, value) => void entries.set(key, structuredClone(value)),
    remove: async (key) => void entries.delete(key),
  };
}
