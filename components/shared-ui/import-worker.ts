import { runImportJob, type ImportJobMessage } from '../../lib/import/import-job';

/** What the page posts: the chosen file, read here so the page never holds its text. */
export interface ImportWorkerRequest {
  file: File;
}

/** The worker's global scope, typed here rather than through the webworker lib, which would leak into every file. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
  postMessage(message: ImportJobMessage): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { file } = event.data;
  // Bytes, not text: the job detects the encoding (UTF-16, Latin-1) instead of decoding to U+FFFD.
  file.arrayBuffer().then(
    (buffer) => runImportJob({ name: file.name, bytes: new Uint8Array(buffer) }, (message) => scope.postMessage(message)),
    (error: unknown) =>
      scope.postMessage({ type: 'result', result: { ok: false, errors: [`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`] } }),
  );
};
