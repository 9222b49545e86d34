/**
 * `tlab autograde`: every submission runs in its own fresh kernel (several at once with
 * `workers`), graded by the checker the grader installs before any student code, and scored by
 * this process from the checker's signed records.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeFileAtomic } from "../../utils/atomic_write";
import { Notebook, NotebookFormatError, cloneNotebook, readNotebook, writeNotebook } from "../notebook";
import { KernelLaunch, packageRoot } from "../runner/kernel";
import { CellRunResult, runCells } from "../runner/run-cells";
import { gradedCode, planSubmission } from "./plan";
import { GradebookOptions } from "./gradebook";
import { GradebookFiles, SubmissionGrade, feedbackHtml, writeGradebook } from "./report";
import { ScoredCell, readRecords, scoreCells } from "./score";
import { SourceModel, analyzeSource } from "./source-model";

export interface Submission {
  studentId: string;
  file: string;
  timestamp: string;
}

export interface AutogradeOptions {
  outDir: string;
  workers?: number;
  /** Per-cell time limit in seconds. */
  timeoutSeconds?: number;
  launch?: KernelLaunch;
  assignment?: string;
  /** Called after each submission is graded (progress reporting). */
  onGraded?: (grade: SubmissionGrade) => void;
  /** Due date, late penalty and release of explanations. */
  gradebook?: GradebookOptions;
}

export interface AutogradeResult {
  grades: SubmissionGrade[];
  csvFile: string;
  feedbackDir: string;
  gradebook: GradebookFiles;
}

const NBGRADER_LAYOUT = /(?:^|[\\/])submitted[\\/]([^\\/]+)[\\/]([^\\/]+)[\\/][^\\/]+\.ipynb$/;

/** Submissions from files and folders; nbgrader's `submitted/<student>/<assignment>/` layout names the student. */
export function collectSubmissions(paths: string[]): Submission[] {
  const files: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (name !== ".ipynb_checkpoints") walk(path.join(p, name));
    } else if (p.endsWith(".ipynb")) {
      files.push(p);
    }
  };
  for (const p of paths) walk(p);
  const seen = new Map<string, number>();
  return files.map((file) => {
    const m = NBGRADER_LAYOUT.exec(path.resolve(file));
    let studentId = m ? m[1] : path.basename(file, ".ipynb");
    const count = seen.get(studentId) ?? 0;
    seen.set(studentId, count + 1);
    if (count > 0) studentId = `${studentId}-${count + 1}`;
    const stampFile = path.join(path.dirname(file), "timestamp.txt");
    const timestamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8").trim() : fs.statSync(file).mtime.toISOString();
    return { studentId, file, timestamp };
  });
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, "_");
}

