import { hashString, hashWords } from './hash32';

/**
 * The set of hashed word k-shingles of a word sequence, sorted and unique. A sequence shorter than k yields one shingle
 * of all its words, so a short text still has an identity.
 */
export function shingleSet(words: readonly string[], k: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const wordHashes = Uint32Array.from(words, (word) => hashString(word));
  const span = Math.min(k, wordHashes.length);
  const hashes = new Uint32Array(wordHashes.length - span + 1);
  for (let start = 0; start < hashes.length; start++) hashes[start] = hashWords(wordHashes.subarray(start, start + span));
  return uniqueSorted(hashes);
}

export function uniqueSorted(values: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let length = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[length++] = sorted[i];
  return sorted.slice(0, length);
}

/** Exact Jaccard similarity of two sorted unique sets; two empty sets are not similar. */
export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  const shared = intersectionSize(a, b);
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}
