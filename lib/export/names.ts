export interface NameParts {
  /** Family name, with its particles ("van der Berg"). */
  last: string;
  /** Given names; empty for a one-word name. */
  first: string;
}

/**
 * Splits a display name ("Anna van der Berg", "Kai Müller-Schön") into family and given names. Pages show names in
 * Western order without commas, so the family name is the last word plus any lower-case particles before it; a name
 * already written "Last, First" is taken at its word.
 */
export function splitName(name: string): NameParts {
  const clean = name.trim().replace(/\s+/g, ' ');
  const comma = clean.indexOf(',');
  if (comma > 0) return { last: clean.slice(0, comma).trim(), first: clean.slice(comma + 1).trim() };
  const words = clean.split(' ');
  if (words.length === 1) return { last: clean, first: '' };
  let start = words.length - 1;
  while (start > 1 && /^\p{Ll}/u.test(words[start - 1])) start--;
  return { last: words.slice(start).join(' '), first: words.slice(0, start).join(' ') };
}

/** Folds a string to lower-case ASCII letters and digits, for citation keys and file names. */
export function asciiFold(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .replace(/[Ææ]/g, 'ae')
    .replace(/[Øø]/g, 'o')
    .replace(/[Łł]/g, 'l')
    .replace(/[Đđ]/g, 'd')
    .replace(/[Þþ]/g, 'th')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
