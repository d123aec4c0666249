import type { PageView, PaperRecord, Sighting } from './paper';

/**
 * A paper counts as seen before when a sighting from another page view exists that is either on another page, or
 * at least this long ago. A reload (or a second visit minutes later) of the same page therefore never marks its own
 * cards as seen, while the same page revisited after a break does.
 */
export const SAME_PAGE_GRACE_MS = 30 * 60 * 1000;

export function pageKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

function countsAsEarlier(sighting: Sighting, view: PageView, now: number): boolean {
  if (sighting.viewId === view.viewId) return false;
  return pageKey(sighting.url) !== pageKey(view.url) || now - sighting.at >= SAME_PAGE_GRACE_MS;
}

/** The most recent sighting that makes this paper "seen" on the given page view, or null. */
export function earlierSighting(
  record: Pick<PaperRecord, 'firstSighting' | 'lastSighting' | 'previousSighting'>,
  view: PageView,
  now: number,
): Sighting | null {
  for (const sighting of [record.lastSighting, record.previousSighting, record.firstSighting]) {
    if (sighting && countsAsEarlier(sighting, view, now)) return sighting;
  }
  return null;
}

/** Records a sighting on a record; a page view counts once however often it re-renders the card. */
export function withSighting(record: PaperRecord, sighting: Sighting): PaperRecord {
  if (record.lastSighting?.viewId === sighting.viewId) return record;
  return {
    ...record,
    firstSeenAt: record.firstSeenAt ?? sighting.at,
    lastSeenAt: sighting.at,
    seenCount: record.seenCount + 1,
    firstSighting: record.firstSighting ?? sighting,
    previousSighting: record.lastSighting,
    lastSighting: sighting,
    updatedAt: sighting.at,
  };
}
