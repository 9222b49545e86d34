/**
 * Scores from the judge's verdicts and the source's answers. Nothing the kernel printed or
 * claimed is trusted: a check scores the value the student's kernel holds as the answer, a test
 * scores what the judge's own assertions found.
 */
import { isCorrect, isUnanswered } from "../answers";
import { JudgedCell } from "./judge";
import { GradeCell, SourceModel } from "./source-model";

export interface CellScore {
  gradeId: string;
  question: string;
  points: number;
  maxPoints: number;
  /** What the student may read: never an answer, never a hidden test. */
  message: string;
}

/** Feedback never quotes a hidden test, even when the student's own values repeat one. */
export function withoutHiddenFragments(message: string, fragments: readonly string[]): string {
  return fragments.some((f) => message.includes(f)) ? "(the message is withheld: it quotes a hidden test)" : message;
}

export function scoreCell(model: SourceModel, g: GradeCell, judged: JudgedCell | undefined, hiddenFragments: readonly string[]): CellScore {
  const base = { gradeId: g.gradeId, question: g.question, maxPoints: g.points };
  const zero = (message: string): CellScore => ({ ...base, points: 0, message: withoutHiddenFragments(message, hiddenFragments) });
  if (!judged) return zero("did not run");
  if (judged.status === "timeout") return zero("stopped: the cell ran longer than the time limit");
  if (judged.status === "kernel-exited") return zero("not graded: the kernel exited while this cell ran");
  const error = judged.error ? (judged.error.hidden ? "an error in a hidden test" : judged.error.message) : undefined;
  if (g.role === "check") {
    const q = model.questions.get(g.question);
    if (!q) return zero("the question cell is missing from the source notebook");
    const check = [...judged.checks].reverse().find((c) => c.id === g.question) ?? judged.checks[judged.checks.length - 1];
    if (!check) return zero(error ? `the check could not run (${error})` : "did not run");
    if (!check.answered || isUnanswered(check.value)) return zero("not answered");
    return isCorrect(q, check.value) ? { ...base, points: g.points, message: "correct" } : zero("incorrect");
  }
  if (g.role === "test") {
    if (judged.tests.length === 0) return zero(`the tests could not run (${error ?? "no test ran"})`);
    const failed = judged.tests.find((t) => !t.passed);
    if (failed) return zero(failed.hidden ? "a hidden test failed" : `a test failed: ${failed.message ?? ""}`);
    if (error) return zero(`the test cell raised ${error}`);
    return { ...base, points: g.points, message: g.hasHiddenTests ? "all tests passed, including hidden tests" : "all tests passed" };
  }
  // A plain nbgrader test cell: an error scores 0, a bare number is partial credit, else full marks.
  if (error) return zero(`the cell raised ${error}`);
  if (judged.value !== null && Number.isFinite(judged.value)) {
    return { ...base, points: Math.max(0, Math.min(g.points, judged.value)), message: "partial credit" };
  }
  return { ...base, points: g.points, message: "passed" };
}
