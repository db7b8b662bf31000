/**
 * Deep equality for plain data (what the API adapters produce): primitives, arrays, plain objects and Dates.
 * Instances of other classes (Map, Set, ...) are equal only when they are the same object.
 */
export function structurallyEqual(a: unknown, b: unknown): boolean {
  return equalToDepth(a, b, Number.POSITIVE_INFINITY);
}

/**
 * `structurallyEqual` for the top `depth` levels, identity below. For data whose parts are kept as the same objects
 * while unchanged (the client returns the very object it decoded before for an unchanged answer): comparing two
 * polls of 10,000 tasks then costs 10,000 identity checks, not a walk through 110,000 log lines.
 */
export function equalToDepth(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const proto = Object.getPrototypeOf(a) as unknown;
  if (proto !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return Object.is(a.getTime(), (b as Date).getTime());
  if (depth <= 0) return false;
  const below = depth - 1;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => equalToDepth(item, other[i], below));
  }
  if (proto !== Object.prototype && proto !== null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && equalToDepth(left[key], right[key], below));
}
