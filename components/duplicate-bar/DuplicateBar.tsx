import { useState } from 'preact/hooks';
import type { BarActions, BarView } from '../../lib/page/card-view';
import type { DuplicateKinds, DuplicateMode } from '../../lib/settings';

const MODE_LABELS: Record<DuplicateMode, string> = { hide: 'hidden', dim: 'dimmed', off: 'shown' };

const KIND_LABELS: Record<keyof DuplicateKinds, string> = {
  seen: 'Seen on an earlier page',
  saved: 'Saved',
  dismissed: 'Dismissed',
  repeat: 'Repeats on this page',
  similar: 'Other versions of papers you saved, dismissed or saw recently',
};

/** The small bar above a list: what the duplicate filter did, one click to reveal or re-hide, and its settings. */
export function DuplicateBar({ view, actions }: { view: BarView; actions: BarActions }) {
  const [open, setOpen] = useState(false);
  const effect = view.mode === 'hide' && view.revealAll ? 'shown' : MODE_LABELS[view.mode];
  return (
    <div class="bar" part="bar" role="region" aria-label="Shelfmark duplicate filter">
      <span class="logo" aria-hidden="true">
        ▮
      </span>
      <span class="summary" aria-live="polite">
        {view.summary ? `${view.summary} — ${effect}` : 'No papers you have already dealt with on this page'}
      </span>
      {view.forYou ? <span class="for-you">{view.forYou} for you</span> : null}
      {view.forYou || view.sorted ? (
        <button type="button" part="button" onClick={() => actions.setSorted(!view.sorted)}>
          {view.sorted ? 'Original order' : 'Sort by relevance'}
        </button>
      ) : null}
      {view.mode === 'hide' && view.affected > 0 && (
        <button type="button" part="button" aria-pressed={view.revealAll} onClick={() => actions.setRevealAll(!view.revealAll)}>
          {view.revealAll ? 'Hide again' : 'Show all'}
        </button>
      )}
      <label class="mode">
        <span>Duplicates:</span>
        <select part="select" aria-label="Duplicate filter mode" value={view.mode} onChange={(event) => actions.setMode(event.currentTarget.value as DuplicateMode)}>
          <option value="hide">Hide</option>
          <option value="dim">Dim</option>
          <option value="off">Off</option>
        </select>
      </label>
      <button type="button" part="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Kinds
      </button>
      {open && (
        <fieldset class="kinds">
          <legend>Count as duplicates</legend>
          {(Object.keys(KIND_LABELS) as Array<keyof DuplicateKinds>).map((kind) => (
            <label key={kind}>
              <input type="checkbox" checked={view.kinds[kind]} onChange={(event) => actions.setKind(kind, event.currentTarget.checked)} />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
