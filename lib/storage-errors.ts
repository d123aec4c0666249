/** What a refused IndexedDB write means, told once for every caller (strip, popup, Options, imports). */

export const QUOTA_MESSAGE =
  'the browser refused to store more (the disk is full or the storage quota is used up). Free some disk space and try again.';

/** One clear sentence for a refused write; a full disk or quota is named as such. */
export function describeWriteError(error: unknown): string {
  if (isQuotaError(error)) {
    return QUOTA_MESSAGE;
  }
  return error instanceof Error ? error.message : String(error);
}

/** IndexedDB reports a full disk or quota as QuotaExceededError; Dexie wraps it, keeping the name on `inner`. */
export function isQuotaError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    current = inner;
  }
  return false;
}

