/**
 * Stored form of postings' document numbers: per term, the gaps between its ascending documents (the first from 0) as
 * variable-length integers, 7 bits a byte, low bits first. A common term's gaps are small and take one byte, so the
 * rows IndexedDB reads on every popup open are a third of 4-byte numbers' size; decoding is one pass on load.
 */
export function encodeGaps(offsets: Uint32Array, docs: Uint32Array): Uint8Array {
  let bytes = new Uint8Array(Math.max(16, docs.length * 2));
  let length = 0;
  for (let term = 0; term + 1 < offsets.length; term += 1) {
    let previous = 0;
    for (let at = offsets[term]; at < offsets[term + 1]; at += 1) {
      if (length + 5 > bytes.length) {
        const grown = new Uint8Array(bytes.length * 2);
        grown.set(bytes);
        bytes = grown;
      }
      let gap = docs[at] - previous;
      previous = docs[at];
      while (gap >= 0x80) {
        bytes[length++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      bytes[length++] = gap;
    }
  }
  return bytes.slice(0, length);
}

/** The document numbers back; throws on bytes that do not hold exactly `offsets`' entries, or a number ≥ `limit`. */
export function decodeGaps(offsets: Uint32Array, bytes: Uint8Array, limit: number): Uint32Array {
  const count = offsets[offsets.length - 1] ?? 0;
  const docs = new Uint32Array(count);
  let read = 0;
  for (let term = 0; term + 1 < offsets.length; term += 1) {
    let previous = 0;
    for (let at = offsets[term], end = offsets[term + 1]; at < end; at += 1) {
      // Reading past the end gives undefined, which ends the number; the length check below catches it.
      let byte = bytes[read++];
      let gap = byte & 0x7f;
      for (let shift = 7; byte & 0x80 && shift < 35; shift += 7) {
        byte = bytes[read++];
        gap |= (byte & 0x7f) << shift;
      }
      previous += gap >>> 0;
      if (previous >= limit) throw new Error('inconsistent stored postings');
      docs[at] = previous;
    }
  }
  if (read !== bytes.length) throw new Error('inconsistent stored postings');
  return docs;
}
