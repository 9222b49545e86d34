/**
 * The student's own copy of the course, which `tlab lab` opens.
 *
 * The lessons in the package are the instructor's sources: their quiz cells hold the answers. A
 * student gets practice copies instead (answers replaced by salted hashes, answer cells left
 * blank), written once into a folder of their own. Files already there are the student's work and
 * are never overwritten; lessons added by a newer version of the course are added beside them.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readNotebook, writeNotebook } from "../src/quiz/notebook";
import { releaseNotebook } from "../src/quiz/release";

/** Where the student's copy lives: $TLAB_COURSE_DIR, else ~/transformers-lab-course. */
export function defaultWorkspace(): string {
  return path.resolve(process.env.TLAB_COURSE_DIR || path.join(os.homedir(), "transformers-lab-course"));
}

/** The course's notebooks relative to the package's notebooks/ folder (welcome, then each language's lessons). */
function courseNotebooks(sourceRoot: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(sourceRoot, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory() && entry.name !== "src" && !entry.name.startsWith(".")) walk(child);
      else if (entry.isFile() && entry.name.endsWith(".ipynb")) found.push(child);
    }
  };
  walk("");
  return found.sort();
}

export interface WorkspaceReport {
  dir: string;
  created: string[];
  kept: string[];
}

/** Writes the practice copies that are missing from `dir`; returns what was created and what was kept. */
export function prepareStudentWorkspace(sourceRoot: string, dir: string): WorkspaceReport {
  const report: WorkspaceReport = { dir, created: [], kept: [] };
  for (const rel of courseNotebooks(sourceRoot)) {
    const target = path.join(dir, rel);
    if (fs.existsSync(target)) {
      report.kept.push(rel);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeNotebook(target, releaseNotebook(readNotebook(path.join(sourceRoot, rel)), { mode: "practice" }));
    report.created.push(rel);
  }
  return report;
}
