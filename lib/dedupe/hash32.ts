/**
 * 32-bit hashing for shingles and MinHash. MurmurHash3 mixing on 32-bit words: every step is Math.imul/shift/xor, so it
 * is fast in any JS engine and gives the same value everywhere — signatures are stored and compared across sessions.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3's finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one 32-bit word into a running MurmurHash3 state. */
function mixWord(state: number, word: number): number {
  let k = Math.imul(word, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  let h = state ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 (x86, 32-bit) over a sequence of 32-bit words. */
export function hashWords(words: ArrayLike<number>, seed = 0): number {
  let h = seed | 0;
  for (let i = 0; i < words.length; i++) h = mixWord(h, words[i]);
  return fmix32(h ^ (words.length * 4));
}

/** Hash of a string, over its UTF-16 code units taken two at a time. */
export function hashString(text: string, seed = 0): number {
  let h = seed | 0;
  let i = 0;
  for (; i + 1 < text.length; i += 2) h = mixWord(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  if (i < text.length) h = mixWord(h, text.charCodeAt(i));
  return fmix32(h ^ (text.length * 2));
}
