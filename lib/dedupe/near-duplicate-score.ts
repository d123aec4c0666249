import { estimateJaccard } from './minhash';
import type { NearDupSignature } from './signature';
import { exactJaccard } from './shingles';

/**
 * Thresholds chosen on tests/fixtures/near-duplicates/labelled.json (docs/near-duplicates.md has the distributions).
 * Abstract containment: versions of one work score ≥ 0.52, the hardest same-topic pairs ≤ 0.10. The threshold sits
 * nearer the positives because the estimate's upper tail is what a large library samples: among 100k stored papers a
 * card meets thousands of weakly related ones, and at 0.3 estimates reached 0.44 for pairs truly sharing 0.13–0.23.
 * Title-only: distinct same-topic titles reach a word Jaccard of 0.5; 0.8 is stricter because a title is little evidence.
 */
export const ABSTRACT_THRESHOLD = 0.4;
export const TITLE_THRESHOLD = 0.8;
/**
 * Short titles are shared by distinct papers ("A Survey of Large Language Models", "Large Language Models: A Survey"):
 * with fewer content words than this, a title alone never marks a near duplicate.
 */
export const MIN_TITLE_WORDS = 5;

export interface NearDupScore {
  /** In [0, 1]; compare against the threshold of its basis. */
  score: number;
  /** Abstracts when both papers have one; otherwise titles, judged more strictly. */
  basis: 'abstract' | 'title';
}

/**
 * How likely two papers are versions of one work. With both abstracts: the estimated share of the shorter abstract's
 * shingles found in the other (containment), which stays high when a version adds or cuts sentences or is truncated,
 * where plain Jaccard drops. Titles are not mixed in then: a renamed resubmission shares less of its title with the
 * original than distinct same-topic papers do, so the title would only blur the abstract's verdict.
 */
export function nearDuplicateScore(a: NearDupSignature, b: NearDupSignature): NearDupScore {
  if (a.abstract && b.abstract) {
    const jaccard = estimateJaccard(a.abstract.minHash, b.abstract.minHash);
    const shared = (jaccard * (a.abstract.shingles + b.abstract.shingles)) / (1 + jaccard);
    return { score: Math.min(1, shared / Math.min(a.abstract.shingles, b.abstract.shingles)), basis: 'abstract' };
  }
  const shorter = Math.min(a.titleWords.length, b.titleWords.length);
  return { score: shorter < MIN_TITLE_WORDS ? 0 : exactJaccard(a.titleWords, b.titleWords), basis: 'title' };
}

export function isNearDuplicate(result: NearDupScore): boolean {
  return result.score >= (result.basis === 'abstract' ? ABSTRACT_THRESHOLD : TITLE_THRESHOLD);
}
