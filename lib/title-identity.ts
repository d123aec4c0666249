import type { ShelfmarkDb } from './db';
import { titleFingerprint, titleKeyOf, type PaperId } from './ids';
import type { PaperRecord, ScrapedPaper, Sighting } from './paper';

/**
 * Identity by title across sites. NeurIPS, PMLR, most OpenReview entries and Scholar citations give only a title, so
 * their cards carry `title:` ids. The rule: an arXiv link or DOI on the page wins (the adapters apply it); otherwise
 * the title fingerprint finds the record of the same work, whichever site it came from. A `title:` card is answered
 * with the stored arXiv/DOI record of its title, and a later arXiv/DOI sighting of a paper first known only by title
 * folds that `title:` record into the record with the id.
 */

/** Fewer fingerprint words than this and a title is too generic ("Introduction", "Deep Learning") to name a work. */
export const MIN_IDENTITY_WORDS = 3;

function enoughWords(title: string): boolean {
  return titleFingerprint(title).split(' ').filter(Boolean).length >= MIN_IDENTITY_WORDS;
}

/** Family names as pages print them ("A Vaswani", "Ashish Vaswani" and "Vaswani, A." all give "vaswani"). */
function familyNames(authors: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const author of authors) {
    const comma = author.indexOf(',');
    const words = titleFingerprint(comma > 0 ? author.slice(0, comma) : author).split(' ').filter((word) => word.length > 1);
    const family = comma > 0 ? words[0] : words[words.length - 1];
    if (family) names.add(family);
  }
  return names;
}

/**
 * Two papers with one title fingerprint are one work unless both list authors and share no family name (two papers
 * titled alike by different groups). Scholar abbreviates and truncates author lists; a family name survives that.
 */
export function sameWorkByTitle(a: Pick<PaperRecord, 'title' | 'authors'>, b: Pick<PaperRecord, 'title' | 'authors'>): boolean {
  if (!enoughWords(a.title) || titleKeyOf(a.title) !== titleKeyOf(b.title)) return false;
  const ours = familyNames(a.authors);
  const theirs = familyNames(b.authors);
  if (ours.size === 0 || theirs.size === 0) return true;
  for (const name of ours) if (theirs.has(name)) return true;
  return false;
}

const RANK = { arxiv: 0, doi: 1, title: 2 } as const;
const rankOf = (id: PaperId) => RANK[id.slice(0, id.indexOf(':')) as keyof typeof RANK];

/** The record a title-only card stands for: arXiv before DOI; then the oldest. */
function better(a: PaperRecord, b: PaperRecord): PaperRecord {
  const byRank = rankOf(a.id) - rankOf(b.id);
  if (byRank !== 0) return byRank < 0 ? a : b;
  const seenA = a.firstSeenAt ?? Number.MAX_SAFE_INTEGER;
  const seenB = b.firstSeenAt ?? Number.MAX_SAFE_INTEGER;
  return seenA !== seenB ? (seenA < seenB ? a : b) : a.id < b.id ? a : b;
}

/**
 * Stored records under these title keys, grouped by key. Only ids are read from the index; `wanted` picks which
 * records are worth reading (a title card always matches its own record).
 */
async function recordsByTitleKey(db: ShelfmarkDb, keys: readonly string[], wanted: (id: PaperId) => boolean): Promise<Map<string, PaperRecord[]>> {
  const byKey = new Map<string, PaperRecord[]>();
  if (keys.length === 0) return byKey;
  const ids = (await db.papers.where('titleKey').anyOf([...keys]).primaryKeys()).filter(wanted);
  if (ids.length === 0) return byKey;
  for (const record of await db.papers.bulkGet(ids)) {
    if (!record) continue;
    const key = titleKeyOf(record.title);
    const list = byKey.get(key);
    if (list) list.push(record);
    else byKey.set(key, [record]);
  }
  return byKey;
}

/**
 * Title-only cards re-identified as the stored record of the same work (arXiv or DOI first), in the order given;
 * every other card is returned as it is. Read-only: the sync that follows writes under the resolved ids.
 */
