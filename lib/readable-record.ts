import type { PaperRecord, Sighting } from './paper';

/**
 * Stored papers as every reader gets them. A record can be malformed in storage (written by an older build, a bug,
 * or a tool poking at the profile): a title that is not a string once made every later page sync fail in the
 * similar-papers index. Each reader would need its own guard; instead the database hands out records whose fields
 * all have their types, repairing (never dropping) what is wrong, and says so once per paper.
 */

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const time = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function sighting(value: unknown): Sighting | null {
  const candidate = value as Sighting | null;
  if (!candidate || typeof candidate !== 'object') return null;
  return typeof candidate.viewId === 'string' && typeof candidate.url === 'string' && typeof candidate.label === 'string' && typeof candidate.at === 'number'
    ? candidate
    : null;
}

function isWellFormed(record: PaperRecord): boolean {
  return (
    typeof record.title === 'string' &&
    typeof record.url === 'string' &&
    Array.isArray(record.authors) &&
    record.authors.every((author) => typeof author === 'string') &&
    Array.isArray(record.tags) &&
    record.tags.every((tag) => typeof tag === 'string') &&
    typeof record.note === 'string' &&
    (record.savedAt === null || typeof record.savedAt === 'number') &&
    (record.dismissedAt === null || typeof record.dismissedAt === 'number') &&
    (record.abstract === undefined || typeof record.abstract === 'string') &&
    (record.summary === undefined || typeof record.summary === 'string') &&
    typeof record.edited === 'object' &&
    record.edited !== null &&
    typeof record.seenCount === 'number' &&
    typeof record.updatedAt === 'number' &&
    (record.firstSighting === null || sighting(record.firstSighting) !== null) &&
    (record.lastSighting === null || sighting(record.lastSighting) !== null) &&
    (record.previousSighting === null || sighting(record.previousSighting) !== null)
  );
}

const reported = new Set<string>();

export function readableRecord(value: PaperRecord): PaperRecord {
  if (!value || typeof value !== 'object' || isWellFormed(value)) return value;
  const raw = value as unknown as Record<string, unknown>;
  const id = String(raw.id);
  if (!reported.has(id)) {
    reported.add(id);
    console.warn(`Shelfmark: stored paper ${id} is malformed; read with its bad fields repaired`);
  }
  const status = raw.status;
  return {
    ...value,
    title: str(raw.title, id),
    url: str(raw.url),
    authors: strings(raw.authors),
    abstract: optionalString(raw.abstract),
    summary: optionalString(raw.summary),
    tags: strings(raw.tags),
    note: str(raw.note),
    status: status === 'to-read' || status === 'reading' || status === 'read' ? status : null,
    savedAt: time(raw.savedAt),
    dismissedAt: time(raw.dismissedAt),
    edited: typeof raw.edited === 'object' && raw.edited !== null ? (raw.edited as PaperRecord['edited']) : {},
    seenCount: typeof raw.seenCount === 'number' ? raw.seenCount : 0,
    firstSeenAt: time(raw.firstSeenAt),
    lastSeenAt: time(raw.lastSeenAt),
    firstSighting: sighting(raw.firstSighting),
    lastSighting: sighting(raw.lastSighting),
    previousSighting: sighting(raw.previousSighting),
    updatedAt: time(raw.updatedAt) ?? 0,
  };
}
