import { SITE_LABELS, type PaperState } from '../paper';
import { relativeTime } from '../relative-time';
import { SAME_PAGE_GRACE_MS } from '../seen';
import type { DuplicateKinds, DuplicateMode } from '../settings';

export type DuplicateKind = keyof DuplicateKinds;

export interface DuplicateFacts {
  /** The paper's state when this page view first showed the card: a paper saved on this very page is not a duplicate. */
  arrival: PaperState;
  /** The state now: hiding a card takes effect at once. */
  current: PaperState;
  /** 1-based position of the first card of the same paper on this page. */
  repeatOf: number | null;
}

/**
 * Every kind that applies, strongest first: a card counts once, under the first kind that is switched on.
 * "Saved" means saved elsewhere: on an earlier page view, or long enough ago that a reload of the page it was saved
 * on does not fold it away (the same rule as "seen", lib/seen.ts).
 */
export function kindsOf({ arrival, current, repeatOf }: DuplicateFacts, now: number): DuplicateKind[] {
  const kinds: DuplicateKind[] = [];
  const savedElsewhere =
    arrival.savedAt !== null && (arrival.earlierSighting !== null || now - arrival.savedAt >= SAME_PAGE_GRACE_MS);
  if (current.dismissedAt !== null) kinds.push('dismissed');
  if (savedElsewhere && current.savedAt !== null) kinds.push('saved');
  if (arrival.similarTo) kinds.push('similar');
  if (repeatOf !== null) kinds.push('repeat');
  if (arrival.earlierSighting) kinds.push('seen');
  return kinds;
}

/** The kind a card is filtered for under the user's choice of kinds, or null when it is not a duplicate. */
export function primaryKind(facts: DuplicateFacts, enabled: DuplicateKinds, now: number): DuplicateKind | null {
  return kindsOf(facts, now).find((kind) => enabled[kind]) ?? null;
}

/** The stub text that says why a card is out of the way, e.g. "seen 3 days ago on arXiv cs.LG". */
export function duplicateReason(kind: DuplicateKind, facts: DuplicateFacts, now: number): string {
  const { arrival, current } = facts;
  switch (kind) {
    case 'dismissed':
      return 'dismissed';
    case 'saved':
      return current.tags.length ? `saved, tagged ${current.tags.join(', ')}` : 'saved';
    case 'similar': {
      const similar = arrival.similarTo!;
      if (similar.relation === 'seen') return `seen on ${similar.site ? SITE_LABELS[similar.site] : 'another page'} as “${similar.title}”`;
      return `another version of ${similar.relation} “${similar.title}”`;
    }
    case 'repeat':
      return `repeat of #${facts.repeatOf} above`;
    case 'seen': {
      const sighting = arrival.earlierSighting!;
      return `seen ${relativeTime(sighting.at, now)} on ${sighting.label}`;
    }
  }
}

export type DuplicatePresentation = 'collapsed' | 'dimmed' | 'shown';

/** Show all, or Show on one card, turns a collapsed card into a dimmed one: still marked, no longer in the way. */
export function presentDuplicate(kind: DuplicateKind | null, mode: DuplicateMode, revealed: boolean): DuplicatePresentation {
  if (kind === null || mode === 'off') return 'shown';
  if (mode === 'dim') return 'dimmed';
  return revealed ? 'dimmed' : 'collapsed';
}

export type DuplicateCounts = Record<DuplicateKind, number>;

export function countByKind(kinds: ReadonlyArray<DuplicateKind | null>): DuplicateCounts {
  const counts: DuplicateCounts = { dismissed: 0, saved: 0, similar: 0, repeat: 0, seen: 0 };
  for (const kind of kinds) if (kind) counts[kind] += 1;
  return counts;
}

const SUMMARY_WORDS: Record<DuplicateKind, (n: number) => string> = {
  seen: (n) => `${n} already seen`,
  saved: (n) => `${n} saved`,
  dismissed: (n) => `${n} dismissed`,
  repeat: (n) => `${n} ${n === 1 ? 'repeat' : 'repeats'}`,
  similar: (n) => `${n} other ${n === 1 ? 'version' : 'versions'}`,
};

/** "14 already seen · 2 saved · 1 repeat", in a stable order; '' when nothing is a duplicate. */
export function summarize(counts: DuplicateCounts): string {
  return (['seen', 'saved', 'dismissed', 'repeat', 'similar'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => SUMMARY_WORDS[kind](counts[kind]))
    .join(' · ');
}
