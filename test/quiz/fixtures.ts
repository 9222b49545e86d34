/**
 * An instructor's assignment with every question type, and the three students' answers used by
 * the grading tests: one all correct, one partly correct, one who tampers.
 */
import { Notebook, NotebookCell } from "../../src/quiz/notebook";

let counter = 0;
function cell(cellType: "code" | "markdown", source: string, nbgrader?: Record<string, unknown>): NotebookCell {
  return {
    cell_type: cellType, id: `cell-${++counter}`, source,
    metadata: nbgrader ? { nbgrader: { schema_version: 3, ...nbgrader } as never } : {},
    ...(cellType === "code" ? { outputs: [], execution_count: null } : {}),
  };
}
export const code = (source: string, nbgrader?: Record<string, unknown>) => cell("code", source, nbgrader);
export const md = (source: string) => cell("markdown", source);

/** Distinctive strings that must never reach a student: answers and hidden tests. */
export const SECRETS = {
  textAnswer: "zebra-attention",
  hiddenTest: "SECRET_OVERFLOW_CHECK",
  explanation: "because-the-tokenizer-runs-first",
  numericAnswer: "0.9526",
  solutionLine: "Math.exp(z - max)",
};

export const SOFTMAX_SOLUTION = `function mySoftmax(row: number[]): number[] {
  // BEGIN SOLUTION
  const max = Math.max(...row);
  const exps = row.map((z) => Math.exp(z - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
  // END SOLUTION
}`;

export function instructorNotebook(): Notebook {
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "transformers-lab", display_name: "TypeScript (Transformers Lab)", language: "typescript" }, tlab: { assignment: "hw1" } },
    cells: [
      md("# Homework 1"),
      code(`const LABELS = ["negative", "positive"];`, { grade: false, solution: false, locked: true, grade_id: "setup" }),
      md("Question 1: which comes first?"),
      code(`quiz.choice("q1", {
  question: "Which of these runs **first** in a \\\`pipeline\\\`?",
  choices: ["the model", "the tokenizer", "the softmax"],
  answer: 2,
  hints: ["What can a model read?"],
  explanation: "${SECRETS.explanation}",
})`),
      code(`quiz.answer("q1", 2)`),
      code(`quiz.check("q1")`, { grade: true, solution: false, locked: true, points: 1, grade_id: "q1-check" }),
      code(`quiz.multiple("q2", { choices: ["input_ids", "logits", "attention_mask"], answer: [1, 3] })`),
      code(`quiz.answer("q2", [3, 1])`),
      code(`quiz.check("q2")`, { grade: true, solution: false, locked: true, points: 1, grade_id: "q2-check" }),
      code(`quiz.numeric("q3", { answer: ${SECRETS.numericAnswer}, tolerance: 0.001 })`),
      code(`quiz.answer("q3", Math.exp(3) / (Math.exp(3) + 1))`),
      code(`quiz.check("q3")`, { grade: true, solution: false, locked: true, points: 1, grade_id: "q3-check" }),
      code(`quiz.text("q4", { answer: ["${SECRETS.textAnswer}"], normalize: ["lower", "remove_spaces"] })`),
      code(`quiz.answer("q4", "${SECRETS.textAnswer}")`),
      code(`quiz.check("q4")`, { grade: true, solution: false, locked: true, points: 1, grade_id: "q4-check" }),
      md("Question 5: write a numerically stable softmax."),
      code(SOFTMAX_SOLUTION, { grade: false, solution: true, locked: false, grade_id: "q5" }),
      code(`quiz.test("q5", (assert) => {
  const p = mySoftmax([2, 0]);
  assert.equal(p.length, 2);
  assert.ok(Math.abs(p[0] - 0.8808) < 1e-3, "mySoftmax([2, 0])[0] should be about 0.8808");
  // BEGIN HIDDEN TESTS
  const big = mySoftmax([1000, 1001]); // ${SECRETS.hiddenTest}
  assert.ok(big.every((x) => Number.isFinite(x)), "large scores must not overflow");
  assert.close(big[1], 0.7311, 1e-3);
  // END HIDDEN TESTS
})`, { grade: true, solution: false, locked: true, points: 2, grade_id: "q5-tests" }),
    ],
  };
}

/** Sets the source of the cell whose grade_id (or quiz question + role) matches. */
export function setCell(nb: Notebook, match: (c: NotebookCell) => boolean, source: string): void {
  const target = nb.cells.find(match);
  if (!target) throw new Error("no such cell");
  target.source = source;
}
export const byGradeId = (id: string) => (c: NotebookCell) => c.metadata.nbgrader?.grade_id === id;

/** Inserts a student's own cell right after the cell with this grade_id. */
export function insertAfter(nb: Notebook, gradeId: string, source: string): void {
  const at = nb.cells.findIndex(byGradeId(gradeId));
  nb.cells.splice(at + 1, 0, code(source));
}

export function answerAll(student: Notebook, answers: { q1: string; q2: string; q3: string; q4: string; q5: string }): Notebook {
  const nb = JSON.parse(JSON.stringify(student)) as Notebook;
  setCell(nb, byGradeId("q1"), `quiz.answer("q1", ${answers.q1})`);
  setCell(nb, byGradeId("q2"), `quiz.answer("q2", ${answers.q2})`);
  setCell(nb, byGradeId("q3"), `quiz.answer("q3", ${answers.q3})`);
  setCell(nb, byGradeId("q4"), `quiz.answer("q4", ${answers.q4})`);
  setCell(nb, byGradeId("q5"), answers.q5);
  return nb;
}

export const NAIVE_SOFTMAX = `function mySoftmax(row: number[]): number[] {
  const exps = row.map((z) => Math.exp(z));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}`;

export const WRONG_SOFTMAX = `function mySoftmax(row: number[]): number[] {
  return row.map(() => 1 / row.length);
}`;
