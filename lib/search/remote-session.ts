import type { SearchOutcome, SearchSession } from './session';

/**
 * The popup's search, wherever it runs. The extension runs the session in a dedicated worker, so reading and decoding
 * a 100k-paper index (seconds) and ranking a broad prefix (tens of milliseconds) never block typing or painting;
 * `SearchSession` itself satisfies this interface for tests and for pages without workers.
 */
export interface PopupSearch {
  /** Whether the index has been opened (searches no longer wait for it). */
  readonly ready: boolean;
  /** Whether the stored index lags enough to re-persist. */
  readonly stale: boolean;
  open(): Promise<unknown>;
  complete(): Promise<unknown>;
  /** May reject with `SupersededSearch` when a newer search was asked for before this one started ranking. */
  search(input: string): Promise<SearchOutcome>;
  refresh(): Promise<number>;
  persist(): Promise<void>;
}

type Method = 'open' | 'complete' | 'refresh' | 'persist';

export type SessionCall = { id: number; method: Method } | { id: number; method: 'search'; input: string };

export type SessionReply = { id: number; ready: boolean; stale: boolean } & (
  | { ok: true; value?: SearchOutcome | number }
  | { ok: false; error: string; superseded?: true }
);

/** The two ends of a worker (or a MessagePort), typed only as far as this protocol needs. */
export interface Endpoint<In, Out> {
  onmessage: ((event: MessageEvent<In>) => void) | null;
  postMessage(message: Out): void;
}

/** A search answered after a newer one was asked for: its result would be thrown away, so it was not computed. */
export class SupersededSearch extends Error {
  constructor() {
    super('a newer search superseded this one');
    this.name = 'SupersededSearch';
  }
}

/** Yields to the task queue, so keystrokes already posted are seen before ranking starts. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Answers calls arriving on `endpoint` with `session` (the worker's side). */
export function serveSession(session: SearchSession, endpoint: Endpoint<SessionCall, SessionReply>): void {
  let newestSearch = 0;
  const answer = async (call: SessionCall): Promise<SearchOutcome | number | undefined> => {
    switch (call.method) {
      case 'search': {
        newestSearch = call.id;
        // Keystrokes typed while the index loads (or while a broad prefix is ranked) queue up; only the last counts.
        await nextTask();
        if (call.id !== newestSearch) throw new SupersededSearch();
        if (session.needsIndex(call.input) && !session.ready) {
          await session.open();
          await nextTask();
          if (call.id !== newestSearch) throw new SupersededSearch();
        }
        return session.search(call.input);
      }
      case 'open':
        await session.open();
        return undefined;
      case 'complete':
        await session.complete();
        return undefined;
      case 'refresh':
        return session.refresh();
      case 'persist':
        await session.persist();
        return undefined;
    }
  };
  endpoint.onmessage = (event) => {
    const call = event.data;
    answer(call).then(
      (value) => endpoint.postMessage({ id: call.id, ready: session.ready, stale: session.stale, ok: true, value }),
      (error: unknown) =>
        endpoint.postMessage({
          id: call.id,
          ready: session.ready,
          stale: session.stale,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
          ...(error instanceof SupersededSearch ? { superseded: true as const } : {}),
        }),
    );
  };
}

/** The popup's side: a `PopupSearch` whose session runs behind `endpoint`. */
export class RemoteSession implements PopupSearch {
  ready = false;
  stale = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: SearchOutcome | number | undefined): void; reject(error: Error): void }>();

  constructor(private readonly endpoint: Endpoint<SessionReply, SessionCall>) {
    endpoint.onmessage = (event) => {
      const reply = event.data;
      this.ready = reply.ready;
      this.stale = reply.stale;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(reply.superseded ? new SupersededSearch() : new Error(reply.error));
    };
  }

  private call(method: Method): Promise<SearchOutcome | number | undefined>;
  private call(method: 'search', input: string): Promise<SearchOutcome | number | undefined>;
  private call(method: Method | 'search', input?: string): Promise<SearchOutcome | number | undefined> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.endpoint.postMessage(method === 'search' ? { id, method, input: input ?? '' } : { id, method });
    });
  }

  open(): Promise<unknown> {
    return this.call('open');
  }

  complete(): Promise<unknown> {
    return this.call('complete');
  }

  async search(input: string): Promise<SearchOutcome> {
    return (await this.call('search', input)) as SearchOutcome;
  }

  async refresh(): Promise<number> {
    return (await this.call('refresh')) as number;
  }

  async persist(): Promise<void> {
    await this.call('persist');
  }
}