/** Grades one submission in a fresh kernel. */
export async function gradeSubmission(model: SourceModel, submission: Submission, options: AutogradeOptions): Promise<{ grade: SubmissionGrade; executed?: Notebook }> {
  const base = { studentId: submission.studentId, file: submission.file, timestamp: submission.timestamp, cells: [], notes: [] as string[] };
  let nb: Notebook;
  try {
    nb = readNotebook(submission.file);
  } catch (e) {
    if (e instanceof NotebookFormatError) return { grade: { ...base, error: e.message.replace(submission.file, path.basename(submission.file)) } };
    throw e;
  }
  const plan = planSubmission(model, nb);
  const secret = randomBytes(32).toString("hex");
  const checkerName = `tlabGrader${randomBytes(8).toString("hex")}`;
  const recordsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tlab-grade-")), "records.log");
  // Always the compiled checker: the kernel loads it with Node's own require.
  const checkerModule = path.join(packageRoot, "dist", "src", "quiz", "grading", "checker");
  const setup = `import { installChecker as ${checkerName}_install } from ${JSON.stringify(checkerModule)};\n` +
    `const ${checkerName}: any = ${checkerName}_install({ secret: ${JSON.stringify(secret)}, records: ${JSON.stringify(recordsFile)} });`;
  const gradeIds = new Set(model.gradeCells.map((g) => g.gradeId));
  // Source cells that only register a question or check an answer are not run: the grader scores
  // a check from the answers recorded before the next cell that runs.
  const skipped = (c: { cell: (typeof plan)[number] }) => c.cell.origin === "source" && model.skippedCells.has(c.cell.gradeId ?? "");
  const planned = plan.map((cell, index) => ({ cell, index, nonce: randomBytes(8).toString("hex") })).filter((c) => c.cell.cellType === "code");
  const codeCells = planned.filter((c) => !skipped(c));
  let results: CellRunResult[];
  try {
    results = await runCells(codeCells.map((c) => gradedCode(c.cell, checkerName, c.nonce, gradeIds)), {
      setup: [setup], timeoutMs: (options.timeoutSeconds ?? 60) * 1000, launch: options.launch, cwd: path.dirname(path.resolve(submission.file)),
    });
  } catch (e) {
    fs.rmSync(path.dirname(recordsFile), { recursive: true, force: true });
    return { grade: { ...base, error: `the kernel failed: ${(e as Error).message.split("\n")[0]}` } };
  }
  const { records } = readRecords(recordsFile, secret);
  fs.rmSync(path.dirname(recordsFile), { recursive: true, force: true });
  const scored: ScoredCell[] = model.gradeCells.map((g) => {
    const at = planned.findIndex((c) => c.cell.origin === "source" && c.cell.gradeId === g.gradeId);
    if (at < 0) return { gradeCell: g, nonce: "" };
    if (!skipped(planned[at])) {
      const ran = codeCells.indexOf(planned[at]);
      return { gradeCell: g, nonce: planned[at].nonce, run: results[ran] };
    }
    return { gradeCell: g, nonce: planned[at].nonce, evaluatedBefore: planned.slice(at + 1).filter((c) => !skipped(c)).map((c) => c.nonce) };
  });
  const cells = scoreCells(model, scored, records);
  const limit = options.timeoutSeconds ?? 60;
  const notes = codeCells.flatMap((c, i) => results[i].status !== "timeout" ? [] : [
    `Cell ${c.index + 1}${c.cell.gradeId ? ` (${c.cell.gradeId})` : ""} ran longer than ${limit} s and was stopped; the other cells still ran.`,
  ]);
  // The autograded notebook (for the instructor): the cells as run, with their outputs.
  const executed = cloneNotebook({ ...nb, cells: plan.map((p) => ({ ...p.cell, source: p.code })) });
  codeCells.forEach((c, i) => {
    const cell = executed.cells[c.index];
    cell.outputs = results[i].outputs;
    cell.execution_count = results[i].executionCount;
  });
  return { grade: { ...base, cells, notes }, executed };
}

/** Runs `work` over `items` with at most `workers` at a time, keeping the items' order in the result. */
async function pool<T, R>(items: T[], workers: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  });
  await Promise.all(lanes);
  return out;
}

export async function autograde(sourceFile: string, submissionPaths: string[], options: AutogradeOptions): Promise<AutogradeResult> {
  const source = readNotebook(sourceFile);
  const model = analyzeSource(source, options.assignment ?? source.metadata.tlab?.assignment ?? path.basename(sourceFile, ".ipynb"));
  const submissions = collectSubmissions(submissionPaths);
  const feedbackDir = path.join(options.outDir, "feedback");
  const autogradedDir = path.join(options.outDir, "autograded");
  fs.mkdirSync(feedbackDir, { recursive: true });
  const grades = await pool(submissions, options.workers ?? defaultWorkers(), async (submission) => {
    const { grade, executed } = await gradeSubmission(model, submission, options);
    writeFileAtomic(path.join(feedbackDir, `${safeName(grade.studentId)}.html`), feedbackHtml(model, grade, options.gradebook));
    if (executed) {
      const dir = path.join(autogradedDir, safeName(grade.studentId), model.assignment);
      fs.mkdirSync(dir, { recursive: true });
      writeNotebook(path.join(dir, path.basename(submission.file)), executed);
    }
    options.onGraded?.(grade);
    return grade;
  });
  const gradebook = writeGradebook(options.outDir, model, grades, options.gradebook);
  return { grades, csvFile: gradebook.csvFile, feedbackDir, gradebook };
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(os.cpus().length, 4));
}
