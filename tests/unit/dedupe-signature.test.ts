import { describe, expect, it } from 'vitest';
import { decodeSignature, encodeSignature, signatureOf } from '../../lib/dedupe/signature';
import { isNearDuplicate, nearDuplicateScore } from '../../lib/dedupe/near-duplicate-score';

const ABSTRACT =
  'We propose modifications to the PAM algorithm that achieve an O(k)-fold speedup in the second SWAP phase of the ' +
  'algorithm, but will still find the same results as the original PAM algorithm. If we relax the choice of swaps ' +
  'performed, we can further accelerate the algorithm by eagerly performing additional swaps in each iteration.';
const PAPER = { title: 'Fast and Eager k-Medoids Clustering: O(k) Runtime Improvement of PAM', abstract: ABSTRACT };

describe('signatureOf', () => {
  it('keeps an abstract sketch only for a real abstract', () => {
    expect(signatureOf(PAPER).abstract?.minHash.length).toBe(128);
    expect(signatureOf({ title: PAPER.title }).abstract).toBeNull();
    expect(signatureOf({ title: PAPER.title, abstract: 'Short teaser text only, no abstract.' }).abstract).toBeNull();
  });

  it('does not depend on case, TeX or Unicode rendering', () => {
    const tex = { title: PAPER.title.toUpperCase(), abstract: ABSTRACT.replace('O(k)', '$\\mathcal{O}(k)$').replace('eagerly', 'EAGERLY') };
    expect(encodeSignature(signatureOf(tex))).toBe(encodeSignature(signatureOf(PAPER)));
  });
});

describe('encodeSignature / decodeSignature', () => {
  it('round-trips a signature with an abstract', () => {
    const signature = signatureOf(PAPER);
    const encoded = encodeSignature(signature);
    expect(typeof encoded).toBe('string');
    expect(encoded.length).toBeLessThan(450);
    const decoded = decodeSignature(encoded);
    expect([...decoded.titleWords]).toEqual([...signature.titleWords]);
    expect([...(decoded.abstract?.minHash ?? [])]).toEqual([...(signature.abstract?.minHash ?? [])]);
    expect(decoded.abstract?.shingles).toBe(signature.abstract?.shingles);
    expect(nearDuplicateScore(decoded, signature)).toEqual({ score: 1, basis: 'abstract' });
  });

  it('round-trips a title-only signature', () => {
    const signature = signatureOf({ title: PAPER.title });
    const decoded = decodeSignature(encodeSignature(signature));
    expect(decoded.abstract).toBeNull();
    expect([...decoded.titleWords]).toEqual([...signature.titleWords]);
  });

  it('rejects text that is not a signature', () => {
    expect(() => decodeSignature(btoa('\u0002\u0000\u0000\u0000'))).toThrow(/format/);
    const truncated = encodeSignature(signatureOf(PAPER)).slice(0, 40);
    expect(() => decodeSignature(truncated)).toThrow();
  });
});

describe('nearDuplicateScore', () => {
  it('scores containment: a truncated abstract is still a version of the full one', () => {
    const half = { title: PAPER.title, abstract: ABSTRACT.slice(0, ABSTRACT.indexOf(' If we relax')) };
    const result = nearDuplicateScore(signatureOf(half), signatureOf(PAPER));
    expect(result.basis).toBe('abstract');
    expect(result.score).toBeGreaterThan(0.8);
    expect(isNearDuplicate(result)).toBe(true);
  });

  it('judges by abstract when both have one, however alike the titles', () => {
    const other = {
      title: PAPER.title,
      abstract:
        'Graph neural networks learn node representations by message passing between neighbours. We study their ' +
        'expressive power on molecular property prediction and introduce a new readout that is invariant to ordering.',
    };
    const result = nearDuplicateScore(signatureOf(other), signatureOf(PAPER));
    expect(result.basis).toBe('abstract');
    expect(isNearDuplicate(result)).toBe(false);
  });

  it('falls back to titles, strictly, when a card has no abstract', () => {
    const same = nearDuplicateScore(signatureOf({ title: PAPER.title }), signatureOf(PAPER));
    expect(same).toEqual({ score: 1, basis: 'title' });
    expect(isNearDuplicate(same)).toBe(true);
    const sharesTopic = nearDuplicateScore(
      signatureOf({ title: 'Fast k-Medoids Clustering with Random Sampling for Large Data' }),
      signatureOf(PAPER),
    );
    expect(isNearDuplicate(sharesTopic)).toBe(false);
  });

  it('never lets a short title decide alone', () => {
    const survey = nearDuplicateScore(signatureOf({ title: 'A Survey of Large Language Models' }), signatureOf({ title: 'Large Language Models: A Survey' }));
    expect(survey.score).toBe(0);
    expect(isNearDuplicate(survey)).toBe(false);
  });
});
