import { hashString } from './hash32';
import { minHash, type MinHash } from './minhash';
import { shingleSet, uniqueSorted } from './shingles';
import { similarityWords } from './words';

/**
 * Word 3-shingles after stop-word removal: on the labelled set they separate best — hard same-topic negatives share at
 * most 2% of shingles (unigrams: 20%, bigrams: 6%), while every version pair keeps at least 40% (see
 * docs/near-duplicates.md). Longer shingles only lose positives.
 */
export const SHINGLE_SIZE = 3;
export const ABSTRACT_PERMUTATIONS = 128;
/**
 * Fewer shingles than this (about two short sentences) is a fragment, not an abstract: its containment in any long
 * abstract is too noisy to act on, so such a paper is compared by title only.
 */
export const MIN_ABSTRACT_SHINGLES = 16;

export interface AbstractSketch {
  minHash: MinHash;
  /** Distinct shingles of the abstract, for turning a Jaccard estimate into a containment estimate. */
  shingles: number;
}

/** What near-duplicate detection keeps per paper: compact, serialisable, enough to rebuild the index without text. */
export interface NearDupSignature {
  /** Sorted unique hashes of the title's similarity words. */
  titleWords: Uint32Array;
  abstract: AbstractSketch | null;
}

export function signatureOf(paper: { title: string; abstract?: string }): NearDupSignature {
  const titleWords = uniqueSorted(Uint32Array.from(similarityWords(paper.title), (word) => hashString(word)));
  const shingles = paper.abstract ? shingleSet(similarityWords(paper.abstract), SHINGLE_SIZE) : new Uint32Array(0);
  return {
    titleWords,
    abstract:
      shingles.length >= MIN_ABSTRACT_SHINGLES
        ? { minHash: minHash(shingles, ABSTRACT_PERMUTATIONS), shingles: shingles.length }
        : null,
  };
}

const FORMAT_VERSION = 1;
const HEADER_BYTES = 4;
const MAX_TITLE_WORDS = 255;
const MAX_SHINGLE_COUNT = 0xffff;

/**
 * Binary layout, little-endian: u8 format version, u8 title word count, u16 abstract shingle count (0 = no abstract),
 * u32 × title words, u16 × 128 MinHash values. About 300 bytes, 400 characters of base64.
 */
export function encodeSignature(signature: NearDupSignature): string {
  const titleWords = signature.titleWords.subarray(0, MAX_TITLE_WORDS);
  const minHashLength = signature.abstract ? signature.abstract.minHash.length : 0;
  const bytes = new Uint8Array(HEADER_BYTES + titleWords.length * 4 + minHashLength * 2);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, FORMAT_VERSION);
  view.setUint8(1, titleWords.length);
  view.setUint16(2, signature.abstract ? Math.min(signature.abstract.shingles, MAX_SHINGLE_COUNT) : 0, true);
  let offset = HEADER_BYTES;
  for (const word of titleWords) {
    view.setUint32(offset, word, true);
    offset += 4;
  }
  for (let i = 0; i < minHashLength; i++) {
    view.setUint16(offset, (signature.abstract as AbstractSketch).minHash[i], true);
    offset += 2;
  }
  return btoa(String.fromCharCode(...bytes));
}

/** Reverses encodeSignature; throws on text that is not a signature of this format. */
export function decodeSignature(encoded: string): NearDupSignature {
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  if (bytes.length < HEADER_BYTES || view.getUint8(0) !== FORMAT_VERSION) {
    throw new Error('Not a near-duplicate signature of format 1');
  }
  const titleCount = view.getUint8(1);
  const shingles = view.getUint16(2, true);
  const expected = HEADER_BYTES + titleCount * 4 + (shingles > 0 ? ABSTRACT_PERMUTATIONS * 2 : 0);
  if (bytes.length !== expected) throw new Error(`Near-duplicate signature of ${bytes.length} bytes, expected ${expected}`);
  const titleWords = new Uint32Array(titleCount);
  let offset = HEADER_BYTES;
  for (let i = 0; i < titleCount; i++, offset += 4) titleWords[i] = view.getUint32(offset, true);
  if (shingles === 0) return { titleWords, abstract: null };
  const values = new Uint16Array(ABSTRACT_PERMUTATIONS);
  for (let i = 0; i < values.length; i++, offset += 2) values[i] = view.getUint16(offset, true);
  return { titleWords, abstract: { minHash: values, shingles } };
}
