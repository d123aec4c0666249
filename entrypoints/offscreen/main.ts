import { browser } from 'wxt/browser';
import { buildBackupBlob, isBackupFileRequest, type BackupFileAnswer } from '../../lib/auto-backup/file-source';
import { ShelfmarkDb } from '../../lib/db';

// The offscreen document the service worker opens for an automatic backup: it builds the file and answers a blob:
// URL, which stays valid until the worker closes this document after the download.
// Only the service worker may ask: a content script's message (it comes with a tab) is never answered with the library.
browser.runtime.onMessage.addListener((message: unknown, sender) => {
  if (sender.tab || sender.id !== browser.runtime.id || !isBackupFileRequest(message)) return undefined;
  const db = new ShelfmarkDb();
  return buildBackupBlob(db, message.at)
    .then((blob): BackupFileAnswer => ({ ok: true, url: URL.createObjectURL(blob), bytes: blob.size }))
    .catch((error: unknown): BackupFileAnswer => ({ ok: false, error: error instanceof Error ? error.message : String(error) }))
    .finally(() => db.close());
});
