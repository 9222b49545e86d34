// The quiz object inside the real kernel: what a student sees in a practice and a graded copy.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { QUIZ_MIME } from "../../src/quiz/feedback";
import { Notebook, NotebookCell, NotebookOutput, cellSource, writeNotebook } from "../../src/quiz/notebook";
import { releaseNotebook } from "../../src/quiz/release";
import { parseQuestionCell } from "../../src/quiz/cells";
import { executeNotebook } from "../../src/quiz/runner/execute-notebook";
import { main as validate } from "../../cli/validate";
import { SECRETS, SOFTMAX_SOLUTION, WRONG_SOFTMAX, answerAll, byGradeId, code, insertAfter, instructorNotebook, setCell } from "./fixtures";

type Record = { question: string; status: string; attempt: number | null };
const records = (cell: NotebookCell): Record[] =>
  (cell.outputs ?? []).flatMap((o: NotebookOutput) => {
    const r = (o.data as { [k: string]: unknown } | undefined)?.[QUIZ_MIME];
    return r ? [r as Record] : [];
  });
const text = (cell: NotebookCell) => (cell.outputs ?? []).map((o) => String((o.data as { [k: string]: unknown } | undefined)?.["text/plain"] ?? o.text ?? `${o.ename}: ${o.evalue}`)).join("\n");
const find = (nb: Notebook, source: string) => nb.cells.find((c) => cellSource(c) === source)!;

function practiceSubmission(): Notebook {
  const nb = answerAll(releaseNotebook(instructorNotebook(), { mode: "practice" }), {
    q1: "1", q2: "[1, 3]", q3: "Math.exp(3) / (Math.exp(3) + 1)", q4: '"attention"', q5: SOFTMAX_SOLUTION,
  });
  insertAfter(nb, "q1", `quiz.answer("q1", "the tokenizer")`);
  insertAfter(nb, "q4", `quiz.answer("q4", null)`);
  nb.cells.push({ cell_type: "code", source: "quiz.summary()", metadata: {}, outputs: [], execution_count: null });
  return nb;
}

test("practice copy in the kernel: instant feedback, hints, explanation, clickable choices, summary", { timeout: 300_000 }, async () => {
  const { notebook: nb, results } = await executeNotebook(practiceSubmission(), { timeoutMs: 60_000 });
  const question = nb.cells.find(byGradeId("q1-question"))!;
  const html = String((question.outputs![0].data as { [k: string]: unknown })["text/html"]);
  assert.match(html, /<button data-choice="2"[^>]*>2\. the tokenizer<\/button>/);
  assert.match(html, /<script>[\s\S]*Jupyter\.notebook[\s\S]*<\/script>/);
  assert.match(text(question), /1\. the model\n {2}2\. the tokenizer/);
  // The title is the prompt; nothing of the spec's internals reaches the output.
  assert.match(text(question), /^Which of these runs \*\*first\*\* in a `pipeline`\?\n/);
  assert.match(html, /Which of these runs <b>first<\/b> in a <code>pipeline<\/code>\?/);
  assert.doesNotMatch(html + text(question), /Question q1/);
  const spec = parseQuestionCell(cellSource(question)).spec;
  for (const internal of [spec.salt!, spec.sealed!, ...spec.hashes!]) {
    assert.ok(!JSON.stringify(question.outputs).includes(internal), `the output shows ${internal}`);
  }
  assert.equal((question.metadata.jupyter as { source_hidden?: boolean }).source_hidden, true, "the question cell hides its source");

  const wrong = nb.cells.find(byGradeId("q1"))!;
  assert.deepEqual(records(wrong), [{ question: "q1", type: "choice", status: "incorrect", attempt: 1 }]);
  assert.match(text(wrong), /not yet/);
  assert.match(text(wrong), /Hint: What can a model read\?/);
  assert.ok(!text(wrong).includes(SECRETS.explanation), "the explanation waits for a right answer");
  const right = find(nb, `quiz.answer("q1", "the tokenizer")`);
  assert.equal(records(right)[0].status, "correct");
  assert.equal(records(right)[0].attempt, 2);
  assert.match(text(right), new RegExp(`Explanation: ${SECRETS.explanation}`));

  assert.equal(records(nb.cells.find(byGradeId("q2"))!)[0].status, "correct");
  assert.equal(records(nb.cells.find(byGradeId("q3"))!)[0].status, "correct");
  assert.equal(records(nb.cells.find(byGradeId("q4"))!)[0].status, "incorrect");
  assert.equal(records(find(nb, `quiz.answer("q4", null)`))[0].status, "unanswered");
  assert.equal(records(nb.cells.find(byGradeId("q5-tests"))!)[0].status, "passed");

  // In a practice copy a wrong answer's check shows "not yet" with a hint instead of failing.
  const statusOf = (id: string) => results[nb.cells.filter((c) => c.cell_type === "code").indexOf(nb.cells.find(byGradeId(id))!)].status;
  assert.deepEqual(results.filter((r) => r.status !== "ok"), [], "no cell of a practice copy fails");
  const q4Check = nb.cells.find(byGradeId("q4-check"))!;
  assert.equal(records(q4Check)[0].status, "incorrect");
  assert.match(text(q4Check), /not yet/);
  assert.equal(records(nb.cells.find(byGradeId("q1-check"))!)[0].status, "correct");
  for (const cell of nb.cells.filter((c) => c.metadata.nbgrader?.grade && statusOf(c.metadata.nbgrader.grade_id!) === "ok")) {
    assert.ok(!(cell.outputs ?? []).some((o) => o.output_type === "stream" && o.name === "stderr"), "a passing cell wrote to stderr");
  }
  const summary = nb.cells[nb.cells.length - 1];
  assert.match(text(summary), /q1 +choice +correct +2/);
  assert.match(text(summary), /q4 +text +incorrect +1/);
  assert.match(text(summary), /4 of 5 done/);
});

