// Python's float formatting ("{:.4f}", "{:.4e}"), which rounds the exact binary value half to
// even. JavaScript's toFixed/toExponential round ties up, so 0.03125 (an attention weight of 1/32)
// would print 0.0313 where torch prints 0.0312.

/** The exact decimal expansion of a finite double: value = digits × 10^-scale (digits without sign). */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  if (e >= 0) return { digits: mant << BigInt(e), scale: 0 };
  // m·2^e = m·5^-e / 10^-e
  return { digits: mant * 5n ** BigInt(-e), scale: -e };
}

/** Rounds digits×10^-scale to `keep` decimals, half to even. */
function roundTo(digits: bigint, scale: number, keep: number): bigint {
  if (scale <= keep) return digits * 10n ** BigInt(keep - scale);
  const div = 10n ** BigInt(scale - keep);
  const q = digits / div;
  const r = digits % div;
  const twice = 2n * r;
  if (twice > div || (twice === div && q % 2n === 1n)) return q + 1n;
  return q;
}

function withPoint(n: bigint, decimals: number): string {
  let s = n.toString();
  if (decimals === 0) return s;
  s = s.padStart(decimals + 1, "0");
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** Python's `"{:.{decimals}f}".format(x)`. */
export function pyFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const { digits, scale } = exactDecimal(x);
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  return sign + withPoint(roundTo(digits, scale, decimals), decimals);
}

/** Python's `"{:.{precision}e}".format(x)`, e.g. 1.0000e-05. */
export function pyExp(x: number, precision: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (x === 0) return `${sign}${withPoint(0n, precision)}e+00`;
  const { digits, scale } = exactDecimal(x);
  // exponent of the leading digit
  let exp = digits.toString().length - 1 - scale;
  let mant = roundTo(digits, scale, precision - exp);
  if (mant.toString().length > precision + 1) {
    exp += 1;
    mant = roundTo(digits, scale, precision - exp);
  }
  const e = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return `${sign}${withPoint(mant, precision)}e${e}`;
}
