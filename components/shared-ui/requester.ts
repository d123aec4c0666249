import type { RequestOf, RequestType, ResponseOf } from '../../lib/messaging/protocol';

/**
 * How a page asks the background for a write. Pages get `request` from lib/messaging/client; tests pass one that
 * dispatches to the real handlers over an in-memory database.
 */
export type Requester = <T extends RequestType>(type: T, payload: RequestOf<T>) => Promise<ResponseOf<T>>;
