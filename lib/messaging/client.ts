import { browser } from 'wxt/browser';
import {
  isChangeBroadcast,
  isSettingsBroadcast,
  type ChangeBroadcast,
  type SettingsBroadcast,
  type RequestEnvelope,
  type RequestOf,
  type RequestType,
  type ResponseEnvelope,
  type ResponseOf,
} from './protocol';

export class ShelfmarkRequestError extends Error {
  constructor(type: RequestType, message: string) {
    super(`Shelfmark ${type} failed: ${message}`);
    this.name = 'ShelfmarkRequestError';
  }
}

/** Sends one typed request to the background and returns its typed answer, or throws its error. */
export async function request<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const envelope: RequestEnvelope<T> = { shelfmark: 'request', type, payload };
  const response = (await browser.runtime.sendMessage(envelope)) as ResponseEnvelope<T> | undefined;
  if (!response) throw new ShelfmarkRequestError(type, 'no answer from the background');
  if (!response.ok) throw new ShelfmarkRequestError(type, response.error);
  return response.value;
}

function onBroadcast<T>(accepts: (message: unknown) => message is T, listener: (message: T) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const handler = (message: unknown) => {
    if (accepts(message)) listener(message);
  };
  browser.runtime.onMessage.addListener(handler);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(handler), { once: true });
}

/** Listens for paper changes made anywhere (another tab, the popup, the reading list) until the signal aborts. */
export function onLibraryChange(listener: (change: ChangeBroadcast) => void, signal: AbortSignal): void {
  onBroadcast(isChangeBroadcast, listener, signal);
}

/** Listens for settings changes until the signal aborts. */
export function onSettingsChange(listener: (change: SettingsBroadcast) => void, signal: AbortSignal): void {
  onBroadcast(isSettingsBroadcast, listener, signal);
}
