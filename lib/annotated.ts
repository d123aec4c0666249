import type { PaperRecord } from './paper';

/**
 * What the user annotated is in their library: a paper with tags or a note is saved, unless it is dismissed (the
 * user said "not for me"). Decided so that the strip, popup, reading list and every export agree without each
 * learning a second notion of "in the library": they all already mean "saved". An explicit unsave afterwards is
 * respected; the next tag or note edit saves it again.
 */
export function isAnnotated(record: Pick<PaperRecord, 'tags' | 'note'>): boolean {
  return record.tags.length > 0 || record.note !== '';
}

/** The record, saved at `at` when it is annotated, not dismissed and not saved yet. */
export function savedIfAnnotated(record: PaperRecord, at: number): PaperRecord {
  if (record.savedAt !== null || record.dismissedAt !== null || !isAnnotated(record)) return record;
  return { ...record, savedAt: at, edited: { ...record.edited, savedAt: at } };
}
