import { describe, expect, it } from 'vitest';
import { PERSIST_ASKED_KEY, requestPersistenceOnce } from '../../lib/storage-persistence';

function flags() {
  const stored: Record<string, unknown> = {};
  return { stored, get: async (key: string) => (key in stored ? { [key]: stored[key] } : {}), set: async (items: Record<string, unknown>) => void Object.assign(stored, items) };
}

function storage(answer: boolean) {
  let persisted = false;
  let asked = 0;
  return {
    asked: () => asked,
    persisted: async () => persisted,
    persist: async () => {
      asked++;
      persisted = answer;
      return answer;
    },
  };
}

describe('persistent storage at the first save', () => {
  it('asks once where persist() exists (Firefox grants it) and not again', async () => {
    const area = flags();
    const firefox = storage(true);
    expect(await requestPersistenceOnce(firefox, area)).toBe('granted');
    expect(await requestPersistenceOnce(firefox, area)).toBe('already-persisted');
    expect(firefox.asked()).toBe(1);
    expect(area.stored[PERSIST_ASKED_KEY]).toMatchObject({ granted: true });
  });

  it('does not repeat a refusal at every save (Chromium answers an extension false)', async () => {
    const area = flags();
    const chromium = storage(false);
    expect(await requestPersistenceOnce(chromium, area)).toBe('refused');
    expect(await requestPersistenceOnce(chromium, area)).toBe('asked-before');
    expect(chromium.asked()).toBe(1);
  });

  it('leaves the request to an extension page where only persisted() exists (a service worker)', async () => {
    const area = flags();
    expect(await requestPersistenceOnce({ persisted: async () => false }, area)).toBe('unavailable');
    expect(await requestPersistenceOnce(undefined, area)).toBe('unavailable');
    expect(area.stored).toEqual({});
  });
});
