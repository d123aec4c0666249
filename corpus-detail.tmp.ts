import { readFileSync } from 'node:fs';
import path from 'node:path';
import { measureCorpusFile } from './tests/bib-corpus/measure';
import { readBibtexFile } from './lib/import/bibtex';
import { decodeImportBytes } from './lib/import/decode-text';
for (const file of process.argv.slice(2)) {
  const bytes = new Uint8Array(readFileSync(file));
  const f = measureCorpusFile(path.basename(file), bytes);
  if (!f.missingTitled.length && !f.refused) continue;
  const d = decodeImportBytes(bytes, file);
  const r = d.ok ? readBibtexFile(d.value.text) : undefined;
  console.log('==', path.basename(file), f.refused ?? '', 'missing:', f.missingTitled.slice(0, 5).join(' '));
  if (r) for (const s of r.skipped.filter((s) => f.missingTitled.includes(s.key)).slice(0, 4)) console.log('   ', s);
}
