/**
 * `tlab autograde`: every submission runs in a fresh kernel inside its own sandbox (several at
 * once with `workers`). The kernel runs the student's cells and the source's locked cells; every
 * graded cell (checks, tests) runs in the judge, in this process, which asks the kernel only for
 * the student's values. See docs/quiz-format.md, "Threat model".
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeFileAtomic } from "../../utils/atomic_write";
import { Notebook, NotebookFormatError, NotebookOutput, cellSource, cloneNotebook, readNotebook, writeNotebook } from "../notebook";
import { ExecuteResult, Kernel, KernelLaunch } from "../runner/kernel";
import { GradingKernel } from "./grading-kernel";
import { Journal, journalKey } from "./journal";
import { JupyterServer, RemoteKernel } from "./remote-kernel";
import { JudgeProgram, compileJudgeCell } from "./judge-transform";
import { JudgedCell, judgeCell } from "./judge";
import { PlannedCell, kernelCode, planSubmission } from "./plan";
import { GradebookOptions } from "./gradebook";
import { GradebookFiles, SubmissionGrade, feedbackHtml, writeGradebook } from "./report";
import { detectSandbox } from "./sandbox";
import { Isolation, submissionKernel, warmCompileCache } from "./sandboxed-kernel";
import { CellScore, scoreCell } from "./score";
import { SourceModel, analyzeSource } from "./source-model";
import { ANSWER_MIME, decodeValue } from "./values";

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
  /** Where kernels run: a sandbox (the default; refused where none can be made) or unprotected. */
  isolation?: Isolation;
  /** Files a submission's kernel must not see (the source, the other submissions, the output). */
  hiddenPaths?: (submission: Submission) => string[];
  /** Called after each submission is graded (progress reporting). */
  onGraded?: (grade: SubmissionGrade, progress: GradingProgress) => void;
  /** Remote Jupyter Servers to run the kernels on, instead of local sandboxes. */
  servers?: JupyterServer[];
  /** How many more times a submission is tried when its server fails (default 2). */
  retries?: number;
  /** Due date, late penalty and release of explanations. */
  gradebook?: GradebookOptions;
}

export interface GradingProgress {
  done: number;
  total: number;
  failed: number;
  /** Taken from the journal of an earlier, interrupted run. */
  resumed: number;
}

