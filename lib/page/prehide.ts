import type { SiteAdapter } from '../sites/types';

/** Never keep a page's cards hidden longer than this, whatever happens to the background. */
export const HOLD_BACK_LIMIT_MS = 2000;

/**
 * Keeps a listing's cards from painting until the first scan has decided which ones the duplicate filter collapses.
 * Without it a reload shows every card and then folds the duplicates away. Returns a release function; the hold
 * also lifts by itself after a deadline and on abort, so the page is never left blank.
 */
export function holdBackCards(doc: Document, adapter: SiteAdapter, signal: AbortSignal): () => void {
  const root = doc.head ?? doc.documentElement;
  if (!adapter.cardSelector || !root) return () => {};
  const style = doc.createElement('style');
  style.dataset.shelfmark = 'hold-back';
  style.textContent = `${adapter.cardSelector} { visibility: hidden !important; }`;
  root.append(style);
  const release = () => {
    clearTimeout(timer);
    style.remove();
  };
  const timer = setTimeout(release, HOLD_BACK_LIMIT_MS);
  signal.addEventListener('abort', release, { once: true });
  return release;
}
