const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Reads a listing's display date: "Published on Dec 28, 2024", "Dec 28, 2024", or "May 30" (pages drop the current
 * year). Returns YYYY-MM-DD, or undefined for anything else.
 */
export function parseDisplayDate(text: string, now: Date): string | undefined {
  const match = /^(?:Published on\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:,\s*(\d{4}))?$/.exec(text.trim());
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[1].toLowerCase());
  const day = Number(match[2]);
  if (month < 0 || day < 1 || day > 31) return undefined;
  let year = match[3] ? Number(match[3]) : now.getUTCFullYear();
  // A yearless date later than today is from last year (a January page showing December papers).
  if (!match[3] && Date.UTC(year, month, day) > now.getTime() + 86_400_000) year -= 1;
  const date = new Date(Date.UTC(year, month, day));
  if (date.getUTCMonth() !== month) return undefined;
  return date.toISOString().slice(0, 10);
}
