import type { Creator } from '@retorquere/bibtex-parser';
import { canonicalPaperId, parseArxivId } from '../ids';
import { normalizeTags, type ArxivMeta, type ScrapedPaper } from '../paper';
import { lexBibtex, VERBATIM_FIELDS, type BibtexSource, type SkippedEntry, type VerbatimField } from './bibtex-lexer';
import { httpUrl } from '../safe-url';
import { andSeparated, creatorName, namesAsWritten, plainAuthorNames } from './bibtex-names';
import type { ImportProgress, ImportResult } from './result';
import { PARSER_MARKUP, renderTex, type TexRequest } from './tex-render';
import { prepareTex, restoreKept } from './tex-prepare';
import { splitTex, type TextPiece } from './tex-text';

/** One BibTeX entry, mapped to a paper. */
export interface BibtexImportEntry {
  key: string;
  paper: ScrapedPaper;
  /** From `keywords`. */
  tags: string[];
  /** From `annote`, plus the verbatim entry when it has fields a paper record cannot hold. */
  note: string;
}


/** Fields a paper record holds; an entry with any other field keeps its verbatim source in the note. */
const MAPPED_FIELDS = new Set([
  'title', 'author', 'year', 'month', 'date', 'abstract', 'doi', 'eprint', 'archiveprefix', 'eprinttype',
  'primaryclass', 'eprintclass', 'url', 'keywords', 'annote',
]);

/** Fields read as text (TeX rendered); `journal` and `howpublished` only to spot Google Scholar's arXiv entries. */
const TEXT_FIELDS = [
  'title', 'abstract', 'annote', 'year', 'month', 'date', 'archiveprefix', 'eprinttype', 'primaryclass', 'eprintclass',
  'journal', 'howpublished',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];


type Fields = Partial<Record<TextField | VerbatimField, string>> & { authors: string[]; keywords: string[] };

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7,
  july: 7, aug: 8, august: 8, sep: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

/** Entries mapped between progress reports; each batch renders its TeX in one parser call. */
const BATCH = 200;

/** A parsed field as plain text: the parser's styling markup removed, whitespace collapsed. */
export function plainText(text: string | undefined): string | undefined {
  const clean = text?.replace(PARSER_MARKUP, '').replace(/\s+/g, ' ').trim();
  return clean || undefined;
}