export interface AutogradeResult {
  /** Submissions whose grade came from the journal of an earlier run. */
  resumed: number;
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

/** A source model with each graded cell compiled for the judge. */
export interface GradingModel extends SourceModel {
  programs: Map<string, JudgeProgram>;
  /** Check cells that are nothing but `quiz.check(id)`: grade_id → question. */
  bareChecks: Map<string, string>;
  /** Fragments of every hidden test, kept out of all feedback. */
  hiddenFragments: string[];
}

export function gradingModel(model: SourceModel): GradingModel {
  const programs = new Map<string, JudgeProgram>();
  const bareChecks = new Map<string, string>();
  const graded = new Map(model.gradeCells.map((g) => [g.gradeId, g]));
  for (const cell of model.notebook.cells) {
    const id = cell.metadata.nbgrader?.grade_id;
    if (cell.cell_type !== "code" || !id || !graded.has(id)) continue;
    const source = cellSource(cell);
    programs.set(id, compileJudgeCell(source));
    if (graded.get(id)!.role === "check" && model.skippedCells.has(id)) bareChecks.set(id, graded.get(id)!.question);
  }
  return { ...model, programs, bareChecks, hiddenFragments: [...new Set([...programs.values()].flatMap((p) => p.hiddenFragments))] };
}

type Step =
  | { kind: "kernel"; index: number; cell: PlannedCell; code: string; result?: ExecuteResult }
  | { kind: "judge"; index: number; cell: PlannedCell; program: JudgeProgram; result?: JudgedCell }
  | { kind: "check"; index: number; cell: PlannedCell; question: string; result?: JudgedCell };

/**
 * A check cell that is nothing but `quiz.check(id)`, judged from the answers the kernel's cells
 * showed before it: the last one for its question counts.
 */
function judgeBareCheck(question: string, before: Step[]): JudgedCell {
  let answer: { answered: boolean; value: unknown } = { answered: false, value: undefined };
  for (const step of before) {
    if (step.kind !== "kernel") continue;
    for (const out of step.result?.outputs ?? []) {
      const record = (out.data as Record<string, unknown> | undefined)?.[ANSWER_MIME] as { id?: unknown; value?: unknown } | undefined;
      if (!record || record.id !== question) continue;
      try {
        answer = { answered: true, value: decodeValue(record.value, { fromHandle: () => undefined }) };
      } catch {
        answer = { answered: true, value: undefined };
      }
    }
  }
  return { tests: [], checks: [{ id: question, ...answer }], value: null, error: null, log: [], status: "ok", kernelLost: false };
}

/** The kernel-side setup of a graded kernel: the grading agent, under a name no cell can guess. */
function agentSetup(agent: string): string {
  // Through the package's name, which every transformers-lab kernel resolves to its own copy (local or remote).
  return `import { installGradingAgent as ${agent}_install } from "transformers-lab/dist/src/quiz/grading/agent";\nconst ${agent}: any = ${agent}_install();`;
}

function describe(step: Step): string {
  return `Cell ${step.index + 1}${step.cell.gradeId ? ` (${step.cell.gradeId})` : ""}`;
}

/** Where a submission's kernel runs: on this machine in a sandbox, or on a remote Jupyter Server. */
export type KernelPlace = { kind: "local"; isolation: Isolation } | { kind: "remote"; server: JupyterServer };

export interface GradedSubmission {
  grade: SubmissionGrade;
  executed?: Notebook;
  /** The failure was the infrastructure's (a server down or unreachable): grading it elsewhere may work. */
  retryable?: boolean;
}

/** Grades one submission in a fresh kernel. */
export async function gradeSubmission(model: GradingModel, submission: Submission, options: AutogradeOptions, place?: KernelPlace): Promise<GradedSubmission> {
  const base = { studentId: submission.studentId, file: submission.file, timestamp: submission.timestamp, cells: [], notes: [] as string[] };
  let nb: Notebook;
  try {
    nb = readNotebook(submission.file);
  } catch (e) {
    if (e instanceof NotebookFormatError) return { grade: { ...base, error: e.message.replace(submission.file, path.basename(submission.file)) } };
    throw e;
  }
  const plan = planSubmission(model, nb);
  const agent = `tlabGrader${randomBytes(8).toString("hex")}`;
  const timeoutMs = (options.timeoutSeconds ?? 60) * 1000;
  const steps: Step[] = [];
  plan.forEach((cell, index) => {
    if (cell.cellType !== "code") return;
    const program = cell.origin === "source" && cell.gradeId ? model.programs.get(cell.gradeId) : undefined;
    const bareCheck = program ? model.bareChecks.get(cell.gradeId!) : undefined;
    if (bareCheck) steps.push({ kind: "check", index, cell, question: bareCheck });
    else if (program) steps.push({ kind: "judge", index, cell, program });
    // Question cells only register their question: nothing to run at grading.
    else if (!(cell.origin === "source" && model.skippedCells.has(cell.gradeId ?? ""))) steps.push({ kind: "kernel", index, cell, code: kernelCode(cell, agent) });
  });

  const where: KernelPlace = place ?? { kind: "local", isolation: options.isolation ?? { kind: "sandbox", tools: detectSandbox() } };
  const processes = where.kind === "local" ? submissionKernel(submission.file, where.isolation, { hidden: options.hiddenPaths?.(submission), launch: options.launch }) : undefined;
  const newKernel = (): Promise<GradingKernel> => where.kind === "remote"
    ? RemoteKernel.start(where.server)
    : Kernel.start({ launch: options.launch, process: () => processes!.start() });
  const notes: string[] = [];
  let kernel: GradingKernel | undefined;
  const start = async (replay: Step[]) => {
    kernel?.kill();
    kernel = await newKernel();
    const setup = await kernel.execute(agentSetup(agent), { silent: true, storeHistory: false, timeoutMs: 60_000 });
    if (setup.status !== "ok") throw new Error(`the grading agent did not load: ${setup.error?.evalue ?? setup.status}`);
    // A restarted kernel gets back the state of the cells that had run well (answers included).
    for (const s of replay) if (s.kind === "kernel" && s.result?.status === "ok") await kernel.execute(s.code, { timeoutMs, storeHistory: false });
  };
  try {
    try {
      await start([]);
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        if (step.kind === "check") {
          step.result = judgeBareCheck(step.question, steps.slice(0, i));
          continue;
        }
        if (!kernel!.alive) await start(steps.slice(0, i));
        if (step.kind === "kernel") {
          step.result = await kernel!.execute(step.code, { timeoutMs });
          if (step.result.status === "timeout") notes.push(`${describe(step)} ran longer than ${timeoutMs / 1000} s and was stopped; the other cells still ran.`);
          if (step.result.status === "exited") notes.push(`${describe(step)}: the kernel exited (process.exit, a crash or the memory limit); it was restarted and the other cells still ran.`);
        } else {
          step.result = await judgeCell(step.program, kernel!, agent, timeoutMs);
          if (step.result.status === "timeout") notes.push(`${describe(step)} ran longer than ${timeoutMs / 1000} s and was stopped; the other cells still ran.`);
          if (step.result.status === "kernel-exited") notes.push(`${describe(step)}: the kernel exited while the grader ran it; it was restarted and the other cells still ran.`);
          if (step.result.kernelLost) kernel!.kill();
        }
      }
    } catch (e) {
      // The first line says what failed; the kernel's last words (if any) say why.
      const lines = (e as Error).message.split("\n").map((l) => l.trim()).filter(Boolean);
      const why = lines.length > 1 ? ` (${lines[lines.length - 1].slice(0, 300)})` : "";
      return { grade: { ...base, error: `the kernel failed: ${lines[0] ?? "unknown error"}${why}` }, retryable: where.kind === "remote" };
    } finally {
      kernel?.kill();
    }
  } finally {
    processes?.cleanup();
  }

