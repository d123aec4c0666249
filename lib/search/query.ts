import { normalizeTag, SITE_LABELS, type SiteKey } from '../paper';
import { SITE_ALIASES, SITE_KEYS } from '../sites/registry';

/** Library states a paper can be filtered by. */
export type PaperFlagFilter = 'saved' | 'seen' | 'dismissed';

export interface QueryFilters {
  /** Every listed tag must be on the paper. */
  tags: string[];
  /** Every listed state must hold. */
  is: PaperFlagFilter[];
  /** Any listed site must have shown the paper. */
  sites: SiteKey[];
  /** Inclusive lower bound (ms) on the paper's latest activity. */
  after?: number;
  /** Exclusive upper bound (ms) on the paper's earliest activity. */
  before?: number;
}

export type ChipKind = 'tag' | 'is' | 'site' | 'after' | 'before' | 'phrase';

/** A recognised filter or phrase as the user typed it; `start`/`end` locate it in the input so it can be removed. */
export interface QueryChip {
  kind: ChipKind;
  value: string;
  label: string;
  start: number;
  end: number;
}

export interface ParsedQuery {
  /** Loose words, searched with prefix and typo tolerance. */
  words: string[];
  /** Quoted phrases, matched exactly (case-insensitive). */
  phrases: string[];
  filters: QueryFilters;
  chips: QueryChip[];
  /** Friendly explanations of input that was not understood; the rest of the query still runs. */
  hints: string[];
}

const FLAG_VALUES: readonly PaperFlagFilter[] = ['saved', 'seen', 'dismissed'];

const SITE_HINT = `use ${SITE_KEYS.map((key) => `site:${key}`).join(', ')}`;

const FILTER_KEYS = new Set(['tag', 'is', 'site', 'after', 'before']);

interface Token {
  /** The filter name of a `key:value` token. */
  key?: string;
  /** The value, unquoted; the whole word or phrase when there is no key. */
  value: string;
  quoted: boolean;
  unclosed: boolean;
  start: number;
  end: number;
}

/** Splits on whitespace, keeping `"…"` and `key:"…"` together as one token. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i])) {
      i += 1;
      continue;
    }
    const start = i;
    const keyMatch = /^([a-z]+):/i.exec(input.slice(i));
    const key = keyMatch && FILTER_KEYS.has(keyMatch[1].toLowerCase()) ? keyMatch[1].toLowerCase() : undefined;
    const valueStart = key ? i + keyMatch![0].length : i;
    if (input[valueStart] === '"') {
      const close = input.indexOf('"', valueStart + 1);
      const end = close === -1 ? input.length : close + 1;
      const value = input.slice(valueStart + 1, close === -1 ? input.length : close);
      tokens.push({ key, value, quoted: true, unclosed: close === -1, start, end });
      i = end;
      continue;
    }
    let end = valueStart;
    while (end < input.length && !/\s/.test(input[end])) end += 1;
    tokens.push({ key, value: input.slice(valueStart, end), quoted: false, unclosed: false, start, end });
    i = end;
  }
  return tokens;
}

/** Start of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` period and of the period after it, in local time. */
export function parsePeriod(text: string): { start: number; next: number } | undefined {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined) {
    const start = new Date(year, month! - 1, day);
    // Date rolls 2025-02-31 over into March: such a day does not exist.
    if (start.getMonth() !== month! - 1) return undefined;
    return { start: start.getTime(), next: new Date(year, month! - 1, day + 1).getTime() };
  }
  if (month !== undefined) {
    return { start: new Date(year, month - 1, 1).getTime(), next: new Date(year, month, 1).getTime() };
  }
  return { start: new Date(year, 0, 1).getTime(), next: new Date(year + 1, 0, 1).getTime() };
}

function emptyFilters(): QueryFilters {
  return { tags: [], is: [], sites: [], after: undefined, before: undefined };
}