function publishedDate(fields: Fields): string | undefined {
  const date = fields.date?.trim();
  if (date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) return date;
  const year = fields.year && /^-?\d+$/.test(fields.year) ? String(parseInt(fields.year, 10)) : fields.year;
  if (!year || !/^\d{4}$/.test(year)) return undefined;
  const text = fields.month?.toLowerCase() ?? '';
  const month = /^-?\d+$/.test(text) ? parseInt(text, 10) : MONTHS[text];
  return month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, '0')}` : year;
}

/** An arXiv id from `eprint` (when the archive is arXiv or unnamed), an arxiv.org url, or a Google Scholar journal. */
function arxivHint(fields: Fields): string | undefined {
  const archive = (fields.archiveprefix ?? fields.eprinttype ?? 'arxiv').toLowerCase();
  if (fields.eprint && archive === 'arxiv' && parseArxivId(fields.eprint)) return fields.eprint;
  for (const text of [fields.url, fields.journal, fields.howpublished]) {
    if (text && /arxiv/i.test(text) && parseArxivId(text)) return text;
  }
  return undefined;
}

function doiHint(fields: Fields): string | undefined {
  if (fields.doi) return fields.doi;
  return fields.url && /doi\.org\//i.test(fields.url) ? fields.url : undefined;
}

function toImportEntry(source: BibtexSource, fields: Fields): ImportResult<BibtexImportEntry> {
  const { title } = fields;
  if (!title) return { ok: false, errors: [`Entry "${source.key}": has no title.`] };
  const identity = canonicalPaperId({ arxiv: arxivHint(fields), doi: doiHint(fields), title });
  if (!identity) return { ok: false, errors: [`Entry "${source.key}": its title gives no usable id.`] };
  const isArxiv = identity.id.startsWith('arxiv:');
  const primaryCategory = fields.primaryclass ?? fields.eprintclass;
  const arxiv: ArxivMeta | undefined = isArxiv && primaryCategory ? { primaryCategory } : undefined;
  const paper: ScrapedPaper = {
    id: identity.id,
    version: identity.version,
    title,
    authors: fields.authors.filter(Boolean),
    abstract: fields.abstract,
    // Only an http(s) address is kept as the paper's link.
    url: httpUrl(fields.url) ?? '',
    published: publishedDate(fields),
    arxiv,
    doi: fields.doi,
  };
  const unmapped = [...source.fields]
    .filter(([name, value]) => value.trim() && !MAPPED_FIELDS.has(name) && !/^keywords\+duplicate-\d+$/.test(name))
    .map(([name]) => name);
  const verbatim = unmapped.length ? `Imported from BibTeX (${unmapped.join(', ')} kept here):\n${source.input}` : '';
  const note = [fields.annote, verbatim].filter(Boolean).join('\n\n');
  return { ok: true, value: { key: source.key, paper, tags: normalizeTags(fields.keywords), note } };
}

/** A field's text before its TeX is rendered: paragraphs of plain runs and indexes of TeX requests. */
type PendingText = Array<Array<string | number>>;

interface PendingEntry {
  source: BibtexSource;
  texts: Map<TextField, PendingText>;
  /** Display names, or the index of the request rendering the whole list. */
  authors: string[] | number;
}

function withoutOuterBraces(value: string): string {
  if (!value.startsWith('{') || !value.endsWith('}')) return value;
  let depth = 0;
  for (let at = 0; at < value.length; at++) {
    const char = value[at];
    if (char === '\\') at++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return at === value.length - 1 ? value.slice(1, -1) : value;
  }
  return value;
}

/** Keywords split at commas and semicolons outside braces: `{a, b}` is one keyword. */
function splitKeywords(value: string): string[] {
  const words: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < value.length; at++) {
    const char = value[at];
    if (char === '\\') at++;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
    else if ((char === ',' || char === ';') && depth === 0) {
      words.push(value.slice(start, at));
      start = at + 1;
    }
  }
  words.push(value.slice(start));
  return words;
}

/** Keywords as the parser lists them: split at commas and semicolons, each once, in case-insensitive order. */
function keywordsOf(source: BibtexSource): string[] {
  const words = [...source.fields]
    .filter(([name]) => name === 'keywords' || /^keywords\+duplicate-\d+$/.test(name))
    .flatMap(([, value]) => splitKeywords(value))
    .map((word) => withoutOuterBraces(word.trim()).trim())
    .filter(Boolean);
  return [...new Set(words)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

class Batch {
  readonly requests: TexRequest[] = [];
  readonly errors: string[] = [];
  /** Math spans kept as TeX (see tex-prepare.ts), shared by the batch's fields. */
  readonly kept: string[] = [];

  /** An annotation keeps its paragraphs (blank lines) unless a brace group spans one; other fields are one run. */
  text(key: string, field: TextField, given: string): PendingText | undefined {
    const value = /[\\$<>]/.test(given) ? prepareTex(given, this.kept) : given;
    const paragraphs = field === 'annote' ? value.split(/\n[ \t\r]*\n/) : [value];
    let split = paragraphs.map(splitTex);
    if (paragraphs.length > 1 && split.some((result) => !result.ok)) split = [splitTex(value)];
    const pending: PendingText = [];
    for (const result of split) {
      if (!result.ok) {
        this.errors.push(`Entry "${key}": ${field}: ${result.error}.`);
        return undefined;
      }
      pending.push(result.pieces.map((piece: TextPiece) => (typeof piece === 'string' ? piece : this.request(key, 'text', piece.tex))));
    }
    return pending;
  }

  request(key: string, kind: TexRequest['kind'], tex: string): number {
    return this.requests.push({ key, kind, tex }) - 1;
  }
}

function pendingEntry(batch: Batch, source: BibtexSource): PendingEntry {
  const texts = new Map<TextField, PendingText>();
  for (const field of TEXT_FIELDS) {
    const value = source.fields.get(field);
    if (!value?.trim()) continue;
    const pending = batch.text(source.key, field, value);
    if (pending) texts.set(field, pending);
  }
  const author = andSeparated(source.fields.get('author') ?? '');
  const authors = !author.trim() ? [] : (plainAuthorNames(author) ?? batch.request(source.key, 'author', author));
  return { source, texts, authors };
}

function finish(entry: PendingEntry, rendered: ReadonlyArray<string | Creator[]>, kept: readonly string[]): Fields {
  const renderedAuthors = typeof entry.authors === 'number' ? rendered[entry.authors] : entry.authors;
  const fields: Fields = {
    // NFC: the parser writes accents as combining marks (\'e → e + U+0301); pages and searches use composed letters.
    authors: Array.isArray(renderedAuthors)
      ? renderedAuthors.map((name) => (typeof name === 'string' ? name : creatorName(name)).normalize('NFC'))
      : [],
    keywords: keywordsOf(entry.source),
  };
  const piece = (part: string | number) => {
    if (typeof part === 'string') return part;
    const value = rendered[part];
    return typeof value === 'string' ? value : '';
  };
  for (const [field, paragraphs] of entry.texts) {
    const text = paragraphs
      .map((pieces) => plainText(pieces.map(piece).join(' ')))
      .filter(Boolean)
      .join('\n\n');
    if (text) fields[field] = restoreKept(text, kept).normalize('NFC');
  }
  for (const field of VERBATIM_FIELDS) {
    const value = withoutOuterBraces(entry.source.fields.get(field) ?? '').trim();
    if (value) fields[field] = value;
  }
  return fields;
}

/** What a .bib file holds, read entry by entry: what can become a paper, and what cannot (with why). */
export interface BibtexFileRead {
  entries: BibtexImportEntry[];
  skipped: SkippedEntry[];
  /** Read anyway (an undefined @string), as BibTeX itself warns. */
  warnings: string[];
  /** Entries the file holds, read or not. */
  total: number;
}

/** Fields a `crossref`/`xdata` parent never passes down: its identity and the links themselves. */
const NOT_INHERITED = new Set(['crossref', 'xdata', 'ids', 'key', 'keywords', 'annote', 'doi', 'eprint', 'url']);

/**
 * `crossref` and `xdata` as biber applies them: a child takes each field it lacks from its parent (found by key,
 * ignoring case), and a parent's `title` is the child's `booktitle` when the child has a title of its own.
 */
function inherit(entries: readonly BibtexSource[]): void {
  const byKey = new Map(entries.map((entry) => [entry.key.toLowerCase(), entry]));
  const resolve = (entry: BibtexSource, seen: Set<BibtexSource>) => {
    if (seen.has(entry)) return;
    seen.add(entry);
    const parents = [entry.fields.get('crossref'), ...(entry.fields.get('xdata')?.split(',') ?? [])]
      .map((key) => key?.trim().toLowerCase())
      .filter((key): key is string => !!key)
      .map((key) => byKey.get(key))
      .filter((parent): parent is BibtexSource => !!parent && parent !== entry);
    for (const parent of parents) {
      resolve(parent, seen);
      for (const [name, value] of parent.fields) {
        if (NOT_INHERITED.has(name) || name.includes('+duplicate-')) continue;
        if (name === 'title' && entry.fields.has('title')) {
          if (!entry.fields.has('booktitle')) entry.fields.set('booktitle', value);
        } else if (!entry.fields.has(name)) entry.fields.set(name, value);
      }
    }
  };
  for (const entry of entries) if (entry.fields.has('crossref') || entry.fields.has('xdata')) resolve(entry, new Set());
}

/** Why an entry cannot become a paper, without its `Entry "key": ` prefix. */
function reasonOf(message: string): string {
  return message.replace(/^Entry "[^"]*": /, '').replace(/\.$/, '');
}

/** Whether one field's TeX can be read: rendered on its own, in an entry holding only it. */
function fieldReads(source: BibtexSource, name: string, preambles: readonly string[]): boolean {
  const batch = new Batch();
  pendingEntry(batch, { ...source, fields: new Map([[name, source.fields.get(name)!]]) });
  return !batch.errors.length && renderTex(batch.requests, preambles).ok;
}

/**
 * An entry with a readable title whose other fields' TeX cannot be read (a stray `$` or `%` in an OCR'd abstract,
 * an author list BibTeX would only warn about): those fields are kept as written rather than losing the paper, as
 * BibTeX itself carries on. Undefined when the title is the problem or nothing else is.
 */
function withFieldsAsWritten(source: BibtexSource, preambles: readonly string[]): { entry: BibtexImportEntry; asWritten: string[] } | undefined {
  if (!source.fields.get('title')?.trim() || !fieldReads(source, 'title', preambles)) return undefined;
  const candidates = [...TEXT_FIELDS.filter((name) => name !== 'title'), 'author'].filter((name) => source.fields.get(name)?.trim());
  const asWritten = candidates.filter((name) => !fieldReads(source, name, preambles));
  if (!asWritten.length) return undefined;
  const rest: BibtexSource = { ...source, fields: new Map([...source.fields].filter(([name]) => !asWritten.includes(name))) };
  const batch = new Batch();
  const pending = pendingEntry(batch, rest);
  const rendered = renderTex(batch.requests, preambles);
  if (!rendered.ok || batch.errors.length) return undefined;
  const fields = finish(pending, rendered.values, batch.kept);
  for (const name of asWritten) {
    const raw = withoutOuterBraces(source.fields.get(name)!.trim()).replace(/\s+/g, ' ').trim();
    if (name === 'author') fields.authors = namesAsWritten(raw);
    else fields[name as TextField] = raw;
  }
  const mapped = toImportEntry(source, fields);
  return mapped.ok ? { entry: mapped.value, asWritten } : undefined;
}

/** Maps one batch; when its TeX cannot be rendered at once, each entry is rendered alone so one bad entry is skipped. */
function mapBatch(sources: readonly BibtexSource[], preambles: readonly string[], read: BibtexFileRead): void {
  const batch = new Batch();
  const pending = sources.map((source) => pendingEntry(batch, source));
  const rendered = renderTex(batch.requests, preambles);
  if (!rendered.ok || batch.errors.length) {
    if (sources.length > 1) {
      for (const source of sources) mapBatch([source], preambles, read);
      return;
    }
    const [source] = sources;
    const errors = [...batch.errors, ...(rendered.ok ? [] : rendered.errors)];
    const lenient = withFieldsAsWritten(source, preambles);
    if (lenient) {
      read.entries.push(lenient.entry);
      const reason = reasonOf(errors[0] ?? 'its TeX could not be read');
      read.warnings.push(`Entry "${source.key}" (line ${source.line}): ${lenient.asWritten.join(', ')} imported as written, its TeX unreadable (${reason}).`);
      return;
    }
    read.skipped.push({ key: source.key, line: source.line, reason: reasonOf(errors[0] ?? 'its TeX could not be read') });
    return;
  }
  for (const entry of pending) {
    const mapped = toImportEntry(entry.source, finish(entry, rendered.values, batch.kept));
    if (mapped.ok) read.entries.push(mapped.value);
    else read.skipped.push({ key: entry.source.key, line: entry.source.line, reason: reasonOf(mapped.errors[0]) });
  }
}

/**
 * Reads a .bib file entry by entry, as BibTeX does: an entry that cannot become a paper (no title, unreadable TeX,
 * broken syntax) is skipped and listed with its key, line and reason; the rest import. Progress per batch.
 */
export function readBibtexFile(text: string, onProgress?: ImportProgress): BibtexFileRead {
  const lexed = lexBibtex(text);
  inherit(lexed.entries);
  const read: BibtexFileRead = { entries: [], skipped: [...lexed.skipped], warnings: lexed.warnings, total: 0 };
  const total = lexed.entries.length;
  read.total = total + lexed.skipped.length;
  for (let start = 0; start < total; start += BATCH) {
    mapBatch(lexed.entries.slice(start, start + BATCH), lexed.preambles, read);
    onProgress?.(Math.min(start + BATCH, total), total);
  }
  read.skipped.sort((a, b) => a.line - b.line);
  return read;
}

/**
 * Parses a .bib file into papers. Entries with an arXiv eprint/url or a DOI get those ids; others get a title id.
 * Any problem fails the whole file, with messages naming the entry key or the line. Entries are mapped in batches,
 * each reported to `onProgress`.
 */
export function parseBibtexImport(text: string, onProgress?: ImportProgress): ImportResult<BibtexImportEntry[]> {
  const lexed = lexBibtex(text);
  const errors = [...lexed.errors];
  const entries: BibtexImportEntry[] = [];
  const total = lexed.entries.length;
  for (let start = 0; start < total; start += BATCH) {
    const batch = new Batch();
    const pending = lexed.entries.slice(start, start + BATCH).map((source) => pendingEntry(batch, source));
    errors.push(...batch.errors);
    const rendered = renderTex(batch.requests, lexed.preambles);
    if (!rendered.ok) errors.push(...rendered.errors);
    else {
      for (const entry of pending) {
        const mapped = toImportEntry(entry.source, finish(entry, rendered.values, batch.kept));
        if (mapped.ok) entries.push(mapped.value);
        else errors.push(...mapped.errors);
      }
    }
    onProgress?.(Math.min(start + BATCH, total), total);
  }
  if (errors.length) return { ok: false, errors };
  if (!entries.length) return { ok: false, errors: ['No BibTeX entries found in the file.'] };
  return { ok: true, value: entries };
}
