import { CHANGE_KINDS, type ImportReport } from '../import/result';

export type ImportFileKind = 'backup' | 'bibtex';

/** A JSON backup starts with an object; anything else is read as BibTeX. The extension breaks a tie of neither. */
export function importFileKind(name: string, text: string): ImportFileKind {
  const first = text.trimStart().charAt(0);
  if (first === '{') return 'backup';
  if (first === '@' || first === '%') return 'bibtex';
  return /\.json$/i.test(name) ? 'backup' : 'bibtex';
}

const FIELD_NAMES: Record<(typeof CHANGE_KINDS)[number], string> = {
  savedAt: 'saved state',
  dismissedAt: 'dismissed state',
  tags: 'tags',
  note: 'notes',
  status: 'reading status',
  metadata: 'details',
  seen: 'seen history',
};

/** The report as sentences: "12 papers added, 3 updated, 40 already up to date." */
export function describeReport(report: ImportReport): string[] {
  const n = (value: number) => value.toLocaleString('en');
  const lines = [
    `${n(report.papers.added)} papers added, ${n(report.papers.updated)} updated, ${n(report.papers.unchanged)} already up to date.`,
  ];
  const fields = CHANGE_KINDS.filter((kind) => report.fieldsChanged[kind] > 0).map(
    (kind) => `${FIELD_NAMES[kind]} of ${n(report.fieldsChanged[kind])}`,
  );
  if (fields.length) lines.push(`Changed: ${fields.join(', ')}.`);
  if (report.sightingsAdded) lines.push(`${n(report.sightingsAdded)} sightings added to the seen history.`);
  if (report.settingsRestored) lines.push(`${n(report.settingsRestored)} settings restored.`);
  return lines;
}
