/**
 * `tlab`: the command line of Transformers Lab.
 *   tlab install [--user | --sys-prefix | --prefix DIR]   register the Jupyter kernel
 *   tlab lab [DIR]                                         register the kernel and open the course
 *   tlab run NOTEBOOK [--out FILE] [--timeout SECONDS] [--allow-errors]
 *   tlab kernel CONNECTION_FILE                            start the kernel (what Jupyter runs)
 *   tlab assign | validate | autograde | grades …          course tools for instructors
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { spawn, spawnSync } from "node:child_process";
import { installKernelSpec, kernelMain, KERNEL_NAME, type InstallScope } from "../kernel/spec";
import { packageRoot } from "../kernel/sdk-resolution";
import { defaultWorkspace, prepareStudentWorkspace } from "./workspace";

const USAGE = `Transformers Lab: learn Hugging Face-style NLP in TypeScript notebooks.

Usage:
  tlab lab [DIR] [--instructor] [--prepare-only]
                                      register the kernel (for this user) and open DIR in JupyterLab,
                                      or the classic Notebook. Default: your practice copy of the course
                                      in $TLAB_COURSE_DIR or ~/transformers-lab-course, written on first
                                      use and never overwritten; --instructor opens the sources with
                                      their answers; --prepare-only writes the copy and stops
  tlab install [--user | --sys-prefix | --prefix DIR]
                                      register the Jupyter kernel "${KERNEL_NAME}"
  tlab run NOTEBOOK [--out FILE] [--timeout SECONDS] [--allow-errors]
                                      execute a notebook headless and write the executed copy
  tlab kernel CONNECTION_FILE         start the kernel (Jupyter does this for you)
  tlab assign | validate | autograde | grades
                                      instructor tools (run with --help for details)
  tlab --version
`;

/** A command-line mistake: printed without a stack trace. */
class UsageError extends Error {
  override name = "UsageError";
}

function takeOption(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) {
    const inline = argv.find((a) => a.startsWith(name + "="));
    if (!inline) return undefined;
    argv.splice(argv.indexOf(inline), 1);
    return inline.slice(name.length + 1);
  }
  const value = argv[i + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
  argv.splice(i, 2);
  return value;
}

function takeFlag(argv: string[], name: string): boolean {
  const i = argv.indexOf(name);
  if (i < 0) return false;
  argv.splice(i, 1);
  return true;
}

function installCommand(argv: string[]): number {
  const prefix = takeOption(argv, "--prefix");
  const user = takeFlag(argv, "--user");
  const sysPrefix = takeFlag(argv, "--sys-prefix");
  if ([prefix !== undefined, user, sysPrefix].filter(Boolean).length > 1) throw new UsageError("choose one of --user, --sys-prefix, --prefix DIR");
  if (argv.length > 0) throw new UsageError(`unexpected argument: ${argv[0]}`);
  const scope: InstallScope = prefix !== undefined ? { prefix } : user ? { user: true } : sysPrefix ? { sysPrefix: true } : {};
  if (!fs.existsSync(kernelMain())) throw new UsageError("the kernel is not built yet: run `npm run build` in the package first");
  const dir = installKernelSpec(scope);
  console.log(`Installed the Jupyter kernel "${KERNEL_NAME}" (TypeScript (Transformers Lab)) in ${dir}`);
  return 0;
}

