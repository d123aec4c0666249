import { describe, expect, it } from 'vitest';
import { processTerm, tokenizeText } from '../../lib/search/document';
import { Postings, PostingsBuilder } from '../../lib/search/postings';
import { abstractImpact } from '../../lib/search/term-impacts';

const WORDS = ['graph', 'Neural', 'the', 'attention', 'Über', 'naïve', 'model', 'of', 'diffusion', 'x1', 'GRAPH', 'learning', 'sparse', 'Schölkopf'];

/** A deterministic pseudo-random abstract (a linear congruential generator: the test must not depend on a seed). */
function abstracts(count: number): string[] {
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Array.from({ length: count }, () => Array.from({ length: 20 + (next() % 60) }, () => WORDS[next() % WORDS.length] + (next() % 7 === 0 ? String(next() % 500) : '')).join(next() % 3 ? ' ' : ', '));
}

/** The postings a plain map-of-lists inverted index gives: per sorted term, (doc, impact) by ascending doc. */
function reference(texts: readonly string[]) {
  const byTerm = new Map<string, [number, number][]>();
  texts.forEach((text, doc) => {
    const terms = tokenizeText(text).map(processTerm).filter((term): term is string => !!term);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      if (!byTerm.has(term)) byTerm.set(term, []);
      byTerm.get(term)!.push([doc, abstractImpact(tf, terms.length)]);
    }
  });
  return [...byTerm.keys()].sort().map((term) => ({ term, postings: byTerm.get(term)! }));
}

function listed(postings: Postings) {
  return postings.vocabulary.terms.map((term, position) => {
    const entries: [number, number][] = [];
    for (let at = postings.offsets[position]; at < postings.offsets[position + 1]; at += 1) entries.push([postings.docs[at], postings.impacts[at]]);
    return { term, postings: entries };
  });
}

describe('the postings builder', () => {
  it('packs the same postings as a plain inverted index, across many storage chunks, and stores them losslessly', () => {
    // About 150k postings: more than one full chunk of the builder's storage.
    const texts = abstracts(9000);
    const builder = new PostingsBuilder();
    texts.forEach((text, doc) => builder.addText(doc, text, abstractImpact));
    const built = builder.finish();
    expect(built.docs.length).toBeGreaterThan(1 << 17);
    expect(listed(built)).toEqual(reference(texts));
    expect(listed(Postings.fromData(built.toData(), texts.length))).toEqual(listed(built));
  });

  it('builds an empty table from no text', () => {
    const built = new PostingsBuilder().finish();
    expect(built.vocabulary.size).toBe(0);
    expect([...built.offsets]).toEqual([0]);
  });
});
