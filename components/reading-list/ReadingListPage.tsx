import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ShelfmarkDb } from '../../lib/db';
import type { PaperId } from '../../lib/ids';
import type { PaperChange, PaperRecord } from '../../lib/paper';
import { describeBulkChange, revertBatches, type ChangeBatch } from '../../lib/reading-list/bulk-undo';
import { withGroupHeadings } from '../../lib/reading-list/groups';
import { applyQuery, DEFAULT_QUERY, filterByTextAndStatus, isFiltered, type ReadingListQuery } from '../../lib/reading-list/query';
import { clickCheckbox, EMPTY_SELECTION, keepOnly, toggleAll, type Selection } from '../../lib/reading-list/selection';
import { tagFacets } from '../../lib/reading-list/tag-facets';
import { ExportControls, papersChoice } from '../shared-ui/ExportControls';
import { ImportControls } from '../shared-ui/ImportControls';
import type { Requester } from '../shared-ui/requester';
import { BulkBar } from './BulkBar';
import { SendToZotero } from './SendToZotero';
import { FilterBar } from './FilterBar';
import { PaperList } from './PaperList';
import { TagFilterList } from './TagFilterList';
import { UndoToast } from './UndoToast';
import { useSavedPapers } from './useSavedPapers';
import { NoteHistoryDb } from './NoteHistory';

export const PAGE_SIZE = 200;

export interface ReadingListPageProps {
  db: ShelfmarkDb;
  send: Requester;
}

interface Undoable {
  message: string;
  batches: ChangeBatch[];
}