/** A code question whose solution sits at the top of its cell (no function around it). */
function withTopLevelCodeQuestion(nb: Notebook): Notebook {
  nb.cells.push(
    code(`// BEGIN SOLUTION\nconst greeting = "hello";\nconst { length: greetingLength } = greeting;\n// END SOLUTION`, { grade: false, solution: true, locked: false, grade_id: "q6" }),
    code(`quiz.test("q6", (assert) => {\n  assert.equal(greetingLength, 5, "greetingLength is the length of greeting");\n})`, { grade: true, solution: false, locked: true, points: 1, grade_id: "q6-tests" }),
  );
  return nb;
}

test("an untouched practice copy runs to the end: unanswered checks and failing tests are outputs, not errors", { timeout: 300_000 }, async () => {
  const released = releaseNotebook(withTopLevelCodeQuestion(instructorNotebook()), { mode: "practice" });
  assert.equal(cellSource(released.cells.find(byGradeId("q6"))!), "// YOUR CODE HERE: give each name below its value\nlet greeting: any = undefined;\nlet greetingLength: any = undefined;");
  const { notebook: nb, results } = await executeNotebook(released, { timeoutMs: 60_000 });
  assert.deepEqual(results.map((r, i) => `${i}: ${r.status}`).filter((r) => !r.endsWith("ok")), [], "every cell runs without an error");
  for (const id of ["q1", "q2", "q3", "q4"]) {
    assert.deepEqual(records(nb.cells.find(byGradeId(`${id}-check`))!).map((r) => r.status), ["unanswered"], `${id}-check`);
  }
  for (const id of ["q5", "q6"]) {
    const tests = nb.cells.find(byGradeId(`${id}-tests`))!;
    assert.deepEqual(records(tests).map((r) => r.status), ["failed"], `${id}-tests`);
    assert.ok(!(tests.outputs ?? []).some((o) => o.output_type === "error" || o.output_type === "stream"), `${id}-tests shows no traceback`);
  }
  assert.match(text(nb.cells.find(byGradeId("q6-tests"))!), /greetingLength is the length of greeting/);
});

