// @ts-expect-error lodash.merge ships no types; only compared against here.
import lodashMerge from 'lodash.merge';
import { describe, expect, it } from 'vitest';
import merge from '../../lib/vendor/lodash-merge';

describe('the lodash.merge stand-in', () => {
  it('merges the bibtex-parser option shapes as lodash does', () => {
    const unsupported = () => '';
    const cases = [
      [{ caseProtection: 'as-needed', applyCrossRef: true, fieldMode: {}, english: ['en', 'american'], sentenceCase: { guess: true, preserveQuoted: true } },
        { sentenceCase: false, english: false, applyCrossRef: false, unsupported }],
      [{ a: { b: [1, 2, 3], c: /x/g } }, { a: { b: [9], d: undefined } }],
      [{ sentenceCase: { guess: true } }, { sentenceCase: { subSentence: false }, verbatimFields: ['url', /^file/] }],
    ];
    for (const [defaults, options] of cases) {
      expect(merge(structuredCloneish(defaults), options)).toEqual(lodashMerge(structuredCloneish(defaults), options));
    }
  });

  it('ignores __proto__ keys', () => {
    const merged = merge({}, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual([]);
  });
});

function structuredCloneish<T>(value: T): T {
  if (Array.isArray(value)) return value.map(structuredCloneish) as T;
  if (value && typeof value === 'object' && !(value instanceof RegExp)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneish(v)])) as T;
  }
  return value;
}
