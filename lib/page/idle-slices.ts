/**
 * Time slices for work that can wait: a long page's cards after the first screen. Each slice runs in an idle period
 * (or after at most `IDLE_WAIT_LIMIT_MS` when the page never idles) and for at most `SLICE_BUDGET_MS`, so the page
 * keeps answering input and painting frames while a 2,000-entry listing is annotated.
 */
export const SLICE_BUDGET_MS = 10;
const IDLE_WAIT_LIMIT_MS = 100;

export interface Slice {
  /** Whether this slice's time is used up; the caller stops its loop and waits for the next slice. */
  spent(): boolean;
}

/** Resolves at the start of the next slice; rejects with the signal's reason once it aborts. */
export function nextSlice(signal: AbortSignal): Promise<Slice> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const start = (budget: number) => {
      signal.removeEventListener('abort', onAbort);
      const end = performance.now() + budget;
      resolve({ spent: () => performance.now() >= end });
    };
    let cancel: () => void;
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(
        // A slice forced by the wait limit still does some work, or a busy page would never be annotated.
        (deadline) => start(deadline.didTimeout ? SLICE_BUDGET_MS / 2 : Math.min(deadline.timeRemaining(), SLICE_BUDGET_MS)),
        { timeout: IDLE_WAIT_LIMIT_MS },
      );
      cancel = () => cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(() => start(SLICE_BUDGET_MS), 0);
      cancel = () => clearTimeout(handle);
    }
    const onAbort = () => {
      cancel();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
