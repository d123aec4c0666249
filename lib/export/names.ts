export interface NameParts {
  /** Family name, with its particles ("van der Berg"). */
  last: string;
  /** Given names; empty for a one-word name. */
  first: string;
  /** A generational suffix ("Jr.", "III"), empty when there is none. */
  suffix: string;
}

/** Suffixes written after the family name ("Martin Luther King Jr.", "John Smith III"). */
const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV|V|VI)$/;

/**
 * Splits a display name ("Anna van der Berg", "Kai Müller-Schön") into family and given names. Pages show names in
 * Western order without commas, so the family name is the last word plus any lower-case particles before it; a name
 * already written "Last, First" is taken at its word.
 */
export function splitName(name: string): NameParts {
  const clean = name.trim().replace(/\s+/g, ' ');
  const parts = clean.split(',').map((part) => part.trim());
  // "Last, First", "Last, Jr., First" (BibTeX's order) and "Last, First, Jr." (RIS's).
  if (parts.length === 3 && parts[0] && SUFFIX.test(parts[1])) return { last: parts[0], first: parts[2], suffix: parts[1] };
  if (parts.length === 3 && parts[0] && SUFFIX.test(parts[2])) return { last: parts[0], first: parts[1], suffix: parts[2] };
  if (parts.length >= 2 && parts[0]) return { last: parts[0], first: parts.slice(1).join(', '), suffix: '' };
  const words = clean.replace(/,/g, ' ').trim().split(/\s+/);
  // Nothing but commas: kept as written, one name.
  if (!words.join('')) return { last: clean, first: '', suffix: '' };
  let suffix = '';
  if (words.length > 2 && SUFFIX.test(words[words.length - 1])) suffix = words.pop()!;
  if (words.length === 1) return { last: words[0], first: '', suffix };
  let start = words.length - 1;
  while (start > 1 && /^\p{Ll}/u.test(words[start - 1])) start--;
  return { last: words.slice(start).join(' '), first: words.slice(0, start).join(' '), suffix };
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
