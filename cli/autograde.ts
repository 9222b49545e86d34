/**
 * `tlab autograde SUBMISSION… --source SOURCE.ipynb --out DIR [--workers N] [--timeout S]`
 * Grades submissions (files, folders, or nbgrader's submitted/<student>/<assignment>/ layout)
 * each in a fresh kernel; writes DIR/grades.csv and DIR/feedback/<student>.html.
 */
import { parseArgs } from "node:util";
import { autograde, defaultWorkers } from "../src/quiz/grading/autograde";
import { GRADEBOOK_USAGE, parseGradebookArgs } from "../src/quiz/grading/gradebook";
import { GradebookError } from "../src/quiz/grading/gradebook-error";
import { totalPoints } from "../src/quiz/grading/report";
import { NotebookFormatError } from "../src/quiz/notebook";
import { QuizSpecError } from "../src/quiz/spec";
import { exitWithKernelsOnSignals } from "../src/quiz/runner/kernel";
import { DEFAULT_LIMITS, SandboxUnavailableError, detectSandbox } from "../src/quiz/grading/sandbox";
import { Isolation } from "../src/quiz/grading/sandboxed-kernel";
import { ProgressLine } from "./progress-line";

const USAGE = `Usage: tlab autograde SUBMISSION… --source SOURCE.ipynb --out DIR [options]

Each submission runs in a fresh kernel inside its own sandbox (bubblewrap): its own user when
run as root, no network, a private /tmp and home, a copy of its own folder only, limits on CPU,
memory, file size and processes, and everything it started is killed at the end. Locked cells
and hidden tests come from SOURCE; graded cells run in the grader, which only asks the kernel for
the student's values. SUBMISSION is a notebook, a folder of them, or nbgrader's
submitted/<student>/<assignment>/ layout.

Writes DIR/grades.csv (nbgrader's columns plus one per question), DIR/feedback/<student>.html
and DIR/autograded/<student>/<assignment>/<notebook>.ipynb.

Options:
  --workers N            submissions graded at once (default ${defaultWorkers()}: cores, at most 4)
  --timeout SECONDS      time limit per cell (default 60)
  --assignment NAME      the assignment's name (default: from SOURCE)
  --memory MB            data memory per kernel process (default ${DEFAULT_LIMITS.memoryMb})
  --cpu SECONDS          CPU time per kernel (default ${DEFAULT_LIMITS.cpuSeconds})
  --server URL           run the kernels on this Jupyter Server instead (repeat for several;
                         each submission gets its own kernel there, shut down afterwards)
  --token TOKEN          the servers' token (default: $JUPYTER_TOKEN)
  --retries N            tries more on another server when a server fails (default 2)
  --unsafe-no-sandbox    run kernels without the sandbox, as this user, next to your files.
                         Only for submissions you trust: student code could then read the
                         source notebook and change other students' grades.

Manually graded cells (nbgrader solution + grade, e.g. free text) go to DIR/manual/manual.csv
with an empty points column; fill it in and run \`tlab grades merge DIR/manual/manual.csv --out DIR\`.

${GRADEBOOK_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  exitWithKernelsOnSignals();
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: {
      source: { type: "string" }, out: { type: "string" }, workers: { type: "string" }, timeout: { type: "string" },
      assignment: { type: "string" }, help: { type: "boolean", short: "h" },
      memory: { type: "string" }, cpu: { type: "string" }, "unsafe-no-sandbox": { type: "boolean" },
      server: { type: "string", multiple: true }, token: { type: "string" }, retries: { type: "string" },
      duedate: { type: "string" }, "late-penalty": { type: "string" }, "release-explanations": { type: "boolean" },
    } });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) { console.log(USAGE); return 0; }
  const workers = args.values.workers === undefined ? undefined : Number(args.values.workers);
  const timeout = args.values.timeout === undefined ? undefined : Number(args.values.timeout);
  const memory = args.values.memory === undefined ? DEFAULT_LIMITS.memoryMb : Number(args.values.memory);
  const cpu = args.values.cpu === undefined ? DEFAULT_LIMITS.cpuSeconds : Number(args.values.cpu);
  if (!args.values.source || !args.values.out || args.positionals.length === 0 ||
    (workers !== undefined && !(Number.isInteger(workers) && workers > 0)) || (timeout !== undefined && !(timeout > 0)) ||
    !(Number.isInteger(memory) && memory >= 256) || !(Number.isInteger(cpu) && cpu > 0)) {
    console.error(USAGE);
    return 2;
  }
  const retries = args.values.retries === undefined ? undefined : Number(args.values.retries);
  if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0)) {
    console.error(USAGE);
    return 2;
  }
  const token = args.values.token ?? process.env.JUPYTER_TOKEN;
  const servers = (args.values.server ?? []).map((url) => ({ url, token }));
  let isolation: Isolation;
  if (servers.length > 0) {
    // @jupyterlab/services logs every WebSocket it opens with console.debug: not for a terminal.
    console.debug = () => undefined;
    isolation = { kind: "none" };
  } else if (args.values["unsafe-no-sandbox"]) {
    console.error("warning: grading WITHOUT a sandbox (--unsafe-no-sandbox): student code runs as you, next to your files.");
    isolation = { kind: "none" };
  } else {
    try {
      isolation = { kind: "sandbox", tools: detectSandbox(), limits: { ...DEFAULT_LIMITS, memoryMb: memory, cpuSeconds: cpu } };
    } catch (e) {
      if (!(e instanceof SandboxUnavailableError)) throw e;
      console.error(`${e.name}: ${e.message}`);
      return 2;
    }
  }
  let gradebook;
  try {
    gradebook = parseGradebookArgs({
      duedate: args.values.duedate, latePenalty: args.values["late-penalty"], releaseExplanations: args.values["release-explanations"],
    });
  } catch (e) {
    if (!(e instanceof GradebookError)) throw e;
    console.error(`${e.name}: ${e.message}`);
    return 2;
  }
  const progress = new ProgressLine();
  try {
    const result = await autograde(args.values.source, args.positionals, {
      outDir: args.values.out, workers, timeoutSeconds: timeout, assignment: args.values.assignment, isolation, gradebook, servers, retries,
      onGraded: (g, p) => {
        console.log(g.error ? `${g.studentId}: ERROR ${g.error}` : `${g.studentId}: ${totalPoints(g)}`);
        progress.update(p);
      },
    });
    progress.finish();
    if (result.resumed > 0) console.log(`${result.resumed} submissions were already graded by an earlier run (kept from DIR/.autograde/journal.jsonl)`);
    console.log(`Wrote ${result.csvFile} and ${result.grades.length} feedback pages in ${result.feedbackDir}`);
    const { manualFile, keptManualPoints, problems } = result.gradebook;
    if (manualFile) console.log(`Answers to grade by hand: ${manualFile}` + (keptManualPoints > 0 ? ` (points kept for ${keptManualPoints} unchanged answers graded earlier)` : ""));
    for (const problem of problems) console.error(problem);
    return result.grades.some((g) => g.error) || problems.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof NotebookFormatError || e instanceof QuizSpecError) {
      console.error(`${e.name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
