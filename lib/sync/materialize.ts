import { emptyRecord } from '../library';
import type { PaperRecord, Sighting } from '../paper';
import { parseHlc } from './hlc';
import { viewOf, type PaperReplica, type Register } from './model';

function wallOf(register: Register<unknown> | undefined): number | undefined {
  return register ? parseHlc(register.at).wall : undefined;
}

/**
 * The library record a merged replica stands for: user fields from the replica, metadata from its join, the seen
 * summary from the union of sightings (never fewer views than the record already counted). Returns the record
 * unchanged when nothing differs, and undefined for a paper we know nothing describable about yet.
 */
export function materialize(record: PaperRecord | undefined, replica: PaperReplica, now: number): PaperRecord | undefined {
  if (!record && !replica.meta) return undefined;
  const base = record ?? emptyRecord({ id: replica.id as PaperRecord['id'], ...replica.meta! }, now);
  const view = viewOf(replica);
  const seen: Sighting[] = view.seen;
  const edited = { ...base.edited };
  const stamps = { savedAt: wallOf(replica.saved), dismissedAt: wallOf(replica.dismissed), status: wallOf(replica.status), note: wallOf(replica.notes[0]) };
  for (const [field, wall] of Object.entries(stamps)) if (wall !== undefined) edited[field as keyof typeof stamps] = wall;
  const next: PaperRecord = {
    ...base,
    ...(replica.meta ?? {}),
    savedAt: view.savedAt,
    dismissedAt: view.dismissedAt,
    status: view.status,
    note: view.note,
    tags: sameSet(base.tags, view.tags) ? base.tags : view.tags,
    edited,
  };
  if (seen.length) {
    next.firstSighting = seen[0];
    next.firstSeenAt = seen[0].at;
    next.lastSighting = seen[seen.length - 1];
    next.lastSeenAt = next.lastSighting.at;
    next.previousSighting = seen.length > 1 ? seen[seen.length - 2] : null;
    next.seenCount = Math.max(base.seenCount, seen.length);
  }
  const { updatedAt: _before, ...restBefore } = base;
  const { updatedAt: _after, ...restAfter } = next;
  if (record && JSON.stringify(restBefore) === JSON.stringify(restAfter)) return record;
  return { ...next, updatedAt: now };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && b.every((tag) => a.includes(tag));
}
