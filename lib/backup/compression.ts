/**
 * Gzip for backups, through the platform's CompressionStream / DecompressionStream (Chromium 80+, Firefox 113+,
 * Node 18+): no library in the bundle, and both stream, so a 300 MB file is never held twice as bytes.
 */

// TypeScript's DOM lib types these transforms' writable side as BufferSource, which its Uint8Array streams
// do not match; at run time they take Uint8Array chunks.
type BytesTransform<O> = ReadableWritablePair<O, Uint8Array>;

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** A gzip file starts with 1f 8b, whatever its name says. */
export async function isGzip(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/**
 * The text of a file, gunzipped when it is gzip. Decoded chunk by chunk: the bytes are released as they are
 * decoded, and the string is built by concatenation (V8 keeps it as a rope until it is read).
 */
export async function readText(file: Blob, signal?: AbortSignal): Promise<string> {
  let bytes: ReadableStream<Uint8Array> = file.stream();
  if (await isGzip(file)) bytes = bytes.pipeThrough(new DecompressionStream('gzip') as unknown as BytesTransform<Uint8Array>);
  const reader = bytes.pipeThrough(new TextDecoderStream('utf-8', { fatal: true }) as unknown as BytesTransform<string>).getReader();
  let text = '';
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel();
      throw new DOMException('The read was cancelled.', 'AbortError');
    }
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
  }
}

/**
 * Gzips text given in parts into a Blob; parts are pulled as the compressor takes them, not all at once. With
 * `pause`, each part waits for it first (a task boundary), so a long compression does not hold the thread.
 */
export async function gzipText(parts: Iterable<string>, { pause }: { pause?: () => Promise<void> } = {}): Promise<Blob> {
  const encoder = new TextEncoder();
  const iterator = parts[Symbol.iterator]();
  const source = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await pause?.();
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(source.pipeThrough(new CompressionStream('gzip') as unknown as BytesTransform<Uint8Array>)).blob();
}
