// How one question becomes notebook cells, in the format of docs/quiz-format.md: a markdown prompt,
// then a read-only question cell, the student's answer cell and a graded check cell (or, for a code
// question, the answer cell with its solution region and a test cell).
import { Bilingual, Question, dedent, pick, pickCode } from "./lesson";
import { NotebookCell, codeCell, markdownCell } from "./render";

type Language = keyof Bilingual;

function nbgrader(fields: { grade: boolean; solution: boolean; locked: boolean; grade_id: string; points?: number }) {
  return { schema_version: 3, ...fields };
}

function tlab(question: Question, role: "question" | "answer" | "check" | "test") {
  return { question: question.id, role, type: question.type };
}

/** The literal spec of a question cell (the quiz API reads it without running code). */
function spec(q: Question, lang: Language): Record<string, unknown> {
  // English is the quiz's default; other languages name themselves so the feedback follows.
  const common = { hints: q.hints.map((h) => h[lang]), explanation: q.explanation[lang], ...(lang === "en" ? {} : { lang }) };
  // The question's output shows the prompt as its title.
  const question = q.prompt[lang];
  switch (q.type) {
    case "choice":
      return { question, choices: q.options.map((o) => o[lang]), answer: q.answer + 1, ...common };
    case "multiple":
      return { question, choices: q.options.map((o) => o[lang]), answer: q.answer.map((a) => a + 1), ...common };
    case "numeric":
      return { question, answer: q.answer, tolerance: q.tolerance, ...common };
    case "text":
      return { question, answer: q.answers, ...common };
    case "code":
      return common;
  }
}

/** The instructor's answer, as the argument of quiz.answer. */
function answerLiteral(q: Question): string {
  switch (q.type) {
    case "choice":
      return String(q.answer + 1);
    case "multiple":
      return JSON.stringify(q.answer.map((a) => a + 1));
    case "numeric":
      return String(q.answer);
    case "text":
      return JSON.stringify(q.answers[0]);
    case "code":
      return "null";
  }
}

function indent(text: string, by: string): string {
  return text.split("\n").map((line) => (line.trim() === "" ? line : by + line)).join("\n");
}

export function renderQuestion(q: Question, number: number, lang: Language): NotebookCell[] {
  const heading = lang === "en" ? `### Question ${number}` : `### 문제 ${number}`;
  const worth = lang === "en" ? `*(${q.points} point${q.points === 1 ? "" : "s"})*` : `*(${q.points}점)*`;
  const cells: NotebookCell[] = [markdownCell(`${q.id}-prompt`, `${heading} ${worth}\n\n${q.prompt[lang]}`)];

  if (q.type === "code") {
    cells.push(
      codeCell(q.id, dedent(pickCode(q.solution, lang)), {
        nbgrader: nbgrader({ grade: false, solution: true, locked: false, grade_id: q.id }),
        tlab: tlab(q, "answer"),
      }),
    );
    const hidden = q.hidden_tests ? `\n  // BEGIN HIDDEN TESTS\n${indent(dedent(pickCode(q.hidden_tests, lang)), "  ")}\n  // END HIDDEN TESTS` : "";
    const isAsync = /\bawait\b/.test(q.tests + (q.hidden_tests ?? ""));
    // The hints and the explanation follow the tests, as the spec a question cell would carry.
    const testSpec = JSON.stringify(spec(q, lang), null, 2);
    cells.push(
      codeCell(`${q.id}-tests`, `${isAsync ? "await " : ""}quiz.test(${JSON.stringify(q.id)}, ${isAsync ? "async " : ""}(assert: QuizAssert) => {\n${indent(dedent(pickCode(q.tests, lang)), "  ")}${hidden}\n}, ${testSpec});`, {
        nbgrader: nbgrader({ grade: true, solution: false, locked: true, grade_id: `${q.id}-tests`, points: q.points }),
        tlab: tlab(q, "test"),
      }),
    );
    return cells;
  }

  const kind = q.type;
  cells.push(
    codeCell(`${q.id}-question`, `quiz.${kind}(${JSON.stringify(q.id)}, ${JSON.stringify(spec(q, lang), null, 2)});`, {
      nbgrader: nbgrader({ grade: false, solution: false, locked: true, grade_id: `${q.id}-question` }),
      tlab: tlab(q, "question"),
    }),
    codeCell(`${q.id}-answer`, `quiz.answer(${JSON.stringify(q.id)}, ${answerLiteral(q)});`, {
      nbgrader: nbgrader({ grade: false, solution: true, locked: false, grade_id: q.id }),
      tlab: tlab(q, "answer"),
    }),
    codeCell(`${q.id}-check`, `quiz.check(${JSON.stringify(q.id)});`, {
      nbgrader: nbgrader({ grade: true, solution: false, locked: true, grade_id: `${q.id}-check`, points: q.points }),
      tlab: tlab(q, "check"),
    }),
  );
  return cells;
}