/** Reads the popup's query language. Never throws: anything not understood becomes a hint and is otherwise ignored. */
export function parseQuery(input: string): ParsedQuery {
  const parsed: ParsedQuery = { words: [], phrases: [], filters: emptyFilters(), chips: [], hints: [] };
  const chip = (token: Token, kind: ChipKind, value: string, label: string) =>
    parsed.chips.push({ kind, value, label, start: token.start, end: token.end });

  for (const token of tokenize(input)) {
    if (token.unclosed) parsed.hints.push('Close the quote (") to search for an exact phrase.');
    if (!token.key) {
      if (token.quoted) {
        const phrase = token.value.trim().replace(/\s+/g, ' ');
        if (phrase && !token.unclosed) {
          parsed.phrases.push(phrase);
          chip(token, 'phrase', phrase, `"${phrase}"`);
        } else {
          parsed.words.push(...phrase.split(' ').filter(Boolean));
        }
      } else {
        parsed.words.push(token.value);
      }
      continue;
    }
    const value = token.value.trim();
    if (!value) {
      parsed.hints.push(emptyValueHint(token.key));
      continue;
    }
    switch (token.key) {
      case 'tag': {
        const tag = normalizeTag(value);
        if (!parsed.filters.tags.includes(tag)) parsed.filters.tags.push(tag);
        chip(token, 'tag', tag, `tag: ${tag}`);
        break;
      }
      case 'is': {
        const flag = FLAG_VALUES.find((candidate) => candidate === value.toLowerCase());
        if (!flag) {
          parsed.hints.push(`"is:${value}" is not a state: use is:saved, is:seen or is:dismissed.`);
          break;
        }
        if (!parsed.filters.is.includes(flag)) parsed.filters.is.push(flag);
        chip(token, 'is', flag, flag);
        break;
      }
      case 'site': {
        const site = SITE_ALIASES.get(value.toLowerCase());
        if (!site) {
          parsed.hints.push(`"site:${value}" is not a known site: ${SITE_HINT}.`);
          break;
        }
        if (!parsed.filters.sites.includes(site)) parsed.filters.sites.push(site);
        chip(token, 'site', site, `on ${SITE_LABELS[site]}`);
        break;
      }
      case 'after':
      case 'before': {
        const period = parsePeriod(value);
        if (!period) {
          parsed.hints.push(`"${token.key}:${value}" needs a date like 2025, 2025-01 or 2025-01-31.`);
          break;
        }
        if (token.key === 'after') parsed.filters.after = Math.max(parsed.filters.after ?? -Infinity, period.start);
        else parsed.filters.before = Math.min(parsed.filters.before ?? Infinity, period.start);
        chip(token, token.key, value, `${token.key} ${value}`);
        break;
      }
    }
  }
  const { after, before } = parsed.filters;
  if (after !== undefined && before !== undefined && after >= before) {
    parsed.hints.push('The after: date is not before the before: date, so nothing can match.');
  }
  return parsed;
}

function emptyValueHint(key: string): string {
  switch (key) {
    case 'tag':
      return 'Type a tag after tag:, e.g. tag:rl or tag:"multi word".';
    case 'is':
      return 'Type is:saved, is:seen or is:dismissed.';
    case 'site':
      return `Type ${SITE_KEYS.map((key) => `site:${key}`).join(' or ')}.`;
    default:
      return `Type a date after ${key}:, e.g. ${key}:2025-01.`;
  }
}

/** The input with one chip's text cut out, whitespace tidied. */
export function removeChip(input: string, chip: Pick<QueryChip, 'start' | 'end'>): string {
  return `${input.slice(0, chip.start)} ${input.slice(chip.end)}`.replace(/\s+/g, ' ').trim();
}

export function hasFilters(filters: QueryFilters): boolean {
  return (
    filters.tags.length > 0 ||
    filters.is.length > 0 ||
    filters.sites.length > 0 ||
    filters.after !== undefined ||
    filters.before !== undefined
  );
}
