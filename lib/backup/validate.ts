import type { SettingRow } from '../db';
import { isPaperId } from '../ids';
import type { ArxivMeta, PaperRecord, Sighting } from '../paper';
import { SITE_KEYS, type SiteKey } from '../sites/registry';
import type { ImportProgress, ImportResult } from '../import/result';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type BackupSighting } from './format';
import {
  INVALID,
  Problems,
  anything,
  array,
  count,
  finiteNumber,
  literal,
  nullable,
  object,
  positiveInteger,
  refined,
  string,
  type Decoder,
} from './decode';

export const paperId = refined(string, isPaperId, 'a paper id (arxiv:…, doi:… or title:…)');
const site = literal<SiteKey>(...SITE_KEYS);

const sighting: Decoder<Sighting> = object({ viewId: string, site, url: string, label: string, at: finiteNumber });

export const arxivMeta: Decoder<ArxivMeta> = object(
  {},
  {
    primaryCategory: string,
    categories: array(string),
    comments: string,
    journalRef: string,
    listing: literal('new', 'cross-list', 'replacement'),
  },
);

const edited: Decoder<PaperRecord['edited']> = object(
  {},
  { savedAt: finiteNumber, dismissedAt: finiteNumber, tags: finiteNumber, note: finiteNumber, status: finiteNumber },
);

export const paperDecoder: Decoder<PaperRecord> = object(
  {
    id: paperId,
    title: string,
    authors: array(string),
    url: string,
    savedAt: nullable(finiteNumber),
    dismissedAt: nullable(finiteNumber),
    tags: array(string),
    note: string,
    status: nullable(literal('to-read', 'reading', 'read')),
    edited,
    firstSeenAt: nullable(finiteNumber),
    lastSeenAt: nullable(finiteNumber),
    seenCount: count,
    firstSighting: nullable(sighting),
    lastSighting: nullable(sighting),
    previousSighting: nullable(sighting),
    updatedAt: finiteNumber,
  },
  {
    version: positiveInteger,
    abstract: string,
    summary: string,
    published: string,
    organization: string,
    arxiv: arxivMeta,
    doi: string,
    // The local alias of folded title records (lib/title-identity.ts): a restore keeps re-folding their later edits.
    foldedFrom: array(paperId),
  },
);

const backupSighting: Decoder<BackupSighting> = object({
  paperId,
  viewId: string,
  site,
  url: string,
  label: string,
  at: finiteNumber,
});

const setting: Decoder<SettingRow> = object({ key: string, value: anything });

// A 10k-paper backup reports 20 times: enough for a moving bar, too few messages to cost anything.
const PROGRESS_EVERY = 500;

function bodyDecoder(total: number, onProgress?: ImportProgress) {
  let done = 0;
  const paper: Decoder<PaperRecord> = onProgress
    ? (value, path, problems) => {
        const decoded = paperDecoder(value, path, problems);
        done += 1;
        if (done % PROGRESS_EVERY === 0 || done === total) onProgress(done, total);
        return decoded;
      }
    : paperDecoder;
  return object({
    exportedAt: string,
    papers: array(paper),
    sightings: array(backupSighting),
    settings: array(setting),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the format marker and version before anything else, so a foreign or newer file gets one clear message. */
function checkHeader(value: unknown): { version: number } | { error: string } {
  if (!isRecord(value)) return { error: 'This is not a Shelfmark backup: the file holds no JSON object.' };
  if (value.format !== BACKUP_FORMAT) {
    return { error: `format: expected "${BACKUP_FORMAT}" — this is not a Shelfmark backup.` };
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { error: 'version: expected a whole number ≥ 1.' };
  }
  if (version > BACKUP_VERSION) {
    return {
      error:
        `version: this backup has format version ${version}, written by a newer Shelfmark; this one reads ` +
        `version ${BACKUP_VERSION} and older. Update Shelfmark, then import it again.`,
    };
  }
  return { version };
}

function checkReferences(backup: Backup, problems: Problems): void {
  const firstIndex = new Map<string, number>();
  backup.papers.forEach((paper, index) => {
    const first = firstIndex.get(paper.id);
    if (first === undefined) firstIndex.set(paper.id, index);
    else problems.add(`papers[${index}].id`, `duplicate of papers[${first}] (${paper.id})`);
  });
  backup.sightings.forEach((row, index) => {
    if (!firstIndex.has(row.paperId)) {
      problems.add(`sightings[${index}].paperId`, `no paper ${row.paperId} in this backup`);
    }
  });
  const keys = new Set<string>();
  backup.settings.forEach((row, index) => {
    if (keys.has(row.key)) problems.add(`settings[${index}].key`, `duplicate setting "${row.key}"`);
    keys.add(row.key);
  });
}

/** Validates a parsed backup completely; the result holds only checked, typed data. */
export function validateBackup(value: unknown, onProgress?: ImportProgress): ImportResult<Backup> {
  const header = checkHeader(value);
  if ('error' in header) return { ok: false, errors: [header.error] };
  const problems = new Problems();
  const papers = isRecord(value) && Array.isArray(value.papers) ? value.papers.length : 0;
  const decoded = bodyDecoder(papers, onProgress)(value, '', problems);
  if (decoded === INVALID) return { ok: false, errors: problems.messages() };
  const backup: Backup = { format: BACKUP_FORMAT, version: header.version, ...decoded };
  checkReferences(backup, problems);
  return problems.count ? { ok: false, errors: problems.messages() } : { ok: true, value: backup };
}

function jsonErrorMessage(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return `The file is not valid JSON: ${message}`;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `The file is not valid JSON (line ${line}, column ${column}): ${message}`;
}

/** Parses and validates a backup file's text. */
export function parseBackup(text: string, onProgress?: ImportProgress): ImportResult<Backup> {
  if (!text.trim()) return { ok: false, errors: ['The file is empty.'] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [jsonErrorMessage(text, error)] };
  }
  return validateBackup(value, onProgress);
}
