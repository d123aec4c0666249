import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The independent readers an export must satisfy (Debian python3-pybtex, python3-bibtexparser, biber; `.ci/run`
 * installs them), for the unit tests and the end-to-end tests that read the downloaded files.
 */
const PYTHON = '/usr/bin/python3';
const READ_BIB = path.join(path.dirname(fileURLToPath(import.meta.url)), '../readers/read_bib.py');

export interface PybtexEntry {
  key: string;
  title: string;
  doi: string;
  keywords?: string;
  authors: Array<{ first: string; last: string; lineage: string }>;
}

/** The entries of a .bib file as pybtex and python-bibtexparser read them. */
export function readBibWithPython(file: string): { pybtex: PybtexEntry[]; bibtexparser: Array<{ title: string; doi: string; keywords?: string }> } {
  return JSON.parse(execFileSync(PYTHON, [READ_BIB, file], { encoding: 'utf8' })) as ReturnType<typeof readBibWithPython>;
}

/** `biber --tool` over the file: its log (which must hold no ERROR) and the entries it wrote back. */
export function readBibWithBiber(file: string, dir: string): { log: string; entries: number } {
  const out = path.join(dir, `${path.basename(file, '.bib')}.biber-out.bib`);
  const log = execFileSync('biber', ['--tool', '--output-file', out, file], { encoding: 'utf8', cwd: dir });
  return { log, entries: readFileSync(out, 'utf8').match(/^@/gm)?.length ?? 0 };
}

/** The rows of a CSV file as Python's csv.DictReader reads them (the BOM dropped). */
export function readCsvWithPython(file: string): Array<Record<string, string>> {
  const script = 'import csv,json,sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")))))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' })) as Array<Record<string, string>>;
}

/**
 * An RIS line reader. Trimming, it reads as Zotero does: each line trimmed, then `XX  - value` starts a tag,
 * anything else continues the last one. Strict, it takes the lines as they are.
 */
export function readRis(text: string, trim: boolean): Array<Array<[string, string]>> {
  const records: Array<Array<[string, string]>> = [];
  let current: Array<[string, string]> | undefined;
  for (const raw of text.split(/\r\n/)) {
    const line = trim ? raw.trim() : raw;
    const tag = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/.exec(line);
    if (tag && tag[1] === 'TY') records.push((current = []));
    if (tag && current) {
      current.push([tag[1], tag[2]]);
      if (tag[1] === 'ER') current = undefined;
    } else if (current && line) current[current.length - 1][1] += `\n${line}`;
  }
  return records;
}

/** Titles every export format must carry through to the independent readers, byte for byte. */
export const AWKWARD_TITLES: readonly string[] = [
  'Unbalanced { brace',
  'Closing } first',
  'Costs $5 & 10% off #1 under_score a~b x^y back\\slash',
  'A "quoted" title with \'single\' quotes',
  'A literal <b> tag',
  '中文标题 and 日本語のタイトル',
  'Emoji 🚀 in a title',
  'Looks like @misc{evil, title = {x}} inside',
];
