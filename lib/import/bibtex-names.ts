import type { Creator } from '@retorquere/bibtex-parser';
import { hasTex } from './tex-text';

/** A name as one display string: "First von Last Jr". */
export function creatorName(creator: Creator): string {
  if (creator.name) return creator.name;
  return [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' ');
}

/**
 * Display names of an author list without TeX, read as the parser reads them: names split at a standalone "and",
 * "Last, First" and "Last, Jr, First" reordered, anything else kept as written. Returns undefined for lists only the
 * parser should read: TeX or braces, biblatex `family=` parts, more than three comma parts, stray "and"s.
 */
export function plainAuthorNames(value: string): string[] | undefined {
  if (hasTex(value) || value.includes('=') || /\n\s*\n/.test(value)) return undefined;
  const words = value.trim().split(/\s+/);
  if (words.length === 1 && words[0] === '') return [];
  const names: string[][] = [[]];
  for (const word of words) {
    if (/^and$/i.test(word)) names.push([]);
    else names[names.length - 1].push(word);
  }
  if (names.some((name) => name.length === 0)) return undefined;
  const display: string[] = [];
  for (const name of names) {
    const joined = name.join(' ');
    if (!joined.includes(',')) {
      display.push(joined);
      continue;
    }
    const parts = joined.split(',').map((part) => part.trim());
    if (parts.length === 3 && parts[2] === '') parts.pop();
    if (parts.length > 3) return undefined;
    const [last, suffix, first] = parts.length === 2 ? [parts[0], '', parts[1]] : parts;
    const shown = [first, last, suffix].filter(Boolean).join(' ');
    if (shown) display.push(shown);
  }
  return display;
}
