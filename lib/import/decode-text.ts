import type { ImportResult } from './result';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Said to the user when the encoding was guessed rather than known. */
  warning?: string;
}

/**
 * A file's bytes as text, never with a silent U+FFFD: UTF-8 (with or without a BOM), UTF-16 LE/BE by their BOM
 * (JabRef and Windows tools write those), else — when the bytes are not valid UTF-8 — Windows-1252, the superset
 * of Latin-1 that old .bib files use, with a warning. Bytes that are neither (or UTF-16 without a BOM) are refused
 * with a message saying how to save the file.
 */
export function decodeImportBytes(bytes: Uint8Array, name: string): ImportResult<DecodedText> {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2), name);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2), name);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, value: { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' } };
  } catch {
    // Not UTF-8: fall through to the legacy single-byte guess.
  }
  if (body.includes(0)) {
    return { ok: false, errors: [`${name} is not UTF-8 (it looks like UTF-16 without a byte-order mark): save it as UTF-8 and import it again.`] };
  }
  const text = decodeWindows1252(body);
  // C1 controls are what Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): not a text file in it either.
  if (/[\u0080-\u009f]/.test(text)) {
    return { ok: false, errors: [`${name} is not UTF-8 and not Latin-1/Windows-1252 text: save it as UTF-8 and import it again.`] };
  }
  return {
    ok: true,
    value: { text, encoding: 'windows-1252', warning: `${name} is not UTF-8; it was read as Latin-1 (Windows-1252). Check accented letters in the preview.` },
  };
}

function decodeWith(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array, name: string): ImportResult<DecodedText> {
  try {
    return { ok: true, value: { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding } };
  } catch {
    return { ok: false, errors: [`${name} starts as ${encoding.toUpperCase()} but holds invalid text: save it as UTF-8 and import it again.`] };
  }
}

/**
 * Windows-1252 by its table: 0x80–0x9F are the curly quotes, dashes, € and so on; the five bytes it leaves
 * undefined stay C1 controls. Written out because Node's TextDecoder decodes that label as ISO-8859-1.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...Array.from(chunk, (byte) => (byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH.charCodeAt(byte - 0x80) : byte)));
  }
  return text;
}
