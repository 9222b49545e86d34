/**
 * `tlab assign SOURCE.ipynb --out DIR [--mode practice|graded] [--assignment NAME]`
 * Writes the student copy of an instructor's notebook (see docs/quiz-format.md).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { NotebookFormatError, readNotebook, writeNotebook } from "../src/quiz/notebook";
import { ReleaseMode, releaseNotebook } from "../src/quiz/release";
import { QuizSpecError } from "../src/quiz/spec";
import { AnswerError } from "../src/quiz/answers";

const USAGE = `Usage: tlab assign SOURCE.ipynb --out DIR [--mode practice|graded] [--assignment NAME] [--for-nbgrader]

Writes DIR/<SOURCE name>: the student copy. Answers become salted hashes (practice: instant
feedback) or are removed (graded: answers are only recorded), solution regions become stubs,
hidden tests are removed, outputs are cleared, nbgrader metadata and checksums are written.
--for-nbgrader only hashes the quiz answers and keeps solutions and hidden tests: the result is
the source notebook to give nbgrader itself (see nbgrader_config.py).`;

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: {
      out: { type: "string" }, mode: { type: "string" }, assignment: { type: "string" }, "for-nbgrader": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    } });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) { console.log(USAGE); return 0; }
  const [source] = args.positionals;
  const mode = args.values.mode as ReleaseMode | undefined;
  if (!source || !args.values.out || args.positionals.length !== 1 || (mode && mode !== "practice" && mode !== "graded")) {
    console.error(USAGE);
    return 2;
  }
  try {
    const released = releaseNotebook(readNotebook(source), { mode, assignment: args.values.assignment, keepSolutions: args.values["for-nbgrader"] });
    fs.mkdirSync(args.values.out, { recursive: true });
    const target = path.join(args.values.out, path.basename(source));
    if (path.resolve(target) === path.resolve(source)) {
      console.error("The student copy would overwrite the source notebook: choose another --out folder.");
      return 2;
    }
    writeNotebook(target, released);
    const questions = released.cells.filter((c) => c.metadata.tlab?.role === "question" || c.metadata.tlab?.role === "test").length;
    const points = released.cells.reduce((s, c) => s + (c.metadata.nbgrader?.grade ? Number(c.metadata.nbgrader.points ?? 0) : 0), 0);
    console.log(`Wrote ${target} (${args.values["for-nbgrader"] ? "nbgrader source" : `${released.metadata.tlab?.mode} copy`}, ${questions} questions, ${points} points).`);
    return 0;
  } catch (e) {
    if (e instanceof NotebookFormatError || e instanceof QuizSpecError || e instanceof AnswerError) {
      console.error(`${e.name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
