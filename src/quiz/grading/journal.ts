/**
 * The grading journal: one line per graded submission, appended and flushed as each finishes, so
 * an interrupted run (Ctrl-C, a crash, a machine that went away) resumes where it stopped and
 * regrades nothing it had finished. A submission is known by its source, its file and its
 * content: change any of them and it is graded again. A line cut short by a crash is ignored.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { SubmissionGrade } from "./report";

export function journalKey(parts: { source: string; file: string; content: Buffer | string; settings: unknown }): string {
  const h = createHash("sha256");
  h.update(createHash("sha256").update(parts.source).digest("hex"));
  h.update("\0" + path.resolve(parts.file) + "\0");
  h.update(createHash("sha256").update(parts.content).digest("hex"));
  h.update("\0" + JSON.stringify(parts.settings));
  return h.digest("hex");
}

export class Journal {
  private readonly done = new Map<string, SubmissionGrade>();

  constructor(readonly file: string) {
    if (!fs.existsSync(file)) return;
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as { key?: unknown; grade?: SubmissionGrade };
        if (typeof entry.key === "string" && entry.grade && Array.isArray(entry.grade.cells)) this.done.set(entry.key, entry.grade);
      } catch {
        // The last line of a run that was killed while writing it.
      }
    }
  }

  get(key: string): SubmissionGrade | undefined {
    return this.done.get(key);
  }

  /** Records a finished submission durably before its grade counts as done. */
  record(key: string, grade: SubmissionGrade): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const fd = fs.openSync(this.file, "a");
    try {
      // One write of a whole line: O_APPEND keeps lines from workers whole.
      fs.writeSync(fd, JSON.stringify({ key, grade }) + "\n");
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.done.set(key, grade);
  }
}
