import type { PaperId } from '../ids';

/** Checked papers, plus the last one clicked without Shift: the anchor a Shift-click range starts from. */
export interface Selection {
  ids: ReadonlySet<PaperId>;
  anchor: PaperId | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/**
 * A checkbox click. With Shift and an anchor still in the list, every paper between anchor and target (in the order
 * shown) takes the target's new state, as in a mail client; otherwise only the target flips and becomes the anchor.
 */
export function clickCheckbox(selection: Selection, id: PaperId, order: readonly PaperId[], shift: boolean): Selection {
  const checked = !selection.ids.has(id);
  const ids = new Set(selection.ids);
  const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const to = order.indexOf(id);
  if (shift && from !== -1 && to !== -1) {
    const [start, end] = from < to ? [from, to] : [to, from];
    for (const rangeId of order.slice(start, end + 1)) {
      if (checked) ids.add(rangeId);
      else ids.delete(rangeId);
    }
    return { ids, anchor: selection.anchor };
  }
  if (checked) ids.add(id);
  else ids.delete(id);
  return { ids, anchor: id };
}

/** "Select all" over what the filter shows; a second click when all are already checked clears them. */
export function toggleAll(selection: Selection, visible: readonly PaperId[]): Selection {
  const allChecked = visible.length > 0 && visible.every((id) => selection.ids.has(id));
  const ids = new Set(selection.ids);
  for (const id of visible) {
    if (allChecked) ids.delete(id);
    else ids.add(id);
  }
  return { ids, anchor: selection.anchor };
}

/** Drops papers that left the list (unsaved elsewhere, wiped), so bulk actions never address missing papers. */
export function keepOnly(selection: Selection, present: ReadonlySet<PaperId>): Selection {
  if ([...selection.ids].every((id) => present.has(id))) return selection;
  return {
    ids: new Set([...selection.ids].filter((id) => present.has(id))),
    anchor: selection.anchor !== null && present.has(selection.anchor) ? selection.anchor : null,
  };
}
