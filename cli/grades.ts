/**
 * `tlab grades merge MANUAL.csv --out DIR`: puts the points filled into the manual-grading sheet
 * (DIR/manual/manual.csv, written by `tlab autograde`) into DIR/grades.csv.
 */
import { parseArgs } from "node:util";
import { GradebookError } from "../src/quiz/grading/gradebook-error";
import { mergeManualPoints } from "../src/quiz/grading/manual-grading";

const USAGE = `Usage: tlab grades merge MANUAL.csv --out DIR

Merges hand-given points into DIR/grades.csv. MANUAL.csv is DIR/manual/manual.csv as
\`tlab autograde\` wrote it (student_id, question, points_possible, answer, points), with the
points column filled in; rows left empty stay ungraded. Points must be numbers from 0 to the
question's points; an unknown student or question, or a row given twice, is refused and
nothing is written. raw_score, late_submission_penalty and score are recomputed with the
due date and late penalty autograde used (DIR/gradebook.json). Merging again replaces the
points merged before.`;

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) { console.log(USAGE); return 0; }
  const [verb, manualFile, ...extra] = args.positionals;
  if (verb !== "merge" || !manualFile || extra.length > 0 || !args.values.out) {
    console.error(USAGE);
    return 2;
  }
  try {
    const result = mergeManualPoints(manualFile, args.values.out);
    console.log(`Merged ${result.merged} hand-given scores into ${result.csvFile}` + (result.pending > 0 ? `; ${result.pending} answers still have no points` : ""));
    return 0;
  } catch (e) {
    if (!(e instanceof GradebookError)) throw e;
    console.error(`${e.name}: ${e.message}`);
    return 1;
  }
}
