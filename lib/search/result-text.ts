import type { PaperRecord } from '../paper';

/** "A, B, C +9": the first authors, then how many more. */
export function authorsLine(authors: readonly string[], shown = 3): string {
  if (authors.length <= shown) return authors.join(', ');
  return `${authors.slice(0, shown).join(', ')} +${authors.length - shown}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "yesterday", "3 days ago", "2 months ago"… */
export function relativeTime(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return 'just now';
  const count = (value: number, unit: string) => `${value} ${unit}${value === 1 ? '' : 's'} ago`;
  if (elapsed < HOUR) return count(Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return count(Math.floor(elapsed / HOUR), 'hour');
  const days = Math.floor(elapsed / DAY);
  if (days === 1) return 'yesterday';
  if (days < 31) return count(days, 'day');
  if (days < 365) return count(Math.floor(days / 30.44), 'month');
  return count(Math.floor(days / 365.25), 'year');
}

/** Where and when the paper was last seen, e.g. "seen 3 days ago on HF daily 2026-10-02". */
export function seenLine(record: Pick<PaperRecord, 'lastSighting'>, now: number): string | undefined {
  const sighting = record.lastSighting;
  return sighting ? `seen ${relativeTime(sighting.at, now)} on ${sighting.label}` : undefined;
}
