/**
 * Bytes on the wire: JSON, gzip-compressed, and with a passphrase sealed with AES-GCM (256-bit key from PBKDF2-SHA256,
 * a fresh 96-bit IV per file, the file's path as additional data so the server cannot swap one file for another).
 * A 4-byte tag says which: the reader never guesses, and a plain file where a sealed one is expected is refused.
 */
const PLAIN = 'SMZ1';
const SEALED = 'SME1';
export const PBKDF2_ITERATIONS = 600_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

export function randomSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

export async function deriveKey(passphrase: string, salt: string, iterations = PBKDF2_ITERATIONS): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt) as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

export async function encodeFile(value: unknown, path: string, key: CryptoKey | null): Promise<Uint8Array> {
  const packed = await through(encoder.encode(JSON.stringify(value)), new CompressionStream('gzip'));
  if (!key) return concat(encoder.encode(PLAIN), packed);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(path) }, key, packed as BufferSource);
  return concat(encoder.encode(SEALED), iv, new Uint8Array(sealed));
}

/** Unpacks a file; `key` null means its device does not encrypt, and then a sealed file is refused too. */
export async function decodeFile(bytes: Uint8Array, path: string, key: CryptoKey | null): Promise<unknown> {
  const tag = decoder.decode(bytes.subarray(0, 4));
  let packed: Uint8Array;
  if (tag === SEALED) {
    if (!key) throw new UnreadableFileError(path, 'encrypted, but its device says it is not');
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(4, 16) as BufferSource, additionalData: encoder.encode(path) },
        key,
        bytes.subarray(16) as BufferSource,
      );
      packed = new Uint8Array(plain);
    } catch {
      throw new UnreadableFileError(path, 'does not decrypt with the passphrase (wrong passphrase, or the file was altered)');
    }
  } else if (tag === PLAIN) {
    if (key) throw new UnreadableFileError(path, 'not encrypted, but its device encrypts');
    packed = bytes.subarray(4);
  } else {
    throw new UnreadableFileError(path, 'not a Shelfmark sync file');
  }
  try {
    return JSON.parse(decoder.decode(await through(packed, new DecompressionStream('gzip'))));
  } catch {
    throw new UnreadableFileError(path, 'damaged (does not unpack as JSON)');
  }
}

/** A value sealed under the key, kept in device.json, so a wrong passphrase is told apart from a damaged file. */
export async function keyCheck(key: CryptoKey, device: string): Promise<string> {
  return toBase64(await encodeFile({ check: device }, `check:${device}`, key));
}

export async function verifyKey(key: CryptoKey, device: string, check: string): Promise<boolean> {
  try {
    const value = (await decodeFile(fromBase64(check), `check:${device}`, key)) as { check?: unknown };
    return value.check === device;
  } catch {
    return false;
  }
}
