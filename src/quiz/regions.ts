/**
 * Marked regions in cell sources: `// BEGIN SOLUTION` … `// END SOLUTION` (replaced by a stub in
 * the student copy) and `// BEGIN HIDDEN TESTS` … `// END HIDDEN TESTS` (removed from it).
 */
import { MESSAGES } from "./messages";
import { QuizSpecError } from "./spec";

const SOLUTION = { begin: /^(\s*)\/\/\s*BEGIN SOLUTION\s*$/, end: /^\s*\/\/\s*END SOLUTION\s*$/ };
const HIDDEN = { begin: /^(\s*)\/\/\s*BEGIN HIDDEN TESTS\s*$/, end: /^\s*\/\/\s*END HIDDEN TESTS\s*$/ };

function replaceRegions(source: string, marks: typeof SOLUTION, name: string, replacement: (indent: string, region: string[]) => string[]): string {
  const out: string[] = [];
  let indent: string | undefined;
  let region: string[] = [];
  for (const line of source.split("\n")) {
    if (indent === undefined) {
      const m = marks.begin.exec(line);
      if (m) {
        indent = m[1];
        region = [];
      } else if (marks.end.test(line)) throw new QuizSpecError(`"END ${name}" without a matching "BEGIN ${name}" in:\n${source}`);
      else out.push(line);
    } else if (marks.end.test(line)) {
      out.push(...replacement(indent, region));
      indent = undefined;
    } else {
      region.push(line);
    }
  }
  if (indent !== undefined) throw new QuizSpecError(`"BEGIN ${name}" is never closed by "// END ${name}" in:\n${source}`);
  return out.join("\n");
}

export function hasSolutionRegion(source: string): boolean {
  return source.split("\n").some((l) => SOLUTION.begin.test(l));
}

export function hasHiddenTests(source: string): boolean {
  return source.split("\n").some((l) => HIDDEN.begin.test(l));
}

export const CODE_STUB = MESSAGES.en.codeStub;

/** The student's version of a solution cell: each solution region becomes the stub (comment and throw). */
export function stripSolutions(source: string, stub: readonly string[] = CODE_STUB): string {
  if (!hasSolutionRegion(source)) return stub.join("\n");
  return replaceRegions(source, SOLUTION, "SOLUTION", (indent) => stub.map((l) => indent + l));
}

/**
 * The practice version of a solution cell, which Run All must get through. A region inside a
 * function keeps the throwing stub (it runs only when a test calls the function); a region at the
 * top of the cell declares the names the solution declares, unset, so the cell runs and the tests
 * after it type-check and report "not yet" instead of failing to compile.
 */
export function stripSolutionsForPractice(source: string, declaredNames: (code: string) => string[],
  stub: readonly string[] = CODE_STUB, comment = CODE_STUB[0]): string {
  if (!hasSolutionRegion(source)) return comment;
  return replaceRegions(source, SOLUTION, "SOLUTION", (indent, region) => {
    if (indent !== "") return stub.map((l) => indent + l);
    return [comment, ...declaredNames(region.join("\n")).map((name) => `let ${name}: any = undefined;`)];
  });
}

/** The student's version of a test cell: hidden test regions removed. */
export function stripHiddenTests(source: string): string {
  return replaceRegions(source, HIDDEN, "HIDDEN TESTS", () => []);
}

/**
 * The grader's version of a test cell: hidden regions kept, each opened by `marker` (a statement
 * that tells the checker the following assertions are hidden, so their messages stay private).
 */
export function markHiddenTests(source: string, marker: string): string {
  return replaceRegionsKeeping(source, HIDDEN, (indent) => indent + marker);
}

function replaceRegionsKeeping(source: string, marks: typeof HIDDEN, opener: (indent: string) => string): string {
  return source.split("\n").map((line) => {
    const m = marks.begin.exec(line);
    return m ? opener(m[1]) : line;
  }).join("\n");
}
