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

/**
 * A record from a backup, under the rule: backups written before it (format version 1 still) hold papers tagged or
 * noted and never saved; they are saved as of their last annotation. An explicit save or unsave after that last
 * annotation (its edit time is later) stands, as it would have in the library.
 */
export function savedIfAnnotatedSince(record: PaperRecord): PaperRecord {
  const annotatedAt = Math.max(record.edited.tags ?? 0, record.edited.note ?? 0);
  if (record.edited.savedAt !== undefined && record.edited.savedAt >= annotatedAt) return record;
  return savedIfAnnotated(record, annotatedAt || record.updatedAt);
}
