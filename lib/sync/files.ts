import { array, count, finiteNumber, INVALID, literal, nullable, object, Problems, refined, string, anything, type Decoder } from '../backup/decode';
import { arxivMeta, paperId } from '../backup/validate';
import { isPaperId, type PaperId } from '../ids';
import { DEVICE_ID_PATTERN, deviceOf, isHlc, type Hlc } from './hlc';
import { SETTINGS_REPLICA, WIPE_REPLICA, type PaperMeta, type PaperReplica, type Register, type StampedSeen, type SyncChange, type TagEntry, type Wipes } from './model';
import { SITE_KEYS, type SiteKey } from '../sites/registry';
import { httpUrl } from '../safe-url';

/**
 * The files on the server. Each device writes only under `devices/<its id>/`:
 *   device.json       who it is, and (when encrypted) the salt and a check value for its key
 *   seg-000042.smk    its own changes, the 42nd batch it uploaded (never rewritten once complete)
 *   snap-000042.smk   everything it knew after its 42nd batch, and which batches of every device that covers
 * The server is not trusted for integrity: every file is decoded here before any of it is used, and a change in a
 * device's log must carry that device's id in its stamp, so one device's files cannot speak for another.
 */
export const FORMAT = 'shelfmark-sync';
/** 2: wipes, stamped sightings and descriptions (a reader of format 1 skips these files with "written by a newer Shelfmark"). */
export const FORMAT_VERSION = 2;

export interface DeviceFile {
  format: typeof FORMAT;
  version: number;
  device: string;
  name: string;
  createdAt: number;
  encryption: { kdf: 'PBKDF2-SHA256'; iterations: number; salt: string; check: string } | null;
}

export interface SegmentFile {
  format: typeof FORMAT;
  version: number;
  kind: 'segment';
  device: string;
  number: number;
  changes: SyncChange[];
}

export interface SnapshotFile {
  format: typeof FORMAT;
  version: number;
  kind: 'snapshot';
  device: string;
  /** Per device, the batches (segments) this snapshot includes: all of them up to this number. */
  covers: Record<string, number>;
  replicas: PaperReplica[];
}

const MAX_TEXT = 200_000;
const text = refined(string, (value): value is string => value.length <= MAX_TEXT, `a string of at most ${MAX_TEXT} characters`);
const stamp = refined(string, (value): value is Hlc => isHlc(value), 'a clock stamp');
const deviceId = refined(string, (value): value is string => DEVICE_ID_PATTERN.test(value), 'a device id');
const status = nullable(literal('to-read', 'reading', 'read'));
const time = nullable(finiteNumber);

const meta: Decoder<PaperMeta> = object(
  { title: text, authors: array(text), // Empty for papers known only from a reference file (a BibTeX entry without `url`).
    url: refined(text, (value): value is string => value === '' || httpUrl(value) !== undefined, 'an http(s) link or nothing') },
  { abstract: text, summary: text, published: text, organization: text, arxiv: arxivMeta, doi: text, version: count },
);
const seen: Decoder<StampedSeen> = object({ viewId: text, site: literal<SiteKey>(...SITE_KEYS), url: text, label: text, at: finiteNumber }, { stamp });
const tag = refined(text, (value): value is string => value.length > 0 && value.length <= 200 && value === value.trim().toLowerCase(), 'a normalized tag');

function register<T>(value: Decoder<T>): Decoder<Register<T>> {
  return object({ at: stamp, value }) as Decoder<Register<T>>;
}

const change: Decoder<SyncChange> = (value, path, problems) => {
  const head = object({ at: stamp, paper: string, kind: literal('saved', 'dismissed', 'note', 'status', 'tag', 'meta', 'seen', 'settings', 'wipe') })(value, path, problems);
  if (head === INVALID) return INVALID;
  const paperOk = head.kind === 'settings' ? head.paper === SETTINGS_REPLICA : head.kind === 'wipe' ? head.paper === WIPE_REPLICA : isPaperId(head.paper);
  if (!paperOk) {
    problems.add(`${path}.paper`, 'expected a paper id');
    return INVALID;
  }
  const base = { at: head.at, paper: head.paper as PaperId };
  const shapes: Record<SyncChange['kind'], Decoder<unknown>> = {
    saved: object({ value: time }),
    dismissed: object({ value: time }),
    note: object({ value: text }),
    status: object({ value: status }),
    tag: object({ tag, present: (v, p, pr) => (typeof v === 'boolean' ? v : (pr.add(p, 'expected true or false'), INVALID)) }),
    meta: object({ meta }),
    seen: object({ sighting: seen }),
    settings: object({ value: anything }),
    wipe: object({ devices: array(deviceId) }),
  };
  const rest = shapes[head.kind](value, path, problems);
  return rest === INVALID ? INVALID : ({ ...base, kind: head.kind, ...(rest as object) } as SyncChange);
};

const stampPair: Decoder<[Hlc, Hlc]> = (value, path, problems) => {
  const pair = array(stamp)(value, path, problems);
  if (pair === INVALID) return INVALID;
  if (pair.length !== 2 || pair[0] > pair[1]) {
    problems.add(path, 'expected the first and the latest stamp');
    return INVALID;
  }
  return pair as [Hlc, Hlc];
};

