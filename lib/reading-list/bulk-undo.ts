import type { PaperId } from '../ids';
import { normalizeTags, type PaperChange, type PaperRecord } from '../paper';

/** One `papers/change-many` request. */
export interface ChangeBatch {
  ids: PaperId[];
  change: PaperChange;
}

function grouped(entries: Iterable<[string, PaperId, PaperChange]>): ChangeBatch[] {
  const batches = new Map<string, ChangeBatch>();
  for (const [key, id, change] of entries) {
    const batch = batches.get(key);
    if (batch) batch.ids.push(id);
    else batches.set(key, { ids: [id], change });
  }
  return [...batches.values()];
}

function* tagReverts(before: readonly PaperRecord[], tags: readonly string[], wasPresent: boolean) {
  const touched = normalizeTags(tags);
  for (const record of before) {
    const affected = touched.filter((tag) => record.tags.includes(tag) === wasPresent);
    if (affected.length === 0) continue;
    const change: PaperChange = wasPresent ? { kind: 'add-tags', tags: affected } : { kind: 'remove-tags', tags: affected };
    yield [JSON.stringify(change), record.id, change] as [string, PaperId, PaperChange];
  }
}

/**
 * The requests that undo one bulk change, given the papers as they were before it. Each undo touches only what the
 * bulk change altered (an added tag is removed only where it was new), so edits made in between survive.
 */
export function revertBatches(before: readonly PaperRecord[], change: PaperChange): ChangeBatch[] {
  switch (change.kind) {
    case 'add-tags':
      return grouped(tagReverts(before, change.tags, false));
    case 'remove-tags':
      return grouped(tagReverts(before, change.tags, true));
    case 'tags':
      return grouped(before.map((r) => [JSON.stringify(r.tags), r.id, { kind: 'tags', tags: r.tags }]));
    case 'status':
      return grouped(before.map((r) => [String(r.status), r.id, { kind: 'status', status: r.status }]));
    case 'note':
      return grouped(before.map((r) => [r.note, r.id, { kind: 'note', note: r.note }]));
    case 'save':
      // Each paper gets its own save time back, so a removed-and-restored paper keeps its place in the list.
      return grouped(
        before.map((r) => [String(r.savedAt), r.id, r.savedAt === null ? { kind: 'save', saved: false } : { kind: 'save', saved: true, at: r.savedAt }]),
      );
    case 'dismiss':
      return grouped(
        before.map((r) => [String(r.dismissedAt !== null), r.id, { kind: 'dismiss', dismissed: r.dismissedAt !== null }]),
      );
  }
}

/** What a bulk change did, for the undo toast: "Tagged 12 papers “rl”". */
export function describeBulkChange(change: PaperChange, count: number): string {
  const papers = count === 1 ? '1 paper' : `${count} papers`;
  const tagList = (tags: readonly string[]) => tags.map((tag) => `“${tag}”`).join(', ');
  switch (change.kind) {
    case 'add-tags':
      return `Tagged ${papers} ${tagList(change.tags)}`;
    case 'remove-tags':
      return `Removed ${tagList(change.tags)} from ${papers}`;
    case 'tags':
      return `Replaced the tags of ${papers}`;
    case 'status':
      return `Marked ${papers} as ${change.status === null ? 'unmarked' : change.status.replace('-', ' ')}`;
    case 'note':
      return `Changed the note of ${papers}`;
    case 'save':
      return change.saved ? `Saved ${papers}` : `Removed ${papers} from the reading list`;
    case 'dismiss':
      return change.dismissed ? `Dismissed ${papers}` : `Restored ${papers}`;
  }
}
