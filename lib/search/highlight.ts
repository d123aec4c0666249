import { processTerm, WORD } from './document';

export interface TextSegment {
  text: string;
  match: boolean;
}

/**
 * Splits text into plain and matched segments: a word is matched when, processed like an indexed term, it is one of
 * the terms a search matched. The UI renders segments as elements, so page-derived text never becomes HTML.
 */
export function highlightSegments(text: string, matchedTerms: readonly string[]): TextSegment[] {
  if (!matchedTerms.length || !text) return text ? [{ text, match: false }] : [];
  const terms = new Set(matchedTerms);
  const segments: TextSegment[] = [];
  let cursor = 0;
  const push = (segment: TextSegment) => {
    const last = segments[segments.length - 1];
    if (last && last.match === segment.match) last.text += segment.text;
    else segments.push(segment);
  };
  for (const word of text.matchAll(WORD)) {
    const term = processTerm(word[0]);
    if (!term || !terms.has(term)) continue;
    if (word.index > cursor) push({ text: text.slice(cursor, word.index), match: false });
    push({ text: word[0], match: true });
    cursor = word.index + word[0].length;
  }
  if (cursor < text.length) push({ text: text.slice(cursor), match: false });
  return segments;
}
