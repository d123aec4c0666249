type TypedArray = Uint8Array | Uint16Array | Uint32Array;

/**
 * Returns `array`, or a copy at least twice as long when it is shorter than `length`: per-paper data lives in a few
 * flat arrays, because a typed array per paper costs ~150 bytes of object overhead on top of its content.
 */
export function withCapacity<T extends TypedArray>(array: T, length: number): T {
  if (array.length >= length) return array;
  const grown = new (array.constructor as new (length: number) => T)(Math.max(length, array.length * 2));
  grown.set(array);
  return grown;
}
