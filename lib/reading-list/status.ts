import type { PaperRecord, ReadingStatus } from '../paper';

export const READING_STATUSES: readonly ReadingStatus[] = ['to-read', 'reading', 'read'];

export const STATUS_LABELS: Record<ReadingStatus, string> = { 'to-read': 'To read', reading: 'Reading', read: 'Read' };

/** A saved paper nobody has marked yet is still waiting to be read, so it filters and displays as "to read". */
export function effectiveStatus(record: Pick<PaperRecord, 'status'>): ReadingStatus {
  return record.status ?? 'to-read';
}

export function isReadingStatus(value: string): value is ReadingStatus {
  return (READING_STATUSES as readonly string[]).includes(value);
}
