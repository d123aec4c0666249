import { performance } from 'node:perf_hooks';
import type { PaperRecord } from '../../lib/paper';
import { PaperIndex } from '../../lib/search/paper-index';

/**
 * A fixed single-core workload — indexing the same 10,000 generated papers, best of three — so figures taken on
 * different machines can be compared: the machines these benchmarks run on differ by 2–3× in speed from one session
 * to the next, and a rebuild's time scales with it.
 */
export function referenceBuildMs(records: readonly PaperRecord[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    PaperIndex.fromRecords(records);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
