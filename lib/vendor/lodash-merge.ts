/**
 * Stands in for `lodash.merge` in the extension bundle (aliased in wxt.config.ts). `@retorquere/bibtex-parser` uses
 * it only to merge its options into defaults; lodash finds its global object with `Function('return this')()`,
 * which the Firefox add-on linter reports as eval in the import worker. Same semantics for what the parser merges:
 * plain objects and arrays merge key by key, recursively, into the first argument; `undefined` sources are skipped;
 * anything else (functions, RegExps, primitives) replaces.
 */
type Mergeable = Record<string | number, unknown>;

const isMergeable = (value: unknown): value is Mergeable =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) ||
  (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === null);

function mergeInto(target: Mergeable, source: Mergeable): Mergeable {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const value = source[key];
    if (value === undefined) continue;
    const current = target[key];
    if (isMergeable(value)) {
      const base = isMergeable(current) && Array.isArray(current) === Array.isArray(value) ? current : Array.isArray(value) ? [] : {};
      target[key] = mergeInto(base as Mergeable, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

export default function merge(target: Mergeable, ...sources: unknown[]): Mergeable {
  for (const source of sources) if (isMergeable(source)) mergeInto(target, source);
  return target;
}
