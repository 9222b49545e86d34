/**
 * JSON text exactly as Python's `json.dumps(obj, indent=2, sort_keys=True)` writes it, which is
 * how transformers writes config.json. Three things differ from `JSON.stringify(obj, null, 2)`:
 * floats keep Python's spelling (`1.0`, `1e-05`), non-ASCII characters are escaped (`ensure_ascii`),
 * and keys are sorted. JavaScript has one number type, so the caller says which keys hold floats.
 */

/** Python's `repr(float)`: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16, else `1e-05` style. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // toExponential() without an argument gives the shortest digits that round-trip.
  const [mantissa, expText] = x.toExponential().split("e");
  const exponent = Number(expText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  let body: string;
  if (exponent >= -5 + 1 && exponent < 16) {
    // Fixed notation, as Python's repr uses for exponents in [-4, 16).
    if (exponent >= 0) {
      const intPart = digits.length > exponent + 1 ? digits.slice(0, exponent + 1) : digits.padEnd(exponent + 1, "0");
      const fracPart = digits.length > exponent + 1 ? digits.slice(exponent + 1) : "0";
      body = `${intPart}.${fracPart}`;
    } else {
      body = `0.${"0".repeat(-exponent - 1)}${digits}`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const sign = exponent < 0 ? "-" : "+";
    body = `${m}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return negative ? `-${body}` : body;
}

function escapeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c > 0x7e) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

export interface PythonJsonOptions {
  /** Top-level keys whose numbers are Python floats (written `1.0`, not `1`). */
  floatKeys?: ReadonlySet<string>;
  /** Top-level keys whose dicts have int keys in Python, which `sort_keys` orders numerically. */
  intKeyedDicts?: ReadonlySet<string>;
}

function sortedKeys(obj: Record<string, unknown>, numeric: boolean): string[] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (numeric && keys.every((k) => /^-?\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b));
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `json.dumps(value, indent=2, sort_keys=True)`. */
export function pythonJsonDumps(value: unknown, options: PythonJsonOptions = {}): string {
  const write = (v: unknown, indent: string, isFloat: boolean, numericKeys: boolean, topLevel: boolean): string => {
    if (v === null || v === undefined) return "null";
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number") return isFloat || !Number.isInteger(v) || !Number.isFinite(v) ? pythonFloatRepr(v) : String(v);
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "string") return escapeString(v);
    const inner = indent + "  ";
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return "[\n" + v.map((x) => inner + write(x, inner, isFloat, false, false)).join(",\n") + "\n" + indent + "]";
    }
    if (typeof v === "object") {
      const obj = v as Record<string, unknown>;
      const keys = sortedKeys(obj, numericKeys);
      if (keys.length === 0) return "{}";
      const parts = keys.map((k) => {
        const childFloat = topLevel ? options.floatKeys?.has(k) ?? false : isFloat;
        const childNumeric = topLevel ? options.intKeyedDicts?.has(k) ?? false : false;
        return `${inner}${escapeString(k)}: ${write(obj[k], inner, childFloat, childNumeric, false)}`;
      });
      return "{\n" + parts.join(",\n") + "\n" + indent + "}";
    }
    throw new TypeError(`Cannot write a value of type ${typeof v} to JSON.`);
  };
  return write(value, "", false, false, true);
}

/** Top-level keys of a JSON object text whose number is written as a float (`0.0`, `1e-05`). */
export function floatKeysInJson(text: string, parsed: Record<string, unknown>): Set<string> {
  const keys = new Set<string>();
  const pattern = /"((?:[^"\\]|\\.)*)"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*[,}\n]/g;
  for (const match of text.matchAll(pattern)) {
    const key = JSON.parse(`"${match[1]}"`) as string;
    if (typeof parsed[key] === "number" && /[.eE]/.test(match[2])) keys.add(key);
  }
  return keys;
}
