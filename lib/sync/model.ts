import type { PaperId } from '../ids';
import type { ArxivMeta, ReadingStatus, SiteKey } from '../paper';
import { deviceOf, maxHlc, type Hlc } from './hlc';

/**
 * The replicated state of one paper: a join-semilattice (a state-based CRDT). `joinReplicas` is commutative,
 * associative and idempotent, and a change is applied by joining it as a one-change state, so replicas that have
 * seen the same changes in any order, any number of times, hold the same state.
 */
export interface Register<T> {
  at: Hlc;
  value: T;
}

/** Per tag: the latest add and the latest removal. The tag is on when its latest add is newer than its latest removal. */
export interface TagEntry {
  added?: Hlc;
  removed?: Hlc;
}

/** What the pages told us about a paper; merged field by field, the richer value winning. */
export interface PaperMeta {
  title: string;
  authors: string[];
  url: string;
  abstract?: string;
  summary?: string;
  published?: string;
  organization?: string;
  arxiv?: ArxivMeta;
  doi?: string;
  version?: number;
}

export interface SeenEntry {
  viewId: string;
  site: SiteKey;
  url: string;
  label: string;
  at: number;
}

/** A sighting as a replica holds it: with the stamp of the change that recorded it, so a wipe can tell old from new. */
export type StampedSeen = SeenEntry & { stamp?: Hlc };

export interface PaperReplica {
  id: ReplicaId;
  saved?: Register<number | null>;
  dismissed?: Register<number | null>;
  status?: Register<ReadingStatus | null>;
  /** The newest note writes, newest first: the first is the note, the others are its conflict history. */
  notes: Register<string>[];
  tags: Record<string, TagEntry>;
  meta?: PaperMeta;
  /**
   * Per device, its first and latest metadata change: a wipe tells from them whether the description is older than
   * the wipe, or mixes content from before and after it.
   */
  metaBy?: Record<string, [Hlc, Hlc]>;
  /** The seen history, by page view: a union. */
  seen: Record<string, StampedSeen>;
  /** Only on the replica with id SETTINGS_REPLICA: the extension's settings, last writer wins as a whole. */
  settings?: Register<unknown>;
  /** Only on the replica with id WIPE_REPLICA: every wipe of the library, by stamp, with the devices it covers. */
  wipes?: Wipes;
}

/**
 * The wipes of a library: stamp → the devices the wiping device knew (itself and every device it had read from).
 * A wipe kills what those devices did before it; a device it had never heard of (a browser that turns sync on later,
 * with its own library) is not wiped by it.
 */
export type Wipes = Record<Hlc, string[]>;

/** The settings travel as one more replica, under an id no paper can have. */
export const SETTINGS_REPLICA = '~settings';
/** So does the library's latest wipe: every paper state stamped before it is gone, on every device. */
export const WIPE_REPLICA = '~wipe';
export type ReplicaId = PaperId | typeof SETTINGS_REPLICA | typeof WIPE_REPLICA;
export const isPaperReplica = (id: string) => id !== SETTINGS_REPLICA && id !== WIPE_REPLICA;

/** How many note writes a replica keeps: the current note and this many minus one earlier versions. */
export const NOTE_VERSIONS = 6;

export type FieldChange =
  | { kind: 'saved' | 'dismissed'; value: number | null }
  | { kind: 'note'; value: string }
  | { kind: 'status'; value: ReadingStatus | null };

export type PaperChangeBody =
  | FieldChange
  | { kind: 'tag'; tag: string; present: boolean }
  | { kind: 'meta'; meta: PaperMeta }
  | { kind: 'seen'; sighting: SeenEntry }
  | { kind: 'settings'; value: unknown }
  | { kind: 'wipe'; devices: string[] };

/** One entry of a device's change log. `at` is unique per change (the device id is part of it), so it is its id. */
export type SyncChange = { at: Hlc; paper: ReplicaId } & PaperChangeBody;

export function emptyReplica(id: ReplicaId): PaperReplica {
  return { id, notes: [], tags: {}, seen: {} };
}

