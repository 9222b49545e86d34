/**
 * Late submissions: how late a submission is against the due date, and the points that costs.
 * As nbgrader's late-submission plugins do, the penalty never exceeds the raw score, so
 * `score = max(0, raw_score - penalty)`.
 */
import { GradebookError } from "./gradebook-error";
import { TimestampError, parseTimestamp } from "./timestamp";

export class LatePenaltyError extends GradebookError {
  override name = "LatePenaltyError";
}

export type LatePenalty =
  | { kind: "none" }
  | { kind: "zero" }
  | { kind: "per-hour" | "per-day"; points: number };

export const LATE_PENALTY_FORMS = "none | zero | per-hour:P | per-day:P";

/** Reads `--late-penalty`: none, zero, per-hour:P or per-day:P (P points per started hour or day). */
export function parseLatePenalty(text: string): LatePenalty {
  const t = text.trim();
  if (t === "none" || t === "zero") return { kind: t };
  const m = /^(per-hour|per-day):(.+)$/.exec(t);
  const points = m ? Number(m[2]) : NaN;
  if (!m || !(Number.isFinite(points) && points > 0)) {
    throw new LatePenaltyError(`--late-penalty ${JSON.stringify(text)} is not a policy: use ${LATE_PENALTY_FORMS} ` +
      `(P a positive number of points, e.g. per-hour:0.5).`);
  }
  return { kind: m[1] as "per-hour" | "per-day", points };
}

export function formatLatePenalty(policy: LatePenalty): string {
  return policy.kind === "none" || policy.kind === "zero" ? policy.kind : `${policy.kind}:${policy.points}`;
}

/** Seconds past the due date; a submission exactly at the due date is on time. */
export type Lateness = { late: false } | { late: true; seconds: number };

export type LatenessResult = { ok: true; lateness: Lateness } | { ok: false; problem: string };

/** How late `timestamp` is, or why that cannot be known. */
export function latenessOf(timestamp: string, duedate: Date): LatenessResult {
  let submitted: Date;
  try {
    submitted = parseTimestamp(timestamp, "submission timestamp");
  } catch (e) {
    if (e instanceof TimestampError) return { ok: false, problem: `${e.message} No late penalty or score was computed; fix timestamp.txt and grade again.` };
    throw e;
  }
  const seconds = (submitted.getTime() - duedate.getTime()) / 1000;
  return { ok: true, lateness: seconds > 0 ? { late: true, seconds } : { late: false } };
}

/** The points a late submission loses, at most its raw score. */
export function latePenaltyPoints(policy: LatePenalty, lateness: Lateness, rawScore: number): number {
  if (!lateness.late || policy.kind === "none") return 0;
  if (policy.kind === "zero") return rawScore;
  const unit = policy.kind === "per-hour" ? 3600 : 86400;
  return Math.min(rawScore, Math.ceil(lateness.seconds / unit) * policy.points);
}

/** "2 h 5 min", "3 d 1 h": how late, for people. */
export function describeLateness(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const d = Math.floor(minutes / 1440), h = Math.floor((minutes % 1440) / 60), m = minutes % 60;
  return [d ? `${d} d` : "", h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ");
}
