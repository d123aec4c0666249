import type { PaperRecord } from '../paper';
import { relativeTime } from '../relative-time';

/** "A, B, C +9": the first authors, then how many more. */
export function authorsLine(authors: readonly string[], shown = 3): string {
  if (authors.length <= shown) return authors.join(', ');
  return `${authors.slice(0, shown).join(', ')} +${authors.length - shown}`;
}

/** Where and when the paper was last seen, e.g. "seen 3 days ago on HF daily 2026-10-02". */
export function seenLine(record: Pick<PaperRecord, 'lastSighting'>, now: number): string | undefined {
  const sighting = record.lastSighting;
  return sighting ? `seen ${relativeTime(sighting.at, now)} on ${sighting.label}` : undefined;
}
