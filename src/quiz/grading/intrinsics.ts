/**
 * A snapshot of the built-ins test code relies on (Math, JSON, Object, Array and String methods…),
 * taken before student code runs. Before each graded cell the checker puts back anything a
 * student replaced, so `Math.abs = () => 0` cannot make a test pass. A built-in that cannot be put
 * back (e.g. frozen after replacing it) is reported, and the tests of that cell do not count.
 */

type Entry = { target: object; key: PropertyKey; descriptor: PropertyDescriptor };

const GLOBAL_NAMES = [
  "Math", "JSON", "Object", "Array", "String", "Number", "Boolean", "Symbol", "Promise", "Reflect", "Map", "Set",
  "Error", "TypeError", "RangeError", "Function", "isFinite", "isNaN", "parseFloat", "parseInt", "BigInt",
  "Float32Array", "Float64Array", "Int32Array", "BigInt64Array", "Uint8Array",
] as const;

function watchedObjects(): object[] {
  const g = globalThis as unknown as Record<string, object>;
  const objects: object[] = [globalThis];
  for (const name of GLOBAL_NAMES) {
    const value = g[name];
    if (value === undefined) continue;
    objects.push(value);
    const proto = (value as { prototype?: object }).prototype;
    if (proto) objects.push(proto);
  }
  return objects;
}

export interface IntrinsicsGuard {
  /** Restores every changed built-in; returns the names that could not be restored. */
  restore(): string[];
}

export function guardIntrinsics(): IntrinsicsGuard {
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const defineProperty = Object.defineProperty;
  const ownKeys = Reflect.ownKeys;
  const toName = String;
  const entries: Entry[] = [];
  for (const target of watchedObjects()) {
    for (const key of ownKeys(target)) {
      if (target === globalThis && !(GLOBAL_NAMES as readonly PropertyKey[]).includes(key)) continue;
      const descriptor = getOwnPropertyDescriptor(target, key);
      if (descriptor) entries.push({ target, key, descriptor });
    }
  }
  const is = Object.is;
  const same = (a: PropertyDescriptor | undefined, b: PropertyDescriptor) =>
    a !== undefined && is(a.value, b.value) && a.get === b.get && a.set === b.set;
  return Object.freeze({
    restore(): string[] {
      // Plain index loops and assignments: array iterators and push may themselves be replaced.
      const failed: string[] = [];
      for (let i = 0; i < entries.length; i++) {
        const { target, key, descriptor } = entries[i];
        if (same(getOwnPropertyDescriptor(target, key), descriptor)) continue;
        try {
          defineProperty(target, key, descriptor);
        } catch {
          // Checked just below.
        }
        if (!same(getOwnPropertyDescriptor(target, key), descriptor)) failed[failed.length] = toName(key);
      }
      return failed;
    },
  });
}