const wipes: Decoder<Wipes> = (value, path, problems) => {
  const decoded = recordOf(array(deviceId))(value, path, problems);
  if (decoded === INVALID) return INVALID;
  for (const key of Object.keys(decoded)) if (!isHlc(key)) problems.add(`${path}.${key}`, 'expected a clock stamp');
  return decoded;
};

const tagEntry: Decoder<TagEntry> = object({}, { added: stamp, removed: stamp });

function recordOf<T>(item: Decoder<T>): Decoder<Record<string, T>> {
  return (value, path, problems) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.add(path, 'expected an object');
      return INVALID;
    }
    const out: Record<string, T> = {};
    let valid = true;
    for (const [key, element] of Object.entries(value)) {
      const decoded = item(element, `${path}.${key}`, problems);
      if (decoded === INVALID) valid = false;
      else out[key] = decoded;
    }
    return valid ? out : INVALID;
  };
}

const replica: Decoder<PaperReplica> = (value, path, problems) => {
  const decoded = object(
    { id: string, notes: array(register(text)), tags: recordOf(tagEntry), seen: recordOf(seen) },
    { saved: register(time), dismissed: register(time), status: register(status), meta, metaBy: recordOf(stampPair), settings: register(anything), wipes },
  )(value, path, problems);
  if (decoded === INVALID) return INVALID;
  if (decoded.id !== SETTINGS_REPLICA && decoded.id !== WIPE_REPLICA && !isPaperId(decoded.id)) {
    problems.add(`${path}.id`, 'expected a paper id');
    return INVALID;
  }
  return decoded as PaperReplica;
};

const header = { format: literal(FORMAT), version: count, device: deviceId };

export const deviceFileDecoder: Decoder<DeviceFile> = object({
  ...header,
  name: text,
  createdAt: finiteNumber,
  encryption: nullable(object({ kdf: literal('PBKDF2-SHA256'), iterations: count, salt: string, check: string })),
}) as Decoder<DeviceFile>;

const segmentDecoder = object({ ...header, kind: literal('segment'), number: count, changes: array(change) });
const snapshotDecoder = object({ ...header, kind: literal('snapshot'), covers: recordOf(count), replicas: array(replica) });

export class InvalidFileError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`${path} is not a valid Shelfmark sync file: ${problems.slice(0, 3).join('; ')}`);
    this.name = 'InvalidFileError';
  }
}

function decoded<T>(decoder: Decoder<T>, value: unknown, path: string, check: (file: T, problems: Problems) => void): T {
  const problems = new Problems(10);
  const file = decoder(value, '', problems);
  if (file !== INVALID) check(file, problems);
  if (file === INVALID || problems.count) throw new InvalidFileError(path, problems.messages());
  return file;
}

function checkVersion(file: { version: number }, problems: Problems): void {
  if (file.version > FORMAT_VERSION) problems.add('version', `written by a newer Shelfmark (format ${file.version})`);
}

export function decodeDeviceFile(value: unknown, path: string, device: string): DeviceFile {
  return decoded(deviceFileDecoder, value, path, (file, problems) => {
    checkVersion(file, problems);
    if (file.device !== device) problems.add('device', `names device ${file.device}, found in ${device}'s folder`);
  });
}

export function decodeSegment(value: unknown, path: string, device: string, number: number): SegmentFile {
  return decoded(segmentDecoder, value, path, (file, problems) => {
    checkVersion(file, problems);
    if (file.device !== device) problems.add('device', `names device ${file.device}, found in ${device}'s folder`);
    if (file.number !== number) problems.add('number', `says batch ${file.number}, named ${number}`);
    file.changes.forEach((entry, index) => {
      if (deviceOf(entry.at) !== device) problems.add(`changes[${index}].at`, `a change stamped by another device (${deviceOf(entry.at)})`);
    });
  }) as SegmentFile;
}

export function decodeSnapshot(value: unknown, path: string, device: string): SnapshotFile {
  return decoded(snapshotDecoder, value, path, (file, problems) => {
    checkVersion(file, problems);
    if (file.device !== device) problems.add('device', `names device ${file.device}, found in ${device}'s folder`);
    for (const key of Object.keys(file.covers)) if (!DEVICE_ID_PATTERN.test(key)) problems.add('covers', `not a device id: ${key}`);
  }) as SnapshotFile;
}

export const segmentName = (number: number) => `seg-${String(number).padStart(6, '0')}.smk`;
export const snapshotName = (number: number) => `snap-${String(number).padStart(6, '0')}.smk`;

/** The batch number in a segment's or snapshot's file name, or undefined for other names. */
export function fileNumber(name: string, kind: 'seg' | 'snap'): number | undefined {
  const match = new RegExp(`^${kind}-(\\d{6,})\\.smk$`).exec(name);
  return match ? Number(match[1]) : undefined;
}

export { paperId as paperIdDecoder };
