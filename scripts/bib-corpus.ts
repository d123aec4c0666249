// `npx tsx scripts/bib-corpus.ts [DIR…]`: reads every .bib file under the directories (default the sample in
// tests/fixtures/bib-corpus) with the reference parser and with Shelfmark's import, and prints the corpus figures:
// files, entries the reference reads with a title, entries imported, files refused whole, skipped entries by reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { measureCorpusFile, summarizeCorpus, type CorpusFileFigures } from '../tests/bib-corpus/measure';

function bibFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return bibFiles(full);
    return /\.bib$/i.test(name) ? [full] : [];
  });
}

const dirs = process.argv.slice(2);
const files = (dirs.length ? dirs : ['tests/fixtures/bib-corpus']).flatMap(bibFiles).sort();
const figures: CorpusFileFigures[] = files.map((file) => measureCorpusFile(path.basename(file), new Uint8Array(readFileSync(file))));
const summary = summarizeCorpus(figures);
console.log(`files: ${summary.files}`);
console.log(`entries the reference parser reads: ${summary.referenceEntries} (with a title: ${summary.referenceTitled})`);
console.log(`imported: ${summary.imported} (${summary.importedPercent.toFixed(2)} % of the titled ones)`);
console.log(`files refused whole: ${summary.refusedFiles.length}${summary.refusedFiles.length ? ` (${summary.refusedFiles.join(', ')})` : ''}`);
console.log(`files read as Latin-1/Windows-1252: ${summary.legacyEncoded.length}${summary.legacyEncoded.length ? ` (${summary.legacyEncoded.join(', ')})` : ''}`);
console.log(`warnings: ${summary.warnings} (entries imported with a field kept as written: ${summary.keptAsWritten}; the others undefined @string names)`);
console.log('skipped by reason:');
for (const [reason, count] of summary.skippedByReason) console.log(`  ${String(count).padStart(5)}  ${reason}`);
