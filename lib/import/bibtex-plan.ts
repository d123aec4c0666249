import type { PaperId } from '../ids';
import { emptyRecord, mergeMetadata } from '../library';
import { normalizeTags, type PaperRecord } from '../paper';
import type { ImportPlan } from '../backup/merge';
import type { BibtexImportEntry } from './bibtex';
import { emptyReport } from './result';

/**
 * Plans adding BibTeX entries to a library, without touching it. Importing a .bib is an explicit "put these on my
 * list": papers not yet saved are saved now, keywords are added to the tags, the entry's note is appended unless
 * the note already holds it, and metadata merges without dropping known values. Entries with the same id fold.
 */
export function planBibtexImport(
  existing: ReadonlyMap<PaperId, PaperRecord>,
  entries: readonly BibtexImportEntry[],
  now: number,
): ImportPlan {
  const report = emptyReport();
  const planned = new Map<PaperId, PaperRecord>();
  for (const { paper, tags, note } of entries) {
    const before = planned.get(paper.id) ?? existing.get(paper.id);
    let record = before ? mergeMetadata(before, paper, now) : emptyRecord(paper, now);
    if (before && record !== before) report.fieldsChanged.metadata++;
    const edit = (patch: Partial<PaperRecord>, field: 'savedAt' | 'tags' | 'note') => {
      record = { ...record, ...patch, edited: { ...record.edited, [field]: now }, updatedAt: now };
      if (before) report.fieldsChanged[field]++;
    };
    if (record.savedAt === null) edit({ savedAt: now }, 'savedAt');
    const merged = normalizeTags([...record.tags, ...tags]);
    if (merged.length !== record.tags.length) edit({ tags: merged }, 'tags');
    if (note && !record.note.includes(note)) edit({ note: record.note ? `${record.note}\n\n${note}` : note }, 'note');
    planned.set(paper.id, record);
  }
  for (const [id, record] of planned) {
    const before = existing.get(id);
    if (!before) report.papers.added++;
    else if (record === before) report.papers.unchanged++;
    else report.papers.updated++;
  }
  const papers = [...planned.entries()]
    .filter(([id, record]) => existing.get(id) !== record)
    .map(([, record]) => ({ ...record, updatedAt: now }));
  return { writes: { papers, sightings: [], settings: [] }, report };
}
