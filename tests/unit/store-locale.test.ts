import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The stores read the manifest's name and description from _locales; a missing key ships as the literal "__MSG_x__".
const messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
const config = readFileSync('wxt.config.ts', 'utf8');

describe('store-facing manifest strings', () => {
  it('every __MSG_key__ in the manifest has an English message', () => {
    const keys = [...config.matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]);
    expect(keys).toEqual(expect.arrayContaining(['name', 'description']));
    for (const key of keys) expect(messages[key]?.message, key).toBeTruthy();
  });

  it("fits the Chrome Web Store's limits (name 75, description 132 characters)", () => {
    expect(messages.name.message.length).toBeLessThanOrEqual(75);
    expect(messages.description.message.length).toBeLessThanOrEqual(132);
  });
});