function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function ReadingListPage({ db, send }: ReadingListPageProps) {
  const { papers, error: readError } = useSavedPapers(db);
  const [query, setQuery] = useState<ReadingListQuery>(DEFAULT_QUERY);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [undo, setUndo] = useState<Undoable | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const all = papers ?? [];
  const population = useMemo(() => filterByTextAndStatus(all, query), [papers, query.text, query.status]);
  const matching = useMemo(() => applyQuery(population, { ...query, text: '', status: 'any' }), [population, query]);
  const facets = useMemo(() => tagFacets(population, query.tags), [population, query.tags]);
  const vocabulary = useMemo(() => tagFacets(all, []).map((facet) => facet.tag), [papers]);
  const rows = useMemo(() => withGroupHeadings(matching.slice(0, limit), query.sort), [matching, limit, query.sort]);
  const matchingIds = useMemo(() => matching.map((paper) => paper.id), [matching]);

  // Papers unsaved elsewhere (another tab, a card on a site) leave the selection too.
  useEffect(() => {
    if (papers) setSelection((current) => keepOnly(current, new Set(papers.map((paper) => paper.id))));
  }, [papers]);

  const updateQuery = useCallback((patch: Partial<ReadingListQuery>) => {
    setQuery((current) => ({ ...current, ...patch }));
    setLimit(PAGE_SIZE);
  }, []);

  // Callbacks handed to memoised rows read the latest order through a ref instead of changing identity.
  const order = useRef(matchingIds);
  order.current = matchingIds;
  const onSelect = useCallback((id: PaperId, shift: boolean) => {
    setSelection((current) => clickCheckbox(current, id, order.current, shift));
  }, []);

  const onChange = useCallback(
    (id: PaperId, change: PaperChange) => {
      setError(null);
      send('paper/change', { id, change }).catch((failure: unknown) => setError(failureText(failure)));
    },
    [send],
  );

  const byId = useRef(new Map<PaperId, PaperRecord>());
  byId.current = useMemo(() => new Map(all.map((paper) => [paper.id, paper])), [papers]);

  const changeMany = useCallback(
    async (ids: PaperId[], change: PaperChange) => {
      const before = ids.flatMap((id) => byId.current.get(id) ?? []);
      setBusy(true);
      setError(null);
      try {
        await send('papers/change-many', { ids, change });
        setUndo({ message: describeBulkChange(change, ids.length), batches: revertBatches(before, change) });
      } catch (failure) {
        setError(failureText(failure));
      } finally {
        setBusy(false);
      }
    },
    [send],
  );

  const onRemove = useCallback((paper: PaperRecord) => void changeMany([paper.id], { kind: 'save', saved: false }), [changeMany]);

  const runUndo = async () => {
    if (!undo) return;
    setBusy(true);
    try {
      for (const batch of undo.batches) await send('papers/change-many', batch);
      setUndo(null);
    } catch (failure) {
      setError(`Undo failed: ${failureText(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  const selectedIds = [...selection.ids];
  const exportChoices = [
    { key: 'all', label: `All saved papers (${all.length.toLocaleString('en')})`, scope: { kind: 'library' as const } },
    ...(isFiltered(query) ? [papersChoice('filter', 'Current filter', matching)] : []),
    ...(selection.ids.size ? [papersChoice('selection', 'Selection', selectedIds.flatMap((id) => byId.current.get(id) ?? []))] : []),
  ];
  const allMatchingSelected = matchingIds.length > 0 && matchingIds.every((id) => selection.ids.has(id));

  return (
    <NoteHistoryDb.Provider value={db}>
    <div class="reading-list">
      <header class="page-header">
        <h1>Reading list</h1>
        <p class="muted">
          {papers ? `${all.length.toLocaleString('en')} saved papers` : 'Loading your reading list…'}
          {' · '}
          <a href="/options.html">Options</a>
        </p>
      </header>
      <details class="transfer panel">
        <summary>Export and import</summary>
        <ExportControls db={db} choices={exportChoices} />
        <ImportControls send={send} />
      </details>
      {(error ?? readError) && (
        <p class="error" role="alert">
          {error ?? `Could not read the library: ${readError}`}
        </p>
      )}
      {papers && papers.length === 0 ? (
        <p class="empty-state">No saved papers yet — save papers on Hugging Face Papers or arXiv.</p>
      ) : (
        papers && (
          <div class="layout">
            <TagFilterList
              facets={facets}
              onToggle={(tag) =>
                updateQuery({ tags: query.tags.includes(tag) ? query.tags.filter((t) => t !== tag) : [...query.tags, tag] })
              }
              onClear={() => updateQuery({ tags: [] })}
            />
            <main>
              <FilterBar query={query} onChange={updateQuery} />
              <BulkBar
                selectedCount={selection.ids.size}
                matchingCount={matchingIds.length}
                allMatchingSelected={allMatchingSelected}
                tagVocabulary={vocabulary}
                busy={busy}
                onToggleAll={() => setSelection((current) => toggleAll(current, matchingIds))}
                onClear={() => setSelection(EMPTY_SELECTION)}
                onChange={(change) => void changeMany(selectedIds, change)}
              />
              <SendToZotero disabled={selection.ids.size === 0} papers={() => selectedIds.flatMap((id) => byId.current.get(id) ?? [])} />
              {matching.length === 0 ? (
                <div class="empty-state">
                  <p>No saved papers match this filter.</p>
                  {isFiltered(query) && (
                    <button type="button" onClick={() => updateQuery({ ...DEFAULT_QUERY, sort: query.sort, direction: query.direction })}>
                      Clear filters
                    </button>
                  )}
                </div>
              ) : (
                <PaperList
                  rows={rows}
                  total={matching.length}
                  pageSize={PAGE_SIZE}
                  selected={selection.ids}
                  tagVocabulary={vocabulary}
                  onSelect={onSelect}
                  onChange={onChange}
                  onRemove={onRemove}
                  onShowMore={() => setLimit((current) => current + PAGE_SIZE)}
                />
              )}
            </main>
          </div>
        )
      )}
      {undo && <UndoToast message={undo.message} busy={busy} onUndo={() => void runUndo()} onDismiss={() => setUndo(null)} />}
    </div>
    </NoteHistoryDb.Provider>
  );
}
