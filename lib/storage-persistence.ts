/**
 * `navigator.storage.persist()` at the first save. Only a Window may call it: Firefox's background page can, the
 * MV3 service worker cannot (Chromium answers an extension `false` anyway, see docs/export-import.md), so the
 * background tries after every save until it has asked once, and an extension page opened later asks if the
 * background could not. The request is made once: a refusal is not repeated at every save.
 */

export const PERSIST_ASKED_KEY = 'persistAsked';

export type PersistOutcome = 'already-persisted' | 'granted' | 'refused' | 'asked-before' | 'unavailable';

interface Flags {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function requestPersistenceOnce(storage: Partial<Pick<StorageManager, 'persist' | 'persisted'>> | undefined, flags: Flags): Promise<PersistOutcome> {
  if (!storage?.persist || !storage.persisted) return 'unavailable';
  if (await storage.persisted()) return 'already-persisted';
  if ((await flags.get(PERSIST_ASKED_KEY))[PERSIST_ASKED_KEY]) return 'asked-before';
  const granted = await storage.persist();
  await flags.set({ [PERSIST_ASKED_KEY]: { at: Date.now(), granted } });
  return granted ? 'granted' : 'refused';
}

/** Requests after which the library may hold its first saved paper. */
export const SAVING_REQUESTS: ReadonlySet<string> = new Set(['paper/change', 'papers/change-many', 'library/import', 'library/imported']);
