import { STOPWORDS, type PaperText } from './terms';

/**
 * A paper's terms as 32-bit hashes: the same unigrams and adjacent bigrams as `termCounts` (title counted twice), but
 * no string is kept or built per bigram, and a paper is two typed arrays. Ids ascending, each once, with its count.
 * Two distinct terms share an id with probability ~2^-32 per pair: for the similarity this is negligible.
 */
export interface PaperFeatures {
  ids: Int32Array;
  counts: Uint16Array;
}

/** FNV-1a over the word's UTF-16 code units. */
export function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** An ordered pair of word hashes mixed into one (murmur3's finaliser), apart from every unigram's hash. */
export function hashPair(first: number, second: number): number {
  let hash = Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) ^ second;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 0;
}

const STOPWORD_HASHES = new Set([...STOPWORDS].map(hashWord));

const CODE_A = 97;
const CODE_Z = 122;
const CODE_0 = 48;
const CODE_9 = 57;
const CODE_BACKSLASH = 92;

/**
 * The words of `words()` (terms.ts) hashed in one pass over the text, no string made per word: runs of ASCII letters
 * and digits, lower-cased; TeX commands, one-letter words, numbers and stop words dropped. Each word's hash and each
 * adjacent pair's go into the scratch buffer from `at`, `times` times; returns the new end.
 */
function hashTerms(text: string, times: number, at: number): number {
  let previous = 0;
  let havePrevious = false;
  let i = 0;
  while (i < text.length) {
    let code = text.charCodeAt(i);
    if (code === CODE_BACKSLASH) {
      // A TeX command: the backslash and the letters after it.
      i++;
      while (i < text.length && isLetter(text.charCodeAt(i) | 0x20)) i++;
      continue;
    }
    if (code >= 65 && code <= 90) code += 32;
    if (!isLetter(code) && !(code >= CODE_0 && code <= CODE_9)) {
      i++;
      continue;
    }
    let hash = 0x811c9dc5;
    let length = 0;
    let digitsOnly = true;
    for (; i < text.length; i++) {
      code = text.charCodeAt(i);
      if (code >= 65 && code <= 90) code += 32;
      const letter = isLetter(code);
      if (!letter && !(code >= CODE_0 && code <= CODE_9)) break;
      if (letter) digitsOnly = false;
      hash = Math.imul(hash ^ code, 0x01000193);
      length++;
    }
    hash |= 0;
    if (length < 2 || digitsOnly || STOPWORD_HASHES.has(hash)) continue;
    if (at + 2 * times > scratch.length) scratch = grow(scratch, at);
    for (let t = 0; t < times; t++) scratch[at++] = hash;
    if (havePrevious) {
      const pair = hashPair(previous, hash);
      for (let t = 0; t < times; t++) scratch[at++] = pair;
    }
    previous = hash;
    havePrevious = true;
  }
  return at;
}

/** Hashes of the paper being read; grown, never shrunk (one paper at a time, no allocation per word). */
let scratch: Int32Array = new Int32Array(4096);
function grow(buffer: Int32Array, used: number): Int32Array {
  const bigger = new Int32Array(buffer.length * 2);
  bigger.set(buffer.subarray(0, used));
  return bigger;
}

const isLetter = (code: number) => code >= CODE_A && code <= CODE_Z;

export function paperFeatures(paper: PaperText): PaperFeatures {
  const end = hashTerms(paper.abstract ?? paper.summary ?? '', 1, hashTerms(paper.title, 2, 0));
  const sorted = scratch.subarray(0, end).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const ids = new Int32Array(distinct);
  const counts = new Uint16Array(distinct);
  let at = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) ids[++at] = sorted[i];
    if (counts[at] < 0xffff) counts[at]++;
  }
  return { ids, counts };
}

/** Bits of the document-frequency and seen-centroid tables: 2^21 buckets (docs/relevance.md, "Memory"). */
export const TABLE_BITS = 21;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
export const bucketOf = (id: number) => id & TABLE_MASK;

/**
 * Document frequencies over the papers the user has seen, in a fixed table of 2^21 hashed buckets (4 MB): the
 * vocabulary of 100,000 abstracts (millions of bigrams) is never held as strings. Terms sharing a bucket add up,
 * which lowers a rare term's idf a little; counts saturate at 65,535 (only near-stop-words reach it).
 */
export class FeatureCorpus {
  private readonly df = new Uint16Array(1 << TABLE_BITS);
  private docs = 0;

  /** Counts one distinct paper's terms; call once per paper. */
  add(features: PaperFeatures): void {
    this.docs += 1;
    const { ids } = features;
    for (let i = 0; i < ids.length; i++) {
      const bucket = ids[i] & TABLE_MASK;
      if (this.df[bucket] < 0xffff) this.df[bucket]++;
    }
  }

  get size(): number {
    return this.docs;
  }

  documentFrequency(id: number): number {
    return this.df[id & TABLE_MASK];
  }

  /** Smoothed idf (as scikit-learn's): a term never seen still weighs, and no weight is zero. */
  idf(id: number): number {
    return Math.log((1 + this.docs) / (1 + this.df[id & TABLE_MASK])) + 1;
  }

  static of(papers: Iterable<PaperText>): FeatureCorpus {
    const corpus = new FeatureCorpus();
    for (const paper of papers) corpus.add(paperFeatures(paper));
    return corpus;
  }
}

/** Sublinear tf × idf, unit length: a cosine is then a dot product. */
export function weigh({ ids, counts }: PaperFeatures, corpus: FeatureCorpus): Float32Array {
  const weights = new Float32Array(ids.length);
  let norm = 0;
  for (let i = 0; i < ids.length; i++) {
    // Most terms occur once: 1 + log 1 is exactly 1, without the logarithm.
    const count = counts[i];
    const weight = (count === 1 ? 1 : 1 + Math.log(count)) * corpus.idf(ids[i]);
    weights[i] = weight;
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < weights.length; i++) weights[i] /= norm;
  return weights;
}