test("a practice copy marks a right answer given after the explanation; code questions give their hints one per failed run", { timeout: 300_000 }, async () => {
  const source = withTopLevelCodeQuestion(instructorNotebook());
  setCell(source, byGradeId("q6-tests"), `quiz.test("q6", (assert) => {\n  assert.equal(greetingLength, 5, "greetingLength is the length of greeting");\n}, {\n  hints: ["Strings have a length.", "Destructure length from greeting."],\n  explanation: "${SECRETS.explanation}-q6",\n  attempts: 2,\n})`);
  const released = releaseNotebook(source, { mode: "practice" });
  const testCell = cellSource(released.cells.find(byGradeId("q6-tests"))!);
  assert.doesNotMatch(testCell, /Strings have a length|explanation/, "the code question's hints and explanation are sealed");
  assert.match(testCell, /^\}, \{"attempts":2,"salt":"[0-9a-f]+","sealed":"[^"]+","practice":true\}\)$/m);
  assert.doesNotMatch(cellSource(releaseNotebook(source, { mode: "graded" }).cells.find(byGradeId("q6-tests"))!), /salt|sealed|hints/, "a graded copy drops the spec");

  const nb = answerAll(released, { q1: "1", q2: "[1, 3]", q3: "0.5", q4: '"attention"', q5: SOFTMAX_SOLUTION });
  // q1: three wrong answers give the explanation away, then the right one.
  insertAfter(nb, "q1", `quiz.answer("q1", "the softmax")`);
  insertAfter(nb, "q1", `quiz.answer("q1", 3)`);
  nb.cells.push(code(`quiz.answer("q1", 2)`), code(`quiz.answer("q2", [1, 3])`));
  setCell(nb, byGradeId("q6"), `const greetingLength = 4;`);
  const rerun = cellSource(nb.cells.find(byGradeId("q6-tests"))!);
  nb.cells.push(code(rerun), code(`const greetingLength = 5;`), code(rerun), code("quiz.summary()"));
  const { notebook: ran, results } = await executeNotebook(nb, { timeoutMs: 60_000 });
  assert.deepEqual(results.filter((r) => r.status !== "ok"), [], "no cell fails");
  const runs = ran.cells.filter((c) => cellSource(c) === rerun).map(text);
  assert.equal(runs.length, 3);
  assert.match(runs[0], /Hint: Strings have a length\./);
  assert.doesNotMatch(runs[0], /Destructure|Explanation/);
  assert.match(runs[1], /Hint: Destructure length from greeting\.\n {2}Explanation: because-the-tokenizer-runs-first-q6/);
  assert.match(runs[2], /the tests in this cell pass[\s\S]*Explanation: because-the-tokenizer-runs-first-q6/);
  const summary = text(ran.cells[ran.cells.length - 1]);
  assert.match(text(ran.cells.find((c) => cellSource(c) === `quiz.answer("q1", "the softmax")`)!), /here is the explanation[\s\S]*Explanation: /);
  assert.match(summary, /q1 +choice +correct \(after the explanation\) +4/);
  assert.match(summary, /q2 +multiple +correct +2\n/, "a right answer given again is not marked");
  assert.match(summary, /q6 +code +passed \(after the explanation\) +3/);
  assert.match(summary, /q5 +code +passed +1/);
});

