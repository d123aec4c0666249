import { ShelfmarkDb } from '../../lib/db';
import { runImportToDatabase, type ImportWriteMessage } from '../../lib/import/import-job';

/**
 * What the page posts: the chosen file (read here, so the page never holds its text), then perhaps a cancel.
 * The worker runs in the extension's origin, so it opens the extension's own database and writes the import
 * there in one transaction; the page then tells the background which papers changed.
 */
export type ImportWorkerRequest = { type: 'start'; file: File } | { type: 'cancel' };

/** The worker's global scope, typed here rather than through the webworker lib, which would leak into every file. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
  postMessage(message: ImportWriteMessage): void;
}

const scope = self as unknown as WorkerScope;
const cancel = new AbortController();

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancel.abort();
    return;
  }
  const db = new ShelfmarkDb();
  void runImportToDatabase(request.file, db, (message) => scope.postMessage(message), { signal: cancel.signal })
    .catch((error: unknown) =>
      scope.postMessage({ type: 'written', result: { ok: false, errors: [`Nothing was imported: ${error instanceof Error ? error.message : String(error)}`] } }),
    )
    .finally(() => db.close());
};
