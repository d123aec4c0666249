/**
 * Small typed decoders: each checks an unknown value and returns a typed copy holding only the keys it knows, or
 * records why not at a path like `papers[12].tags[3]`. Decoding goes on after a problem so one pass reports many.
 */

export class Problems {
  readonly list: string[] = [];
  private dropped = 0;

  constructor(private readonly limit = 50) {}

  add(path: string, message: string): void {
    if (this.list.length < this.limit) this.list.push(path ? `${path}: ${message}` : message);
    else this.dropped++;
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  /** The messages, with a last line saying how many more were found. */
  messages(): string[] {
    return this.dropped ? [...this.list, `…and ${this.dropped} more problems`] : [...this.list];
  }
}

/** Returns the checked value, or INVALID once the problem has been recorded. */
export type Decoder<T> = (value: unknown, path: string, problems: Problems) => T | typeof INVALID;

export const INVALID: unique symbol = Symbol('invalid');

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

function expect<T>(test: (value: unknown) => value is T, what: string): Decoder<T> {
  return (value, path, problems) => {
    if (test(value)) return value;
    problems.add(path, `expected ${what}, got ${describe(value)}`);
    return INVALID;
  };
}

export const string = expect((value): value is string => typeof value === 'string', 'a string');
export const finiteNumber = expect(
  (value): value is number => typeof value === 'number' && Number.isFinite(value),
  'a finite number',
);
export const count = expect(
  (value): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0,
  'a whole number ≥ 0',
);
export const positiveInteger = expect(
  (value): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0,
  'a whole number ≥ 1',
);
export const anything: Decoder<unknown> = (value) => value;

export function literal<const T extends string>(...options: T[]): Decoder<T> {
  return expect(
    (value): value is T => typeof value === 'string' && (options as string[]).includes(value),
    `one of ${options.map((option) => JSON.stringify(option)).join(', ')}`,
  );
}

export function refined<T, U extends T>(base: Decoder<T>, test: (value: T) => value is U, what: string): Decoder<U> {
  return (value, path, problems) => {
    const decoded = base(value, path, problems);
    if (decoded === INVALID) return INVALID;
    if (test(decoded)) return decoded;
    problems.add(path, `expected ${what}`);
    return INVALID;
  };
}

export function nullable<T>(decoder: Decoder<T>): Decoder<T | null> {
  return (value, path, problems) => (value === null ? null : decoder(value, path, problems));
}

export function array<T>(item: Decoder<T>): Decoder<T[]> {
  return (value, path, problems) => {
    if (!Array.isArray(value)) {
      problems.add(path, `expected an array, got ${describe(value)}`);
      return INVALID;
    }
    const out: T[] = [];
    let valid = true;
    value.forEach((element, index) => {
      const decoded = item(element, `${path}[${index}]`, problems);
      if (decoded === INVALID) valid = false;
      else out.push(decoded);
    });
    return valid ? out : INVALID;
  };
}

type Shape = Record<string, Decoder<unknown>>;
type Decoded<S extends Shape> = { [K in keyof S]: S[K] extends Decoder<infer T> ? T : never };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object with required and optional keys. Unknown keys are dropped, so nothing unchecked reaches the database;
 * an optional key that is absent (or undefined) stays absent.
 */
export function object<R extends Shape, O extends Shape = Record<never, never>>(
  required: R,
  optional?: O,
): Decoder<Decoded<R> & Partial<Decoded<O>>> {
  return (value, path, problems) => {
    if (!isPlainObject(value)) {
      problems.add(path, `expected an object, got ${describe(value)}`);
      return INVALID;
    }
    const out: Record<string, unknown> = {};
    let valid = true;
    const field = (key: string, decoder: Decoder<unknown>) => {
      const decoded = decoder(value[key], path ? `${path}.${key}` : key, problems);
      if (decoded === INVALID) valid = false;
      else out[key] = decoded;
    };
    for (const [key, decoder] of Object.entries(required)) {
      if (key in value) field(key, decoder);
      else {
        problems.add(path ? `${path}.${key}` : key, 'missing');
        valid = false;
      }
    }
    for (const [key, decoder] of Object.entries(optional ?? {})) {
      if (value[key] !== undefined) field(key, decoder);
    }
    return valid ? (out as Decoded<R> & Partial<Decoded<O>>) : INVALID;
  };
}

export const boolean = expect((value): value is boolean => typeof value === 'boolean', 'true or false');

/** A string of at most `max` characters: every text that crosses a boundary has a cap. */
export function text(max: number): Decoder<string> {
  return (value, path, problems) => {
    if (typeof value !== 'string') {
      problems.add(path, `expected a string, got ${describe(value)}`);
      return INVALID;
    }
    if (value.length > max) {
      problems.add(path, `longer than ${max} characters (${value.length})`);
      return INVALID;
    }
    return value;
  };
}

/** An array of at most `max` items, checked before any item is decoded. */
export function list<T>(item: Decoder<T>, max: number): Decoder<T[]> {
  const items = array(item);
  return (value, path, problems) => {
    if (Array.isArray(value) && value.length > max) {
      problems.add(path, `more than ${max} items (${value.length})`);
      return INVALID;
    }
    return items(value, path, problems);
  };
}

/** One of several object shapes, chosen by the value of its `kind` key. */
export function tagged<T extends { kind: string }>(variants: { [K in T['kind']]: Decoder<Extract<T, { kind: K }>> }): Decoder<T> {
  return (value, path, problems) => {
    const kind = isPlainObject(value) ? value.kind : undefined;
    if (typeof kind !== 'string' || !Object.hasOwn(variants, kind)) {
      const known = Object.keys(variants).map((key) => JSON.stringify(key)).join(', ');
      problems.add(path ? `${path}.kind` : 'kind', `expected one of ${known}`);
      return INVALID;
    }
    const decoded = (variants as Record<string, Decoder<T>>)[kind](value, path, problems);
    return decoded === INVALID ? INVALID : ({ ...decoded, kind } as T);
  };
}
