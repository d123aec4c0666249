import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachTermId, processTerm, tokenizeText } from '../../lib/search/document';
import { TermTable } from '../../lib/search/term-table';

const reference = (text: string) => tokenizeText(text).map(processTerm).filter((term): term is string => !!term);
// One table for every text, as a rebuild shares one across all its papers.
const table = new TermTable();
const scanned = (text: string) => {
  const terms: string[] = [];
  forEachTermId(text, table, (id) => terms.push(table.terms[id]));
  return terms;
};

describe('the indexing term scanner', () => {
  it('cuts and folds text exactly as the tokenizer and term processing do', () => {
    const pieces = fc.constantFrom('Model', 'the', 'AND', 'of', 'Schölkopf', 'ÜBER', 'naïve', 'ΟΔΟΣ', 'e\u0301', '\u0301', '😀', '𝐀x', '\ud800', '\udc00',
      ' ', '\n', '\r', '\t', '-', '.', ',', '—', '€', '+', "'", '\u00a0', '\u2028', '2024', 'x1', '_', 'ǅ', 'İ', 'ß');
    const text = fc.oneof(fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 60 }));
    fc.assert(fc.property(text, (value) => {
      expect(scanned(value)).toEqual(reference(value));
    }), { numRuns: 400 });
  });

  it('finds the words of an ordinary abstract', () => {
    expect(scanned('We train a Transformer-based model (GPT-4o) on 1.5B tokens; it beats Schölkopf et al.')).toEqual(
      ['train', 'transformer', 'based', 'model', 'gpt', '4o', '1', '5b', 'tokens', 'beats', 'scholkopf', 'et', 'al'],
    );
  });
});