export async function resolveTitleCards(db: ShelfmarkDb, papers: readonly ScrapedPaper[]): Promise<ScrapedPaper[]> {
  const titled = papers.filter((paper) => paper.id.startsWith('title:') && enoughWords(paper.title));
  if (titled.length === 0) return [...papers];
  // A title record under the card's key is the card's own (its id spells the key): only arXiv/DOI records are read.
  const byKey = await recordsByTitleKey(db, [...new Set(titled.map((paper) => titleKeyOf(paper.title)))], (id) => !id.startsWith('title:'));
  return papers.map((paper) => {
    if (!paper.id.startsWith('title:')) return paper;
    let best: PaperRecord | undefined;
    for (const record of byKey.get(titleKeyOf(paper.title)) ?? []) {
      if (sameWorkByTitle(paper, record)) best = best ? better(best, record) : record;
    }
    return best && best.id !== paper.id ? { ...paper, id: best.id } : paper;
  });
}

/**
 * Whether a card with an arXiv id or DOI may take in the stored `title:` record of its title. A fold is not undone, and
 * it moves the user's save, tags and note onto the card's id, so it asks more than a display match: a page could
 * forge `arxiv:FAKE` with a saved paper's title, and a generic title ("A Survey of Large Language Models") names many
 * papers. So either the card comes from the paper's own page (judged on the URL the browser reports), or both sides
 * list authors and share a family name.
 */
export function mayFold(card: Pick<PaperRecord, 'title' | 'authors'>, titleRecord: Pick<PaperRecord, 'title' | 'authors'>, ownPage: boolean): boolean {
  if (!sameWorkByTitle(card, titleRecord)) return false;
  if (ownPage) return true;
  return familyNames(card.authors).size > 0 && familyNames(titleRecord.authors).size > 0;
}

/**
 * For each card with an arXiv id or DOI, the stored `title:` record of the same work (to fold into it). A `title:`
 * record's id is its title key, so this is one primary-key read per card, not an index query: every listing sync
 * pays it (a 2,000-entry arXiv page).
 */
export async function titleRecordsOf(
  db: ShelfmarkDb,
  papers: readonly ScrapedPaper[],
  ownPage: (id: PaperId) => boolean = () => false,
): Promise<Map<PaperId, PaperRecord[]>> {
  const identified = papers.filter((paper) => !paper.id.startsWith('title:') && enoughWords(paper.title));
  const joins = new Map<PaperId, PaperRecord[]>();
  if (identified.length === 0) return joins;
  const titleIds = identified.map((paper) => `title:${titleKeyOf(paper.title)}` as PaperId);
  const records = await db.papers.bulkGet([...new Set(titleIds)]);
  const byId = new Map(records.filter((record) => record !== undefined).map((record) => [record.id, record]));
  const taken = new Set<PaperId>();
  identified.forEach((paper, index) => {
    const record = byId.get(titleIds[index]);
    if (!record || taken.has(record.id) || !mayFold(paper, record, ownPage(paper.id))) return;
    taken.add(record.id);
    joins.set(paper.id, [...(joins.get(paper.id) ?? []), record]);
  });
  return joins;
}

/**
 * Records that sync is about to write under `title:` ids this device folded away, folded into the records that took
 * them in instead (found through the title key index and the joined record's `foldedFrom`). Another device that had
 * not folded yet may still edit `title:X`; its edit arrives as `title:X` and lands on the joined record here.
 * Returns the records to write and the folded ids (their sightings move too).
 */
export async function refoldIncoming(db: ShelfmarkDb, incoming: readonly PaperRecord[], now: number): Promise<{ records: PaperRecord[]; folded: Map<PaperId, PaperId> }> {
  const folded = new Map<PaperId, PaperId>();
  const titled = incoming.filter((record) => record.id.startsWith('title:'));
  if (titled.length === 0) return { records: [...incoming], folded };
  const keys = [...new Set(titled.map((record) => record.id.slice('title:'.length)))];
  const targets = new Map<PaperId, PaperRecord>();
  for (const record of await db.papers.where('titleKey').anyOf(keys).toArray()) {
    for (const alias of record.foldedFrom ?? []) targets.set(alias, record);
  }
  if (targets.size === 0) return { records: [...incoming], folded };
  const out = new Map<PaperId, PaperRecord>();
  for (const record of incoming) {
    const target = targets.get(record.id);
    if (!target) {
      out.set(record.id, out.has(record.id) ? out.get(record.id)! : record);
      continue;
    }
    const base = out.get(target.id) ?? incoming.find((other) => other.id === target.id) ?? target;
    out.set(target.id, refold(base, record, now));
    folded.set(record.id, target.id);
  }
  return { records: [...out.values()], folded };
}

