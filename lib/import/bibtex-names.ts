import type { Creator } from '@retorquere/bibtex-parser';
import { hasTex } from './tex-text';

/** A name as one display string: "First von Last Jr". */
export function creatorName(creator: Creator): string {
  if (creator.name) return creator.name;
  return [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' ');
}

/**
 * An author list separated by ";" and no "and" ("Baklouti, F.; Huang, S. C.", as Biblioscape and some EndNote and
 * Mendeley exports write it) as BibTeX's "and" list. BibTeX would read one name of many commas and the parser
 * refuses it; the person who wrote it meant separate authors. A ";" inside braces stays (an organisation's name).
 */
export function andSeparated(value: string): string {
  if (!value.includes(';') || /\sand\s/i.test(value)) return value;
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (char === '\\') i += 1;
    else if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    else if (char === ';' && depth === 0) {
      names.push(value.slice(start, i));
      start = i + 1;
    }
  }
  names.push(value.slice(start));
  return names.map((name) => name.trim()).filter(Boolean).join(' and ');
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

/**
 * An author list the parser refuses, read as a person would: names at "and"; "Last, First" turned round; a name
 * of four or six comma parts ("Miller, D., Firby, J.", a list missing its "and") read as that many "Last, First"
 * pairs. Braces are dropped; any TeX is kept as written.
 */
export function namesAsWritten(value: string): string[] {
  return value
    .split(/\s+and\s+/i)
    .flatMap((name) => {
      const parts = name.replace(/[{}]/g, '').split(',').map((part) => part.trim());
      if (parts.length === 1) return [parts[0]];
      const pairs = parts.length > 3 && parts.length % 2 === 0 ? parts.length / 2 : 1;
      if (pairs === 1) return [[parts.length === 3 ? parts[2] : parts.slice(1).join(' '), parts[0], parts.length === 3 ? parts[1] : ''].filter(Boolean).join(' ')];
      return Array.from({ length: pairs }, (_, i) => `${parts[2 * i + 1]} ${parts[2 * i]}`.trim());
    })
    .filter(Boolean);
}
