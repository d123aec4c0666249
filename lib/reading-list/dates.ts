function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local calendar date as YYYY-MM-DD: what the user's clock says today, for file names. */
export function localIsoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "shelfmark-2026-11-23.bib" */
export function exportFilename(extension: string, date: Date): string {
  return `shelfmark-${localIsoDate(date)}.${extension}`;
}

const savedFormat = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });

export function formatDay(timestamp: number): string {
  return savedFormat.format(new Date(timestamp));
}