function joinRegister<T>(a: Register<T> | undefined, b: Register<T> | undefined): Register<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.at > a.at ? b : a;
}

function joinNotes(a: readonly Register<string>[], b: readonly Register<string>[]): Register<string>[] {
  const byStamp = new Map<Hlc, Register<string>>();
  for (const note of [...a, ...b]) {
    const known = byStamp.get(note.at);
    // One stamp is one write; should a server forge two values under one stamp, the choice is still symmetric.
    if (!known || note.value > known.value) byStamp.set(note.at, note);
  }
  return [...byStamp.values()].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0)).slice(0, NOTE_VERSIONS);
}

function joinTags(a: Record<string, TagEntry>, b: Record<string, TagEntry>): Record<string, TagEntry> {
  const joined: Record<string, TagEntry> = { ...a };
  for (const [tag, entry] of Object.entries(b)) {
    const mine = joined[tag];
    if (!mine) {
      joined[tag] = entry;
      continue;
    }
    const added = maxHlc(mine.added, entry.added);
    const removed = maxHlc(mine.removed, entry.removed);
    joined[tag] = { ...(added ? { added } : {}), ...(removed ? { removed } : {}) };
  }
  return joined;
}

/** A total order on metadata values: defined beats undefined, then the longer serialization, then the larger one. */
function richer<T>(a: T | undefined, b: T | undefined): T | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  if (sa.length !== sb.length) return sb.length > sa.length ? b : a;
  return sb > sa ? b : a;
}

const META_KEYS = ['title', 'authors', 'url', 'abstract', 'summary', 'published', 'organization', 'arxiv', 'doi', 'version'] as const;

export function joinMeta(a: PaperMeta | undefined, b: PaperMeta | undefined): PaperMeta | undefined {
  if (!a) return b;
  if (!b) return a;
  const joined: Record<string, unknown> = {};
  for (const key of META_KEYS) {
    const value = key === 'version' ? maxNumber(a.version, b.version) : richer<unknown>(a[key], b[key]);
    if (value !== undefined) joined[key] = value;
  }
  return joined as unknown as PaperMeta;
}

