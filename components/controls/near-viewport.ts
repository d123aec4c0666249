/**
 * Runs a callback once an element comes within a screen or two of the viewport. Long listings (arXiv's 2,000-entry
 * pages) would otherwise build every strip's shadow root and UI before the page is usable.
 */
const NEAR = '1500px 0px';
const waiting = new Map<Element, () => void>();
let observer: IntersectionObserver | undefined;

function ensureObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const run = waiting.get(entry.target);
        stopWaiting(entry.target);
        run?.();
      }
    },
    { rootMargin: NEAR },
  );
  return observer;
}

export function whenNearViewport(element: Element, run: () => void): void {
  if (typeof IntersectionObserver === 'undefined') return run();
  waiting.set(element, run);
  ensureObserver().observe(element);
}

export function stopWaiting(element: Element): void {
  if (!waiting.delete(element)) return;
  observer?.unobserve(element);
}
