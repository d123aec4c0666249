/**
 * Runs `work` while holding the lock of one stored index, so two contexts (the popup's workers, the background) never
 * build the same index at once: the second waits, then finds it stored. Web Locks are shared by every context of the
 * extension's origin and released when the holder ends (a closed popup's worker included); where there are none
 * (unit tests in Node), `work` just runs.
 */
export function withIndexLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? (locks.request(`shelfmark:search-index:${key}`, work) as Promise<T>) : work();
}
