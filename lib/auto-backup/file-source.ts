import { gzipText } from '../backup/compression';
import { backupJsonParts } from '../backup/format';
import { nextTask, readSnapshotInPages } from '../backup/snapshot';
import type { ShelfmarkDb } from '../db';
import type { BackupUrl } from './writer';

/**
 * Where the backup file is built. The downloads API fetches a URL; a service worker (Chromium, MV3) has no
 * `URL.createObjectURL`, and a data: URL of a 100k-paper library would be a string of hundreds of megabytes in the
 * worker and in the message to the browser. So Chromium builds the Blob in an offscreen document (reason BLOBS), which
 * reads the database itself and answers a blob: URL; Firefox's MV2 background page has `createObjectURL` and builds
 * it in place. Either way the file is the "JSON backup, gzip" of the Options page: the normal import restores it.
 */

/**
 * The whole library (papers, seen history, settings) as a gzip JSON backup, read in pages and compressed in parts
 * of 1,000 rows with a task boundary between them: Firefox's background page keeps answering the strips meanwhile.
 */
export async function buildBackupBlob(db: ShelfmarkDb, at: number): Promise<Blob> {
  const gzip = await gzipText(backupJsonParts(await readSnapshotInPages(db), at), { pause: nextTask });
  // Typed, or Chromium sniffs the bytes' type and renames the file to ….txt.
  return new Blob([gzip], { type: 'application/gzip' });
}

/** In a document (Firefox's background page, the offscreen document): the Blob behind an object URL. */
export async function objectUrlOf(blob: Blob): Promise<BackupUrl> {
  const url = URL.createObjectURL(blob);
  return { url, bytes: blob.size, release: async () => URL.revokeObjectURL(url) };
}

/** The message the service worker sends the offscreen document, and its answer. */
export interface BackupFileRequest {
  shelfmark: 'backup-file';
  at: number;
}
export type BackupFileAnswer = { ok: true; url: string; bytes: number } | { ok: false; error: string };

export function isBackupFileRequest(message: unknown): message is BackupFileRequest {
  return typeof message === 'object' && message !== null && (message as BackupFileRequest).shelfmark === 'backup-file' && typeof (message as BackupFileRequest).at === 'number';
}

/** `chrome.offscreen` (Chromium 109+), which the polyfill's types do not cover. */
export interface OffscreenApi {
  createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

/**
 * The service worker's side: opens the offscreen document, asks it for the file, and closes it once the download
 * has read the blob (closing the document revokes its URLs). A document left open by a worker that stopped mid-run
 * is reused.
 */
export function offscreenBackupSource(offscreen: OffscreenApi, documentUrl: string, send: (message: BackupFileRequest) => Promise<unknown>) {
  return async (at: number): Promise<BackupUrl> => {
    try {
      await offscreen.createDocument({ url: documentUrl, reasons: ['BLOBS'], justification: 'Builds the automatic backup file for the downloads API.' });
    } catch (error) {
      if (!/single offscreen/i.test(String(error))) throw error;
    }
    const release = () => offscreen.closeDocument().catch(() => {});
    const answer = (await send({ shelfmark: 'backup-file', at }).catch(async (error: unknown) => {
      await release();
      throw error;
    })) as BackupFileAnswer | undefined;
    if (!answer?.ok) {
      await release();
      throw new Error(answer ? answer.error : 'the backup page did not answer');
    }
    return { url: answer.url, bytes: answer.bytes, release };
  };
}

/** The background's source: in place where documents are (Firefox), else through the offscreen document. */
export function backgroundBackupSource(db: ShelfmarkDb, offscreen: { api: OffscreenApi | undefined; documentUrl: string; send: (message: BackupFileRequest) => Promise<unknown> }) {
  if (typeof URL.createObjectURL === 'function') return async (at: number) => objectUrlOf(await buildBackupBlob(db, at));
  const { api, documentUrl, send } = offscreen;
  if (!api) return () => Promise.reject(new Error('this browser offers no way to build the backup file'));
  return offscreenBackupSource(api, documentUrl, send);
}
