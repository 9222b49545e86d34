/**
 * The grading run's progress on the terminal: done/total, rate, failures and time left, on stderr
 * (one line rewritten in place on a terminal, a line every tenth of the work otherwise).
 */
import { GradingProgress } from "../src/quiz/grading/autograde";

export function describeProgress(p: GradingProgress, elapsedMs: number): string {
  const graded = p.done - p.resumed;
  const perMinute = graded > 0 ? (graded / elapsedMs) * 60_000 : 0;
  const left = perMinute > 0 ? (p.total - p.done) / perMinute : NaN;
  const eta = Number.isFinite(left) ? (left >= 1 ? `~${Math.ceil(left)} min left` : `~${Math.ceil(left * 60)} s left`) : "";
  return [`${p.done}/${p.total} graded`, `${perMinute.toFixed(1)}/min`, `${p.failed} failed`, ...(p.resumed ? [`${p.resumed} from an earlier run`] : []), ...(eta && p.done < p.total ? [eta] : [])].join(" · ");
}

export class ProgressLine {
  private readonly started = Date.now();
  private last = "";
  private readonly tty = process.stderr.isTTY === true;

  update(p: GradingProgress): void {
    this.last = describeProgress(p, Date.now() - this.started);
    if (this.tty) process.stderr.write(`\r\x1b[2K${this.last}`);
    else if (p.done === p.total || p.done % Math.max(1, Math.ceil(p.total / 10)) === 0) process.stderr.write(`${this.last}\n`);
  }

  finish(): void {
    if (this.tty && this.last) process.stderr.write("\n");
  }
}
