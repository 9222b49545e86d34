/**
 * Submission times and due dates. nbgrader writes `timestamp.txt` as `2026-12-01 10:00:00.123456 UTC`;
 * instructors write ISO 8601 (`2026-12-01T10:00:00Z`, `2026-12-01T11:00+01:00`). Both are read here,
 * strictly: a time the grader cannot read must never pass as on time. A time without a zone is UTC,
 * as nbgrader assumes by default.
 */
import { GradebookError } from "./gradebook-error";

export class TimestampError extends GradebookError {
  override name = "TimestampError";
}

const TIMESTAMP = new RegExp(
  "^(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?" +
  "\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?$", "i",
);

const EXAMPLES = "e.g. 2026-12-01T10:00:00Z, 2026-12-01 11:00:00+01:00 or 2026-12-01 10:00:00.123456 UTC";

/** The instant a timestamp names; throws TimestampError saying what is wrong. */
export function parseTimestamp(text: string, what = "timestamp"): Date {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) throw new TimestampError(`The ${what} ${JSON.stringify(text)} is not a date and time the grader can read: write it as ${EXAMPLES}.`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const millis = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(local);
  // Date.UTC rolls over (February 30 becomes March 2): refuse instead of guessing.
  const offset = zoneOffsetMinutes(m[8]);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59 || Number.isNaN(offset)) {
    throw new TimestampError(`The ${what} ${JSON.stringify(text)} names a day, time or time zone that does not exist.`);
  }
  return new Date(local - offset * 60_000);
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  if (hours > 23 || minutes > 59) return NaN;
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
}
