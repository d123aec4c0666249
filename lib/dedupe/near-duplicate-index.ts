import { LshIndex } from './lsh-index';
import { minHash, type MinHash } from './minhash';
import { isNearDuplicate, MIN_TITLE_WORDS, nearDuplicateScore } from './near-duplicate-score';
import type { NearDupSignature } from './signature';

/**
 * 64 bands of 2 rows over the 128 abstract minima: a pair with abstract Jaccard 0.3 becomes a candidate with
 * probability 0.998, at 0.2 with 0.93, while same-topic pairs (≤ 0.02) collide with probability ≤ 0.025 — and candidates
 * cost only one signature comparison each.
 */
const ABSTRACT_BANDS = { bands: 64, rows: 2 };
/** Titles: 10 bands of 3 over a 30-value MinHash of the title words; a title Jaccard of 0.8 is found with p = 0.999. */
const TITLE_BANDS = { bands: 10, rows: 3 };
const TITLE_PERMUTATIONS = TITLE_BANDS.bands * TITLE_BANDS.rows;

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
 * their abstract; every paper is also filed by title, for cards and records that have no abstract (arXiv /list pages).
 */
export class NearDuplicateIndex {
  private readonly signatures = new Map<string, NearDupSignature>();
  private readonly byAbstract = new LshIndex(ABSTRACT_BANDS);
  private readonly byTitle = new LshIndex(TITLE_BANDS);

  get size(): number {
    return this.signatures.size;
  }

  add(id: string, signature: NearDupSignature): void {
    this.remove(id);
    this.signatures.set(id, signature);
    if (signature.abstract) this.byAbstract.add(id, signature.abstract.minHash);
    const title = titleMinHash(signature);
    if (title) this.byTitle.add(id, title);
  }

  remove(id: string): boolean {
    if (!this.signatures.delete(id)) return false;
    this.byAbstract.remove(id);
    this.byTitle.remove(id);
    return true;
  }

  /** Stored papers that are probably another version of the queried one, best first. */
  query(signature: NearDupSignature, options: NearDuplicateQueryOptions = {}): NearDuplicateMatch[] {
    const candidates = new Set<string>();
    if (signature.abstract) {
      for (const id of this.byAbstract.candidates(signature.abstract.minHash)) candidates.add(id);
    }
    const title = titleMinHash(signature);
    if (title) {
      for (const id of this.byTitle.candidates(title)) {
        // With both abstracts present the abstract decides, and the abstract index has already offered the pair.
        if (!signature.abstract || !this.byAbstract.has(id)) candidates.add(id);
      }
    }
    const matches: NearDuplicateMatch[] = [];
    for (const id of candidates) {
      if (id === options.exclude) continue;
      const result = nearDuplicateScore(signature, this.signatures.get(id) as NearDupSignature);
      if (isNearDuplicate(result)) matches.push({ id, score: result.score });
    }
    return matches.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
  }
}

/** Titles too short to ever decide alone are not filed by title. */
function titleMinHash(signature: NearDupSignature): MinHash | undefined {
  return signature.titleWords.length >= MIN_TITLE_WORDS ? minHash(signature.titleWords, TITLE_PERMUTATIONS) : undefined;
}