function maxNumber(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function joinSeen(a: Record<string, StampedSeen>, b: Record<string, StampedSeen>): Record<string, StampedSeen> {
  const joined = { ...a };
  for (const [viewId, entry] of Object.entries(b)) {
    const mine = joined[viewId];
    // The same view recorded twice (it cannot differ in practice): the later stamp wins, as for any register (so a
    // wipe that removes the older one leaves the same state), then the earlier sighting, so the choice is symmetric.
    const newer = (entry.stamp ?? '') !== (mine?.stamp ?? '') ? (entry.stamp ?? '') > (mine?.stamp ?? '') : entry.at < (mine?.at ?? 0) || (entry.at === mine?.at && JSON.stringify(entry) < JSON.stringify(mine));
    joined[viewId] = !mine || newer ? entry : mine;
  }
  return joined;
}

function joinStamps(a: Record<string, [Hlc, Hlc]> | undefined, b: Record<string, [Hlc, Hlc]> | undefined): Record<string, [Hlc, Hlc]> | undefined {
  if (!a) return b;
  if (!b) return a;
  const joined = { ...a };
  for (const [device, [first, last]] of Object.entries(b)) {
    const mine = joined[device];
    joined[device] = mine ? [first < mine[0] ? first : mine[0], maxHlc(mine[1], last)!] : [first, last];
  }
  return joined;
}

function joinWipes(a: Wipes | undefined, b: Wipes | undefined): Wipes | undefined {
  if (!a) return b;
  if (!b) return a;
  const joined = { ...a };
  // One stamp is one wipe; the device lists are united so that a forged duplicate still joins symmetrically.
  for (const [at, devices] of Object.entries(b)) joined[at] = joined[at] ? [...new Set([...joined[at], ...devices])].sort() : devices;
  return joined;
}

export function joinReplicas(a: PaperReplica, b: PaperReplica): PaperReplica {
  const joined: PaperReplica = {
    id: a.id,
    notes: joinNotes(a.notes, b.notes),
    tags: joinTags(a.tags, b.tags),
    seen: joinSeen(a.seen, b.seen),
  };
  const saved = joinRegister(a.saved, b.saved);
  const dismissed = joinRegister(a.dismissed, b.dismissed);
  const status = joinRegister(a.status, b.status);
  const meta = joinMeta(a.meta, b.meta);
  const settings = joinRegister(a.settings, b.settings);
  const metaBy = joinStamps(a.metaBy, b.metaBy);
  const wipes = joinWipes(a.wipes, b.wipes);
  if (settings) joined.settings = settings;
  if (metaBy) joined.metaBy = metaBy;
  if (wipes) joined.wipes = wipes;
  if (saved) joined.saved = saved;
  if (dismissed) joined.dismissed = dismissed;
  if (status) joined.status = status;
  if (meta) joined.meta = meta;
  return joined;
}

/** Every stamp a replica holds (wipes included): applying it must move our clock past all of them. */
export function stampsOf(replica: PaperReplica): Hlc[] {
  const stamps: Hlc[] = replica.notes.map((note) => note.at);
  for (const register of [replica.saved, replica.dismissed, replica.status, replica.settings]) if (register) stamps.push(register.at);
  for (const entry of Object.values(replica.tags)) stamps.push(...(entry.added ? [entry.added] : []), ...(entry.removed ? [entry.removed] : []));
  for (const entry of Object.values(replica.seen)) if (entry.stamp) stamps.push(entry.stamp);
  for (const [first, last] of Object.values(replica.metaBy ?? {})) stamps.push(first, last);
  stamps.push(...Object.keys(replica.wipes ?? {}));
  return stamps;
}

/** A change as the smallest replica that holds it. */
export function replicaOfChange(change: SyncChange): PaperReplica {
  const replica = emptyReplica(change.paper);
  switch (change.kind) {
    case 'saved':
    case 'dismissed':
      replica[change.kind] = { at: change.at, value: change.value };
      break;
    case 'status':
      replica.status = { at: change.at, value: change.value };
      break;
    case 'note':
      replica.notes = [{ at: change.at, value: change.value }];
      break;
    case 'tag':
      replica.tags = { [change.tag]: change.present ? { added: change.at } : { removed: change.at } };
      break;
    case 'meta':
      replica.meta = change.meta;
      replica.metaBy = { [deviceOf(change.at)]: [change.at, change.at] };
      break;
    case 'seen':
      replica.seen = { [change.sighting.viewId]: { ...change.sighting, stamp: change.at } };
      break;
    case 'settings':
      replica.settings = { at: change.at, value: change.value };
      break;
    case 'wipe':
      replica.wipes = { [change.at]: [...new Set(change.devices)].sort() };
      break;
  }
  return replica;
}

/** Whether a stamp is killed by one of the wipes: made by a device the wipe covers, before it. */
export function wipedBy(stamp: Hlc | undefined, wipes: Wipes | undefined): boolean {
  if (stamp === undefined) return true;
  if (!wipes) return false;
  const device = deviceOf(stamp);
  for (const [at, devices] of Object.entries(wipes)) if (stamp <= at && devices.includes(device)) return true;
  return false;
}

/**
 * A paper's state after the wipes: every register, note, tag stamp, sighting and description stamped by a covered
 * device before its wipe is gone. The paper itself is gone (null) when nothing is left. `pruned` says whether
 * anything went: then the survivor's description may hold content from a dead change, which devices that pruned the
 * paper away have lost, so the device announces it afresh (`announcement`); every device ends up with the same state
 * once announcements are delivered (tests/unit/sync-merge.test.ts).
 */
export function pruneReplica(replica: PaperReplica, wipes: Wipes | undefined): { replica: PaperReplica | null; pruned: boolean } {
  if (!wipes || !isPaperReplica(replica.id)) return { replica, pruned: false };
  let pruned = false;
  const live = (stamp: Hlc | undefined): stamp is Hlc => {
    const dead = wipedBy(stamp, wipes);
    if (dead && stamp !== undefined) pruned = true;
    return !dead;
  };
  const out: PaperReplica = { id: replica.id, notes: replica.notes.filter((note) => live(note.at)), tags: {}, seen: {} };
  for (const key of ['saved', 'dismissed', 'status'] as const) if (replica[key] && live(replica[key]!.at)) (out[key] as unknown) = replica[key];
  for (const [tag, entry] of Object.entries(replica.tags)) {
    const added = entry.added !== undefined && live(entry.added);
    const removed = entry.removed !== undefined && live(entry.removed);
    if (added || removed) out.tags[tag] = { ...(added ? { added: entry.added } : {}), ...(removed ? { removed: entry.removed } : {}) };
  }
  for (const [viewId, entry] of Object.entries(replica.seen)) {
    if (entry.stamp === undefined) pruned = true;
    else if (live(entry.stamp)) out.seen[viewId] = entry;
  }
  // A device's earlier description dead but its later one alive: the content mixes both, so it counts as pruned.
  const metaBy = Object.entries(replica.metaBy ?? {}).flatMap(([device, [first, last]]): [string, [Hlc, Hlc]][] =>
    !live(last) ? [] : live(first) ? [[device, [first, last]]] : [[device, [last, last]]],
  );
  if (replica.meta && !replica.metaBy) pruned = true;
  if (metaBy.length) out.metaBy = Object.fromEntries(metaBy);
  if (!pruned) return { replica, pruned };
  const alive = out.saved || out.dismissed || out.status || out.notes.length || Object.keys(out.tags).length || Object.keys(out.seen).length || out.metaBy;
  if (!alive) return { replica: null, pruned };
  if (replica.meta) out.meta = replica.meta;
  return { replica: out, pruned };
}

/** A survivor's description as a new change, for the devices that pruned the paper away. */
export function announcement(replica: PaperReplica, at: Hlc): SyncChange | null {
  return replica.meta && isPaperReplica(replica.id) ? { at, paper: replica.id, kind: 'meta', meta: replica.meta } : null;
}

/** Whether a change is killed by the wipes, so applying it must change nothing. */
export function diedIn(change: SyncChange, wipes: Wipes | undefined): boolean {
  return !!wipes && isPaperReplica(change.paper) && wipedBy(change.at, wipes);
}

/** Whether `next` holds a wipe that `known` does not. */
export function newWipes(known: Wipes | undefined, next: Wipes | undefined): boolean {
  return Object.keys(next ?? {}).some((at) => !known?.[at]);
}

export function applyChange(replica: PaperReplica, change: SyncChange): PaperReplica {
  return joinReplicas(replica, replicaOfChange(change));
}

export function tagIsOn(entry: TagEntry): boolean {
  return entry.added !== undefined && (entry.removed === undefined || entry.added > entry.removed);
}

/** The user-visible fields a replica stands for. Tags come in the order they were added. */
export interface ReplicaView {
  savedAt: number | null;
  dismissedAt: number | null;
  status: ReadingStatus | null;
  note: string;
  /** Overwritten notes, newest first (empty notes, i.e. clearings, left out). */
  noteHistory: Register<string>[];
  tags: string[];
  seen: SeenEntry[];
}

export function viewOf(replica: PaperReplica): ReplicaView {
  const tags = Object.entries(replica.tags)
    .filter(([, entry]) => tagIsOn(entry))
    .sort(([ta, a], [tb, b]) => (a.added! < b.added! ? -1 : a.added! > b.added! ? 1 : ta < tb ? -1 : 1))
    .map(([tag]) => tag);
  const seen = Object.values(replica.seen).sort((a, b) => a.at - b.at || (a.viewId < b.viewId ? -1 : 1));
  return {
    savedAt: replica.saved?.value ?? null,
    dismissedAt: replica.dismissed?.value ?? null,
    status: replica.status?.value ?? null,
    note: replica.notes[0]?.value ?? '',
    noteHistory: replica.notes.slice(1).filter((note) => note.value !== ''),
    tags,
    seen: seen.map(({ stamp: _stamp, ...entry }) => entry),
  };
}
