import type { PopupSearch } from './remote-session';
import type { SearchOutcome } from './session';

/**
 * Asks the whole library and, when there is one, the preview over the most recent papers (`RECENT_SCOPE`, its own
 * worker) at the same time. The preview answers within a few milliseconds at any library size, and loads in a
 * fraction of the time; the library's answer is the final one and always replaces it.
 *
 * The preview's answer is shown only while it is worth more than waiting: when the library is not searchable yet
 * (loading, or rebuilding), or when the recent papers alone have more matches than the page shows — a broad word,
 * the only kind that takes the whole library long to rank. A selective word's preview would list a few recent
 * papers and then grow, so its final answer is waited for (it is quick).
 *
 * `show` receives each outcome to draw and whether it is the preview. The returned promise settles with the final
 * answer (rejecting as the library's search does, e.g. with `SupersededSearch`); a preview that fails is ignored.
 */
export async function searchWithPreview(
  library: PopupSearch,
  recent: PopupSearch | undefined,
  input: string,
  show: (outcome: SearchOutcome, preview: boolean) => void,
): Promise<void> {
  let settled = false;
  const final = library.search(input);
  recent?.search(input).then(
    (early) => {
      if (!settled && (!library.ready || !early.exhaustive)) show(early, true);
    },
    () => {},
  );
  try {
    show(await final, false);
  } finally {
    settled = true;
  }
}
