/**
 * The content script's main-thread work, recorded as `shelfmark:<phase>:<step>` performance measures that
 * `npm run bench` reads from the page (names, not `detail`: the page's world reads what the content script's world
 * wrote). `first-screen` is what stands between script start and the first strips; `rest` is a long page's later
 * cards, done in idle slices. `send` is the synchronous part of sending a batch (serialising it), not the round trip; `watch` is deciding
 * whether the page's latest changes concern its cards.
 */
export type WorkStep = 'start' | 'scan' | 'send' | 'mount' | 'watch';
export type WorkPhase = 'first-screen' | 'rest';

export function timed<T>(step: WorkStep, phase: WorkPhase, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(`shelfmark:${phase}:${step}`, { start, end: performance.now() });
  }
}
