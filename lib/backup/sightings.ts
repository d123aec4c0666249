import type { PaperRecord, Sighting } from '../paper';
import type { BackupSighting } from './format';

/** A page view shows a paper once; the same view at the same time is the same sighting. */
export function sightingKey(row: Pick<BackupSighting, 'paperId' | 'viewId' | 'at'>): string {
  return `${row.paperId}\u0000${row.viewId}\u0000${row.at}`;
}

function toSighting({ viewId, site, url, label, at }: BackupSighting): Sighting {
  return { viewId, site, url, label, at };
}

type SeenSummary = Pick<
  PaperRecord,
  'firstSeenAt' | 'lastSeenAt' | 'seenCount' | 'firstSighting' | 'lastSighting' | 'previousSighting'
>;

/** The seen summary a record keeps, recomputed from a paper's full sighting history. */
export function summarizeSightings(rows: readonly BackupSighting[]): SeenSummary {
  const sorted = [...rows].sort((a, b) => a.at - b.at || a.viewId.localeCompare(b.viewId));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const previous = sorted[sorted.length - 2];
  return {
    firstSeenAt: first ? first.at : null,
    lastSeenAt: last ? last.at : null,
    seenCount: sorted.length,
    firstSighting: first ? toSighting(first) : null,
    lastSighting: last ? toSighting(last) : null,
    previousSighting: previous ? toSighting(previous) : null,
  };
}
