import { LshIndex } from './lsh-index';
import { minHash, type MinHash } from './minhash';
import { isNearDuplicate, MIN_TITLE_WORDS, nearDuplicateScore } from './near-duplicate-score';
import type { NearDupSignature } from './signature';
import { withCapacity } from './typed-pool';

/**
 * 64 bands of 2 rows over the 128 abstract minima: a pair with abstract Jaccard 0.3 becomes a candidate with
 * probability 0.998, at 0.2 with 0.93, while same-topic pairs (≤ 0.02) collide with probability ≤ 0.025 — and a
 * candidate costs only one signature comparison.
 */
const ABSTRACT_BANDS = { bands: 64, rows: 2 } as const;
/** Titles: 12 bands of 2 over a 24-value MinHash of the title words; a title Jaccard of 0.8 is found with p > 0.9999. */
const TITLE_BANDS = { bands: 12, rows: 2 } as const;
const TITLE_PERMUTATIONS = TITLE_BANDS.bands * TITLE_BANDS.rows;
const MAX_TITLE_WORDS = 255;

export interface NearDuplicateMatch {
  id: string;
  score: number;
}

export interface NearDuplicateQueryOptions {
  /** Leave this id out of the answer, e.g. the card's own paper when it is already stored. */
  exclude?: string;
}

/**
 * Stored papers' signatures, searchable for near duplicates of a new card. Papers with an abstract are found through
 * their abstract; papers are also filed by title, for cards and records without an abstract (arXiv /list pages).
 * Per-paper data sits in flat arrays indexed by a slot number; slots are not reused, so a removed paper's space comes
 * back only when the index is rebuilt (at start-up, from the stored signatures).
 */
export class NearDuplicateIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly ids: Array<string | undefined> = [];
  private titleStart = new Uint32Array(0);
  private titleLength = new Uint8Array(0);
  private titleWords = new Uint32Array(0);
  private titleWordsUsed = 0;
  private shingles = new Uint16Array(0);
  private readonly byAbstract = new LshIndex(ABSTRACT_BANDS);
  private readonly byTitle = new LshIndex(TITLE_BANDS);
  /** The title-filed papers that have no abstract: the only ones a card with an abstract is compared with by title. */
  private readonly byTitleWithoutAbstract = new LshIndex(TITLE_BANDS);

  get size(): number {
    return this.slotOf.size;
  }

  /** Slots of removed papers, whose space only a compaction gives back. */
  get deadSlots(): number {
    return this.ids.length - this.slotOf.size;
  }

  /** The same papers in a fresh index without dead slots (signatures are copied, no text is needed). */
  compacted(): NearDuplicateIndex {
    const fresh = new NearDuplicateIndex();
    for (const [id, slot] of this.slotOf) {
      const signature = this.signatureAt(slot);
      fresh.add(id, {
        titleWords: signature.titleWords.slice(),
        abstract: signature.abstract ? { minHash: signature.abstract.minHash.slice(), shingles: signature.abstract.shingles } : null,
      });
    }
    return fresh;
  }

  add(id: string, signature: NearDupSignature): void {
    this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    this.slotOf.set(id, slot);

    const words = signature.titleWords.subarray(0, MAX_TITLE_WORDS);
    this.titleStart = withCapacity(this.titleStart, slot + 1);
    this.titleLength = withCapacity(this.titleLength, slot + 1);
    this.titleWords = withCapacity(this.titleWords, this.titleWordsUsed + words.length);
    this.titleStart[slot] = this.titleWordsUsed;
    this.titleLength[slot] = words.length;
    this.titleWords.set(words, this.titleWordsUsed);
    this.titleWordsUsed += words.length;

    this.shingles = withCapacity(this.shingles, slot + 1);
    this.shingles[slot] = signature.abstract ? signature.abstract.shingles : 0;
    if (signature.abstract) this.byAbstract.add(slot, signature.abstract.minHash);
    const title = titleMinHash(signature);
    if (title) {
      this.byTitle.add(slot, title);
      if (!signature.abstract) this.byTitleWithoutAbstract.add(slot, title);
    }
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.byAbstract.remove(slot);
    this.byTitle.remove(slot);
    this.byTitleWithoutAbstract.remove(slot);
    return true;
  }

  /** Stored papers that are probably another version of the queried one, best first. */
  query(signature: NearDupSignature, options: NearDuplicateQueryOptions = {}): NearDuplicateMatch[] {
    const candidates = new Set<number>();
    if (signature.abstract) for (const slot of this.byAbstract.candidates(signature.abstract.minHash)) candidates.add(slot);
    const title = titleMinHash(signature);
    if (title) {
      // With both abstracts present the abstract decides, and the abstract index has already offered the pair.
      const byTitle = signature.abstract ? this.byTitleWithoutAbstract : this.byTitle;
      for (const slot of byTitle.candidates(title)) candidates.add(slot);
    }
    const matches: NearDuplicateMatch[] = [];
    for (const slot of candidates) {
      const id = this.ids[slot] as string;
      if (id === options.exclude) continue;
      const result = nearDuplicateScore(signature, this.signatureAt(slot));
      if (isNearDuplicate(result)) matches.push({ id, score: result.score });
    }
    return matches.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
  }

  private signatureAt(slot: number): NearDupSignature {
    const start = this.titleStart[slot];
    const minHashValues = this.byAbstract.minHashOf(slot);
    return {
      titleWords: this.titleWords.subarray(start, start + this.titleLength[slot]),
      abstract: minHashValues ? { minHash: minHashValues, shingles: this.shingles[slot] } : null,
    };
  }
}

/** Titles too short to ever decide alone are not filed by title. */
function titleMinHash(signature: NearDupSignature): MinHash | undefined {
  return signature.titleWords.length >= MIN_TITLE_WORDS ? minHash(signature.titleWords, TITLE_PERMUTATIONS) : undefined;
}
