import { titleFingerprint } from '../ids';

/**
 * Function words that carry no identity: two abstracts sharing "of the proposed" say nothing about being the same work,
 * and a reworded version often swaps exactly these ("a"/"the", "in"/"on"). Dropping them before shingling makes the
 * shingles content-bearing and robust to such edits.
 */
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having here how i if in into ' +
    'is it its itself just may might more most much must no nor not now of off on once only or other our ours out over ' +
    'own same shall should so some such than that the their theirs them then there these they this those through to too ' +
    'under until up upon very via was we were what when where which while who whom why will with within without would ' +
    'you your'
  ).split(' '),
);

/**
 * The words of a title or abstract as similarity sees them: case, accents, punctuation and inline LaTeX folded exactly as
 * for title identity (so TeX and Unicode renderings agree), stop words removed.
 */
export function similarityWords(text: string): string[] {
  const folded = titleFingerprint(text);
  if (!folded) return [];
  return folded.split(' ').filter((word) => !STOP_WORDS.has(word));
}