/** A folded record's later state joined in again: its user fields by edit stamps; its seen history was counted once. */
function refold(target: PaperRecord, again: PaperRecord, now: number): PaperRecord {
  const joined = foldRecord(target, again, now);
  return { ...joined, seenCount: Math.max(target.seenCount, again.seenCount), note: joinedNote(target.note, again.note) };
}

/** A note already folded in (maybe with others after it) is not appended a second time. */
function joinedNote(target: string, again: string): string {
  return again === '' || target.includes(again) ? target : target === '' ? again : `${target}\n\n${again}`;
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/** A user field from whichever record edited it last; a value beats no value when neither was ever edited. */
function newerEdit<K extends 'dismissedAt' | 'status' | 'savedAt' | 'tags'>(target: PaperRecord, other: PaperRecord, field: K): PaperRecord[K] {
  const mine = target.edited[field];
  const theirs = other.edited[field];
  if (mine !== undefined && theirs !== undefined) return theirs > mine ? other[field] : target[field];
  if (mine !== undefined) return target[field];
  if (theirs !== undefined) return other[field];
  return target[field] ?? other[field];
}

/**
 * Both records' tags. A record keeps one stamp for all its tags, not one per tag, so "the arXiv side edited its tags
 * later" cannot tell a tag it removed from a tag it never had: choosing the later set would drop tags the user added
 * on the other side. A removed tag that comes back is visible and one click away; a lost tag is not.
 */
function foldedTags(target: PaperRecord, other: PaperRecord): string[] {
  return [...new Set([...target.tags, ...other.tags])];
}

function latestTwo(sightings: ReadonlyArray<Sighting | null>): [Sighting | null, Sighting | null] {
  const distinct = new Map<string, Sighting>();
  for (const sighting of sightings) if (sighting && !distinct.has(sighting.viewId)) distinct.set(sighting.viewId, sighting);
  const sorted = [...distinct.values()].sort((a, b) => b.at - a.at);
  return [sorted[0] ?? null, sorted[1] ?? null];
}

/**
 * One work's two records as one: the target keeps its id and metadata (gaps filled from the other); each user field
 * comes from the side that edited it last (the earlier save when both are saved, both notes), and the seen history of
 * both is kept. `foldedFrom` remembers the other id, so its later edits from other devices find this record.
 */
export function foldRecord(target: PaperRecord, other: PaperRecord, now: number): PaperRecord {
  const edited = { ...other.edited };
  for (const [field, at] of Object.entries(target.edited) as [keyof PaperRecord['edited'], number][]) {
    edited[field] = Math.max(at, edited[field] ?? 0);
  }
  const notes = [target.note, other.note].filter((note, index, all) => note !== '' && all.indexOf(note) === index);
  const [lastSighting, previousSighting] = latestTwo([target.lastSighting, other.lastSighting, target.previousSighting, other.previousSighting]);
  const firsts = [target.firstSighting, other.firstSighting].filter((sighting) => sighting !== null).sort((a, b) => a.at - b.at);
  return {
    ...target,
    authors: target.authors.length ? target.authors : other.authors,
    abstract: target.abstract || other.abstract,
    summary: target.summary ?? other.summary,
    published: target.published ?? other.published,
    organization: target.organization ?? other.organization,
    doi: target.doi ?? other.doi,
    // Both saved: the earlier save. Otherwise the newer edit, so an un-save on either side is not undone by the fold.
    savedAt: target.savedAt !== null && other.savedAt !== null ? earliest(target.savedAt, other.savedAt) : newerEdit(target, other, 'savedAt'),
    dismissedAt: newerEdit(target, other, 'dismissedAt'),
    status: newerEdit(target, other, 'status'),
    tags: foldedTags(target, other),
    note: notes.join('\n\n'),
    edited,
    firstSeenAt: earliest(target.firstSeenAt, other.firstSeenAt),
    lastSeenAt: Math.max(target.lastSeenAt ?? 0, other.lastSeenAt ?? 0) || null,
    seenCount: target.seenCount + other.seenCount,
    firstSighting: firsts[0] ?? null,
    lastSighting,
    previousSighting,
    foldedFrom: [...new Set([...(target.foldedFrom ?? []), ...(other.id.startsWith('title:') ? [other.id] : []), ...(other.foldedFrom ?? [])])],
    updatedAt: now,
  };
}
