import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../lib/relative-time';

const NOW = Date.UTC(2026, 10, 23, 12);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('relativeTime', () => {
  it.each([
    [NOW - 20_000, 'just now'],
    [NOW - 5 * MINUTE, '5 minutes ago'],
    [NOW - 3 * 60 * MINUTE, '3 hours ago'],
    [NOW - DAY, 'yesterday'],
    [NOW - 3 * DAY, '3 days ago'],
    [NOW - 14 * DAY, '2 weeks ago'],
    [NOW - 90 * DAY, '3 months ago'],
    [NOW - 800 * DAY, '2 years ago'],
  ])('%s', (then, expected) => {
    expect(relativeTime(then, NOW)).toBe(expected);
  });
});
