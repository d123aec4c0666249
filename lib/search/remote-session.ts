import type { SearchOutcome, SearchSession } from './session';

/**
 * The popup's search, wherever it runs. The extension runs the session in a dedicated worker, so reading and decoding
 * a 100k-paper index (seconds) and ranking a broad prefix (tens to a hundred milliseconds at 100k) never block typing
 * or painting; `SearchSession` itself satisfies this interface for tests and for pages without workers.
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
  /** Told how many papers a rebuild of the index has read so far. */
  watchIndexing?(listener: (indexed: number) => void): void;
}

/** What each call answers with. */
interface Answers {
  open: undefined;
  complete: undefined;
  search: SearchOutcome;
  refresh: number;
  persist: undefined;
}
type Method = keyof Answers;
type CallOf<M extends Method> = M extends 'search' ? { method: 'search'; input: string } : { method: M };

export type SessionCall = { id: number; method: Exclude<Method, 'search'> } | { id: number; method: 'search'; input: string };

export type SessionMessage =
  | ({ type: 'reply'; id: number; ready: boolean; stale: boolean } & (
      | { ok: true; value: Answers[Method] }
      | { ok: false; error: string; superseded?: true }
    ))
  | { type: 'indexing'; indexed: number };

/** The two ends of a worker (or a MessagePort), typed only as far as this protocol needs. */
export interface Endpoint<In, Out> {
  onmessage: ((event: MessageEvent<In>) => void) | null;
  /** A worker that fails to load or throws at its top level; a message that cannot be read. */
  onerror?: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
  postMessage(message: Out): void;
}

/** A search answered after a newer one was asked for: its result would be thrown away, so it was not computed. */
export class SupersededSearch extends Error {
  constructor() {
    super('a newer search superseded this one');
    this.name = 'SupersededSearch';
  }
}

/**
 * Yields to the task queue, so keystrokes already posted are usually seen before ranking starts (best effort: the
 * order of message and timer tasks is not guaranteed, so now and then an older keystroke is ranked too).
 */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Persisting a large index holds the worker for seconds: it waits until nobody has typed for this long. */
const QUIET_BEFORE_PERSIST_MS = 1_500;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Answers calls arriving on `endpoint` with `session` (the worker's side). */
export function serveSession(session: SearchSession, endpoint: Endpoint<SessionCall, SessionMessage>): void {
  let newestSearch = 0;
  let lastSearchAt = 0;
  const quiet = async () => {
    for (let wait = QUIET_BEFORE_PERSIST_MS; wait > 0; wait = lastSearchAt + QUIET_BEFORE_PERSIST_MS - performance.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  const answer = async (call: SessionCall): Promise<Answers[Method]> => {
    switch (call.method) {
      case 'search': {
        newestSearch = call.id;
        lastSearchAt = performance.now();
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
        await quiet();
        await session.persist();
        return undefined;
    }
  };
  const reply = (id: number) => ({ type: 'reply' as const, id, ready: session.ready, stale: session.stale });
  const fail = (id: number, error: unknown) =>
    endpoint.postMessage({
      ...reply(id),
      ok: false,
      error: messageOf(error),
      ...(error instanceof SupersededSearch ? { superseded: true as const } : {}),
    });
  endpoint.onmessage = (event) => {
    const call = event.data;
    answer(call).then((value) => {
      try {
        endpoint.postMessage({ ...reply(call.id), ok: true, value });
      } catch (error) {
        // An answer that cannot be sent (not cloneable) must still settle the call.
        fail(call.id, error);
      }
    }, (error: unknown) => fail(call.id, error));
  };
}

interface Pending {
  resolve(value: Answers[Method]): void;
  reject(error: Error): void;
}

/** The popup's side: a `PopupSearch` whose session runs behind `endpoint`. */
export class RemoteSession implements PopupSearch {
  ready = false;
  stale = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private broken?: Error;
  private indexingListener?: (indexed: number) => void;

  constructor(private readonly endpoint: Endpoint<SessionMessage, SessionCall>) {
    endpoint.onmessage = (event) => this.receive(event.data);
    // A worker that never starts would leave every call waiting: each one fails with the reason instead.
    endpoint.onerror = (event) => this.fail(event.message || 'the search worker could not start');
    endpoint.onmessageerror = () => this.fail('an answer from the search worker could not be read');
  }

  watchIndexing(listener: (indexed: number) => void): void {
    this.indexingListener = listener;
  }

  private receive(message: SessionMessage): void {
    if (message.type === 'indexing') {
      this.indexingListener?.(message.indexed);
      return;
    }
    this.ready = message.ready;
    this.stale = message.stale;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(message.superseded ? new SupersededSearch() : new Error(message.error));
  }

  private fail(reason: string): void {
    this.broken = new Error(`Search is unavailable: ${reason}`);
    for (const waiting of this.pending.values()) waiting.reject(this.broken);
    this.pending.clear();
  }

  private call<M extends Method>(call: CallOf<M>): Promise<Answers[M]> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise<Answers[M]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      this.endpoint.postMessage({ ...call, id } as SessionCall);
    });
  }

  open(): Promise<unknown> {
    return this.call<'open'>({ method: 'open' });
  }

  complete(): Promise<unknown> {
    return this.call<'complete'>({ method: 'complete' });
  }

  search(input: string): Promise<SearchOutcome> {
    return this.call<'search'>({ method: 'search', input });
  }

  refresh(): Promise<number> {
    return this.call<'refresh'>({ method: 'refresh' });
  }

  async persist(): Promise<void> {
    await this.call<'persist'>({ method: 'persist' });
  }
}