/** The first program found on PATH. */
function which(names: string[]): string | undefined {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const full = path.join(dir, name);
      try {
        fs.accessSync(full, fs.constants.X_OK);
        return full;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export const NO_JUPYTER_MESSAGE = `No Jupyter front end was found on PATH (looked for jupyter-lab and jupyter-notebook).
Install one, then run this command again:
  Debian/Ubuntu:  sudo apt-get install jupyter-notebook      (the classic Notebook)
  with pip:       pip install jupyterlab                     (JupyterLab)
  with conda:     conda install -c conda-forge jupyterlab`;

function labCommand(argv: string[]): Promise<number> | number {
  const instructor = argv.includes("--instructor");
  const prepareOnly = argv.includes("--prepare-only");
  const explicitDir = argv.find((a) => !a.startsWith("--"));
  const passThrough = argv.filter((a) => a.startsWith("--") && a !== "--instructor" && a !== "--prepare-only");
  const sources = path.join(packageRoot(), "notebooks");
  const frontEnd = which(["jupyter-lab"]) ?? which(["jupyter-notebook"]);
  if (!frontEnd && !prepareOnly) {
    console.error(NO_JUPYTER_MESSAGE);
    return 1;
  }
  let dir: string;
  if (explicitDir) dir = path.resolve(explicitDir);
  else if (instructor) dir = sources;
  else {
    // Students work in practice copies of their own, never in the instructor's sources.
    const report = prepareStudentWorkspace(sources, defaultWorkspace());
    dir = report.dir;
    if (report.created.length) console.log(`Wrote ${report.created.length} practice notebooks to ${dir}`);
    if (report.kept.length) console.log(`Kept ${report.kept.length} notebooks already in ${dir} (your work is never overwritten)`);
  }
  if (!fs.existsSync(dir)) throw new UsageError(`no such folder: ${dir}`);
  if (prepareOnly || !frontEnd) return 0;
  installCommand(["--user"]);
  console.log(`Opening ${dir} with ${path.basename(frontEnd)} …`);
  const child = spawn(frontEnd, passThrough, { cwd: dir, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 0)));
}

interface NotebookRunner {
  readNotebook(file: string): unknown;
  writeNotebook(file: string, nb: unknown): void;
  executeNotebook(nb: unknown, options: { timeoutMs?: number; cwd?: string }): Promise<{ notebook: unknown; results: Array<{ status: string; error?: { ename: string; evalue: string } }> }>;
}

/** The course's own Node notebook runner (src/quiz/runner), when this build has it. */
function nodeNotebookRunner(): NotebookRunner | undefined {
  const base = path.join(packageRoot(), "dist", "src", "quiz");
  const files = [path.join(base, "notebook.js"), path.join(base, "runner", "execute-notebook.js")];
  if (!files.every((f) => fs.existsSync(f))) return undefined;
  const nb = require(files[0]);
  const exec = require(files[1]);
  if (typeof nb.readNotebook !== "function" || typeof exec.executeNotebook !== "function") return undefined;
  return { readNotebook: nb.readNotebook, writeNotebook: nb.writeNotebook, executeNotebook: exec.executeNotebook };
}

/** nbclient through Debian's Python, with our kernelspec in a private Jupyter path. */
function runWithNbclient(notebook: string, out: string, timeoutSeconds: number, allowErrors: boolean): number {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-run-"));
  try {
    installKernelSpec({ prefix });
    const args = ["-m", "nbconvert", "--to", "notebook", "--execute", `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
      `--ExecutePreprocessor.timeout=${timeoutSeconds}`, "--output", path.resolve(out), notebook];
    if (allowErrors) args.splice(4, 0, "--allow-errors");
    const env = { ...process.env, JUPYTER_PATH: [path.join(prefix, "share", "jupyter"), process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter) };
    const r = spawnSync(which(["python3"]) ?? "python3", args, { stdio: "inherit", env, cwd: path.dirname(path.resolve(notebook)) });
    return r.status ?? 1;
  } finally {
    fs.rmSync(prefix, { recursive: true, force: true });
  }
}

async function runCommand(argv: string[]): Promise<number> {
  const outOption = takeOption(argv, "--out");
  const timeoutSeconds = Number(takeOption(argv, "--timeout") ?? 600);
  const allowErrors = takeFlag(argv, "--allow-errors");
  const useNbclient = takeFlag(argv, "--nbclient");
  const notebook = argv[0];
  if (!notebook || argv.length > 1) throw new UsageError("usage: tlab run NOTEBOOK [--out FILE] [--timeout SECONDS] [--allow-errors]");
  if (!fs.existsSync(notebook)) throw new UsageError(`no such notebook: ${notebook}`);
  const out = outOption ?? notebook.replace(/\.ipynb$/, "") + ".executed.ipynb";
  const runner = useNbclient ? undefined : nodeNotebookRunner();
  if (!runner) return runWithNbclient(notebook, out, timeoutSeconds, allowErrors);
  const nb = runner.readNotebook(notebook);
  const { notebook: executed, results } = await runner.executeNotebook(nb, { timeoutMs: timeoutSeconds * 1000, cwd: path.dirname(path.resolve(notebook)) });
  runner.writeNotebook(out, executed);
  const failed = results.filter((r) => r.status !== "ok");
  console.log(`Executed ${results.length} code cells of ${notebook} → ${out}${failed.length ? ` (${failed.length} failed)` : ""}`);
  for (const f of failed) if (f.error) console.error(`  ${f.error.ename}: ${f.error.evalue}`);
  return failed.length > 0 && !allowErrors ? 1 : 0;
}

function kernelCommand(argv: string[]): number {
  if (!argv[0]) throw new UsageError("usage: tlab kernel CONNECTION_FILE");
  process.argv = [process.argv[0], kernelMain(), ...argv];
  require(kernelMain());
  return -1; // keeps running
}

/** Instructor tools live in their own modules: cli/assign.ts, cli/validate.ts, cli/autograde.ts, cli/grades.ts. */
async function courseTool(name: string, argv: string[]): Promise<number> {
  const file = path.join(__dirname, `${name}.js`);
  if (!fs.existsSync(file)) throw new UsageError(`\`tlab ${name}\` is not part of this build`);
  const tool = require(file) as { main(argv: string[]): number | void | Promise<number | void> };
  const code = await tool.main(argv);
  return typeof code === "number" ? code : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "install":
        return installCommand(rest);
      case "lab":
        return await labCommand(rest);
      case "run":
        return await runCommand(rest);
      case "kernel":
        return kernelCommand(rest);
      case "assign":
      case "validate":
      case "autograde":
      case "grades":
        return await courseTool(command, rest);
      case "--version":
      case "-V":
        console.log(JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")).version);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command: ${command}\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`tlab: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  }, (e) => {
    console.error(e instanceof Error ? e.stack ?? e.message : e);
    process.exitCode = 1;
  });
}
