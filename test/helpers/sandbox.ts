import { detectSandbox } from "../../src/quiz/grading/sandbox";

/**
 * Suites that autograde need the grading sandbox (bubblewrap). On CI a missing sandbox fails the
 * run; on a developer's machine the suite is skipped with a notice saying what is missing.
 */
export function gradingSandbox(): { skip: string | false } {
  try {
    detectSandbox();
    return { skip: false };
  } catch (e) {
    const message = `the grading sandbox cannot run here: ${(e as Error).message.split("\n").join(" ")}`;
    if (process.env.CI === "true") throw new Error(`CI requires ${message}`);
    process.stderr.write(`\n*** SKIPPING: ${message}\n`);
    return { skip: message };
  }
}
