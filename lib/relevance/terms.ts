/** What a paper's text is reduced to: the fields every site may show. */
export interface PaperText {
  title: string;
  abstract?: string;
  summary?: string;
}

// Function words and the boilerplate of abstracts ("we propose a novel method"): they match every paper alike.
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again all also am an and any are as at be been being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'via using use used based show shows shown paper propose proposed proposes approach method methods novel new results result ' +
    'however moreover furthermore thus therefore while whereas et al e g i e yet within without across among toward towards us one two three'
  ).split(' '),
);

/** Lower-cased words of at least two letters or digits, TeX commands and stop words dropped. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().replace(/\\[a-z]+/g, ' ').matchAll(/[a-z0-9]+/g)) {
    const word = match[0];
    if (word.length < 2 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    out.push(word);
  }
  return out;
}

/**
 * Term counts of a paper: unigrams and adjacent bigrams (as arxiv-sanity's tf-idf uses), title words counted twice
 * because a title is the author's own summary. The abstract is used when present, else the site's short summary.
 */
export function termCounts(paper: PaperText): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (list: string[], times: number) => {
    for (let i = 0; i < list.length; i++) {
      counts.set(list[i], (counts.get(list[i]) ?? 0) + times);
      if (i > 0) {
        const bigram = `${list[i - 1]} ${list[i]}`;
        counts.set(bigram, (counts.get(bigram) ?? 0) + times);
      }
    }
  };
  add(words(paper.title), 2);
  add(words(paper.abstract ?? paper.summary ?? ''), 1);
  return counts;
}