  const judged = new Map(steps.flatMap((s) => (s.kind !== "kernel" && s.cell.gradeId ? [[s.cell.gradeId, s.result] as const] : [])));
  const cells: CellScore[] = model.gradeCells.map((g) => scoreCell(model, g, judged.get(g.gradeId), model.hiddenFragments));
  // The autograded notebook (for the instructor): the cells as run, with their outputs.
  const executed = cloneNotebook({ ...nb, cells: plan.map((p) => ({ ...p.cell, source: p.code })) });
  for (const step of steps) {
    const cell = executed.cells[step.index];
    if (step.kind === "kernel") {
      cell.outputs = step.result?.outputs ?? [];
      cell.execution_count = step.result?.executionCount ?? null;
    } else {
      cell.outputs = judgeOutputs(step.result);
      cell.execution_count = null;
    }
  }
  return { grade: { ...base, cells, notes }, executed };
}

/** What the instructor sees under a judged cell: each test's verdict, with hidden messages kept. */
function judgeOutputs(result: JudgedCell | undefined): NotebookOutput[] {
  if (!result) return [];
  const lines = [
    ...result.tests.map((t) => `${t.passed ? "passed" : "FAILED"}: ${t.id}${t.passed ? "" : ` (${t.hidden ? "hidden test" : t.message})`}`),
    ...result.checks.map((c) => `check ${c.id}: ${c.answered ? `answer ${JSON.stringify(c.value)}` : "not answered"}`),
    ...(result.error ? [`error: ${result.error.hidden ? "(in a hidden test)" : result.error.message}`] : []),
    ...result.log,
  ];
  return lines.length ? [{ output_type: "stream", name: "stdout", text: `[grader] ${lines.join("\n[grader] ")}\n` }] : [];
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
  const model = gradingModel(analyzeSource(source, options.assignment ?? source.metadata.tlab?.assignment ?? path.basename(sourceFile, ".ipynb")));
  const submissions = collectSubmissions(submissionPaths);
  // Kernels on remote servers are isolated by the servers; local ones need the sandbox.
  const isolation: Isolation = options.isolation ?? (options.servers?.length ? { kind: "none" } : { kind: "sandbox", tools: detectSandbox() });
  if (isolation.kind === "sandbox" && !options.servers?.length) warmCompileCache();
  const feedbackDir = path.join(options.outDir, "feedback");
  const autogradedDir = path.join(options.outDir, "autograded");
  fs.mkdirSync(feedbackDir, { recursive: true });
  const hiddenPaths = (submission: Submission) => [
    sourceFile, path.resolve(options.outDir), ...submissions.filter((s) => s !== submission).map((s) => s.file),
    ...(options.hiddenPaths?.(submission) ?? []),
  ];
  // Remote servers share the work round-robin; a submission whose server fails moves to the next.
  const places: KernelPlace[] = options.servers?.length ? options.servers.map((server) => ({ kind: "remote", server })) : [{ kind: "local", isolation }];
  const retries = options.retries ?? 2;
  const journal = new Journal(path.join(options.outDir, ".autograde", "journal.jsonl"));
  const settings = { timeoutSeconds: options.timeoutSeconds ?? 60, assignment: model.assignment };
  const progress = { done: 0, total: submissions.length, failed: 0, resumed: 0 };
  let lane = 0;
  const grades = await pool(submissions, options.workers ?? defaultWorkers(), async (submission) => {
    const key = journalKey({ source: JSON.stringify(source), file: submission.file, content: fs.existsSync(submission.file) ? fs.readFileSync(submission.file) : "", settings });
    let grade = journal.get(key);
    if (grade) {
      progress.resumed++;
    } else {
      let at = lane++ % places.length;
      let graded: GradedSubmission;
      for (let attempt = 0; ; attempt++) {
        graded = await gradeSubmission(model, submission, { ...options, isolation, hiddenPaths }, places[at]);
        if (!graded.retryable || attempt >= retries) break;
        at = (at + 1) % places.length;
      }
      if (graded.retryable) graded.grade.error = `${graded.grade.error} (after ${retries + 1} attempts)`;
      grade = graded.grade;
      if (graded.executed) {
        const dir = path.join(autogradedDir, safeName(grade.studentId), model.assignment);
        fs.mkdirSync(dir, { recursive: true });
        writeNotebook(path.join(dir, path.basename(submission.file)), graded.executed);
      }
      // Failures of the infrastructure are not final: a later run tries them again.
      if (!graded.retryable) journal.record(key, grade);
    }
    writeFileAtomic(path.join(feedbackDir, `${safeName(grade.studentId)}.html`), feedbackHtml(model, grade, options.gradebook));
    progress.done++;
    if (grade.error) progress.failed++;
    options.onGraded?.(grade, { ...progress });
    return grade;
  });
  const gradebook = writeGradebook(options.outDir, model, grades, options.gradebook);
  return { grades, csvFile: gradebook.csvFile, feedbackDir, gradebook, resumed: progress.resumed };
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(os.cpus().length, 4));
}
