import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ShelfmarkDb } from '../../lib/db';
import type { PaperId } from '../../lib/ids';
import { parseHlc } from '../../lib/sync/hlc';
import { viewOf, type Register } from '../../lib/sync/model';

/** The database the reading list reads sync's replicas from; absent (tests, other pages): no history shown. */
export const NoteHistoryDb = createContext<ShelfmarkDb | null>(null);

/** Notes another device's later edit overwrote (sync keeps the last few), newest first, under the note. */
export function NoteHistory({ id, note }: { id: PaperId; note: string }) {
  const db = useContext(NoteHistoryDb);
  const [history, setHistory] = useState<Register<string>[]>([]);
  useEffect(() => {
    if (!db) return;
    let live = true;
    db.syncReplica.get(id).then(
      (replica) => live && setHistory(replica ? viewOf(replica).noteHistory.filter((entry) => entry.value !== note) : []),
      () => live && setHistory([]),
    );
    return () => {
      live = false;
    };
  }, [db, id, note]);
  if (!history.length) return null;
  return (
    <details class="note-history">
      <summary>Earlier versions of the note ({history.length})</summary>
      <ol>
        {history.map((entry) => (
          <li key={entry.at}>
            <time dateTime={new Date(parseHlc(entry.at).wall).toISOString()}>{new Date(parseHlc(entry.at).wall).toLocaleString()}</time>: {entry.value}
          </li>
        ))}
      </ol>
    </details>
  );
}
