import { parse } from '@retorquere/bibtex-parser';
import { readBibtexFile } from '../../lib/import/bibtex';
import { decodeImportBytes } from '../../lib/import/decode-text';

/** One file of the corpus: what the reference parser reads, what Shelfmark imports and skips. */
export interface CorpusFileFigures {
  name: string;
  /** Entries `@retorquere/bibtex-parser` returns (0 when it throws), and those with a title. */
  referenceEntries: number;
  referenceTitled: number;
  imported: number;
  /** Titled reference entries whose key Shelfmark did not import. */
  missingTitled: string[];
  skippedReasons: string[];
  warnings: number;
  /** Entries imported with a field kept as written (its TeX unreadable), among the warnings. */
  keptAsWritten: number;
  refused: string | undefined;
  encoding: string | undefined;
}

/** Skip reasons grouped: locations and quoted text removed, so the same cause counts once. */
function reasonKind(reason: string): string {
  return reason.replace(/\s*\(line \d+, column \d+\)/g, '').replace(/"[^"]*"/g, '"…"');
}

export function measureCorpusFile(name: string, bytes: Uint8Array): CorpusFileFigures {
  const decoded = decodeImportBytes(bytes, name);
  const text = decoded.ok ? decoded.value.text : new TextDecoder().decode(bytes);
  let referenceEntries = 0;
  const titledKeys: string[] = [];
  try {
    const library = parse(text, { sentenceCase: false, english: false, unsupported: (_node, tex) => tex });
    referenceEntries = library.entries.length;
    for (const entry of library.entries) if (typeof entry.fields.title === 'string' && entry.fields.title.trim()) titledKeys.push(entry.key);
  } catch {
    // The reference cannot read it at all: its entries are not counted.
  }
  if (!decoded.ok) {
    return { name, referenceEntries, referenceTitled: titledKeys.length, imported: 0, missingTitled: titledKeys, skippedReasons: [], warnings: 0, keptAsWritten: 0, refused: decoded.errors[0], encoding: undefined };
  }
  const read = readBibtexFile(text);
  const importedKeys = new Set(read.entries.map((entry) => entry.key));
  return {
    name,
    referenceEntries,
    referenceTitled: titledKeys.length,
    imported: titledKeys.filter((key) => importedKeys.has(key)).length,
    missingTitled: titledKeys.filter((key) => !importedKeys.has(key)),
    skippedReasons: read.skipped.map((entry) => reasonKind(entry.reason)),
    warnings: read.warnings.length,
    keptAsWritten: read.warnings.filter((warning) => / imported as written, its TeX unreadable/.test(warning)).length,
    refused: read.entries.length ? undefined : 'no entry imported',
    encoding: decoded.value.encoding,
  };
}

export function summarizeCorpus(files: readonly CorpusFileFigures[]) {
  const sum = (pick: (file: CorpusFileFigures) => number) => files.reduce((total, file) => total + pick(file), 0);
  const reasons = new Map<string, number>();
  for (const reason of files.flatMap((file) => file.skippedReasons)) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  const referenceTitled = sum((file) => file.referenceTitled);
  const imported = sum((file) => file.imported);
  return {
    files: files.length,
    referenceEntries: sum((file) => file.referenceEntries),
    referenceTitled,
    imported,
    importedPercent: referenceTitled ? (100 * imported) / referenceTitled : 100,
    // A file with titled entries the reference reads, of which none imported.
    refusedFiles: files.filter((file) => file.referenceTitled > 0 && file.imported === 0).map((file) => file.name),
    legacyEncoded: files.filter((file) => file.encoding === 'windows-1252').map((file) => file.name),
    warnings: sum((file) => file.warnings),
    keptAsWritten: sum((file) => file.keptAsWritten),
    skippedByReason: [...reasons].sort((a, b) => b[1] - a[1]),
  };
}