test("a Korean practice copy speaks Korean: stubs, feedback, hints, explanation, checks, tests and the summary", { timeout: 300_000 }, async () => {
  const source = withTopLevelCodeQuestion(instructorNotebook());
  source.metadata.tlab = { ...source.metadata.tlab, lang: "ko" };
  const released = releaseNotebook(source, { mode: "practice" });
  assert.equal(released.metadata.tlab?.lang, "ko");
  assert.equal(cellSource(released.cells.find(byGradeId("q1"))!), 'quiz.answer("q1", null)  // null을 고른 번호로 바꾸세요');
  assert.match(cellSource(released.cells.find(byGradeId("q5"))!), /\/\/ 여기에 코드를 작성하세요\n {2}throw new Error\("아직 구현하지 않았습니다"\);/);
  assert.match(cellSource(released.cells.find(byGradeId("q6"))!), /^\/\/ 여기에 코드를 작성하세요/);
  assert.equal(parseQuestionCell(cellSource(released.cells.find(byGradeId("q1-question"))!)).spec.lang, "ko");
  const nb = answerAll(released, { q1: "1", q2: "[1, 3]", q3: "null", q4: '"attention"', q5: WRONG_SOFTMAX });
  insertAfter(nb, "q1", `quiz.answer("q1", 2)`);
  insertAfter(nb, "q2", `quiz.answer("q2", 7)`);
  nb.cells.push(code("quiz.summary()"));
  const { notebook: ran, results } = await executeNotebook(nb, { timeoutMs: 60_000 });
  assert.deepEqual(results.filter((r) => r.status !== "ok"), [], "no cell fails");
  const q1 = text(ran.cells.find(byGradeId("q1"))!);
  assert.match(q1, /아직 아닙니다\. 다시 해 보세요\./);
  assert.match(q1, /힌트: What can a model read\?/);
  assert.match(text(find(ran, `quiz.answer("q1", 2)`)), new RegExp(`정답입니다!\\n {2}해설: ${SECRETS.explanation}`));
  assert.match(text(find(ran, `quiz.answer("q2", 7)`)), /1부터 3까지의 번호.*시도 횟수에 들어가지 않습니다/);
  assert.match(text(ran.cells.find(byGradeId("q3"))!), /아직 답이 없습니다/);
  assert.match(text(ran.cells.find(byGradeId("q3-check"))!), /아직 답하지 않았습니다/);
  assert.match(text(ran.cells.find(byGradeId("q4-check"))!), /위 셀에서 다시 해 보세요/);
  assert.match(text(ran.cells.find(byGradeId("q5-tests"))!), /아직 아닙니다\. 테스트가 실패했습니다/);
  const question = text(ran.cells.find(byGradeId("q2-question"))!);
  assert.match(question, /아래 셀에 답하세요: quiz\.answer\("q2", \[<맞는 번호 모두>\]\)/);
  const summary = text(ran.cells[ran.cells.length - 1]);
  assert.match(summary, /^문제 +유형 +상태 +시도/);
  assert.match(summary, /q1 +선택형 +정답 +2/);
  assert.match(summary, /q3 +숫자 +미응답 +0/);
  assert.match(summary, /6문제 중 2문제 완료/);
  assert.doesNotMatch(summary + q1 + question, /not yet|correct|Hint|Explanation|Answer in/);
});

test("nbgrader's copy keeps failing checks and tests: unanswered, wrong and failing are error outputs", { timeout: 300_000 }, async () => {
  const nb = releaseNotebook(withTopLevelCodeQuestion(instructorNotebook()), { keepSolutions: true });
  setCell(nb, (c) => c.metadata.nbgrader?.grade_id === "q1", `quiz.answer("q1", null)`);
  setCell(nb, (c) => c.metadata.nbgrader?.grade_id === "q4", `quiz.answer("q4", "wrong")`);
  setCell(nb, (c) => c.metadata.nbgrader?.grade_id === "q6", `const greetingLength = 4;`);
  const { notebook: ran, results } = await executeNotebook(nb, { timeoutMs: 60_000 });
  const codeCells = ran.cells.filter((c) => c.cell_type === "code");
  const statusOf = (id: string) => results[codeCells.indexOf(ran.cells.find(byGradeId(id))!)].status;
  assert.equal(statusOf("q1-check"), "error");
  assert.equal(statusOf("q4-check"), "error");
  assert.match(text(ran.cells.find(byGradeId("q4-check"))!), /QuizCheckError: q4: the answer is not correct yet/);
  assert.equal(statusOf("q6-tests"), "error");
  assert.equal(statusOf("q2-check"), "ok");
});

test("graded copy in the kernel records answers without revealing correctness; tlab validate reports", { timeout: 300_000 }, async () => {
  const dir = scratchDir("quiz-validate");
  const nb = answerAll(releaseNotebook(instructorNotebook(), { mode: "graded" }), {
    q1: "1", q2: "[1, 3]", q3: "0.95", q4: '"attention"', q5: SOFTMAX_SOLUTION,
  });
  nb.cells.find(byGradeId("q2-check"))!.source = "quiz.check('q2') // edited";
  const file = path.join(dir, "hw1.ipynb");
  writeNotebook(file, nb);
  const printed: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => { printed.push(args.join(" ")); };
  let code: number;
  try {
    code = await validate([file, "--timeout", "60"]);
  } finally {
    console.log = log;
  }
  const out = printed.join("\n");
  assert.equal(code, 1, out);
  assert.match(out, /q1: answer recorded \(attempt 1\)/);
  assert.match(out, /q3: answer recorded/);
  assert.ok(!/correct/.test(out.replace(/recorded and graded/g, "")), `graded feedback revealed correctness:\n${out}`);
  assert.match(out, /q5: the tests in this cell pass/);
  assert.match(out, /cell \d+ \(q2-check\) is read-only and was changed: grading uses the original/);
  assert.ok(fs.existsSync(file));
});
