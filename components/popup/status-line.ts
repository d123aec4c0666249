import type { PaperState } from '../../lib/paper';
import type { ResultRecord, SearchOutcome } from '../../lib/search/session';

/** The popup's line under the box. `waiting`: something is typed that the index has not answered yet. */
export function statusLine(outcome: SearchOutcome | undefined, waiting: boolean, indexing: number | undefined): string {
  if (!outcome) return 'Loading…';
  if (indexing !== undefined && (waiting || outcome.source === 'search')) return indexing === 0 ? 'Loading your library…' : `Indexing your library… ${indexing} papers`;
  switch (outcome.source) {
    case 'recent-saves':
      return 'Recently saved';
    case 'recent-sightings':
      return outcome.results.length ? 'Recently seen' : 'Nothing here yet: papers you see on Hugging Face Papers and arXiv appear here.';
    case 'search': {
      if (!outcome.total) return outcome.complete ? 'No paper matches.' : 'No title, tag or author matches · still loading abstracts';
      const count = outcome.exhaustive ? `${outcome.total}` : `${outcome.total}+`;
      const shown = outcome.results.length < outcome.total ? ` · top ${outcome.results.length}` : '';
      const relaxed = outcome.relaxed ? ' · none has every word, showing partial matches' : '';
      const pending = outcome.complete ? '' : ' · still loading abstracts';
      return `${count} paper${outcome.total === 1 ? '' : 's'}${shown}${relaxed}${pending}`;
    }
  }
}

/** The shown results with the library's current states of the given papers (after a change here or elsewhere). */
export function patchRecords(outcome: SearchOutcome, states: ReadonlyArray<Omit<PaperState, 'earlierSighting'>>): SearchOutcome {
  const byId = new Map(states.map((state) => [state.id, state]));
  const results = outcome.results.map((result) => {
    const state = byId.get(result.record.id);
    if (!state) return result;
    const record: ResultRecord = { ...result.record, savedAt: state.savedAt, dismissedAt: state.dismissedAt, tags: state.tags, note: state.note };
    return { ...result, record };
  });
  return { ...outcome, results };
}
