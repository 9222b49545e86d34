/**
 * Every string the quiz shows a student, in each course language. A question carries its
 * lesson's language in its spec (`lang`, written by `tlab assign` from the notebook's
 * `metadata.tlab.lang`), so feedback, hints' labels and stubs read in the lesson's language.
 */
import type { QuestionType } from "./spec";

export type QuizLanguage = "en" | "ko";

export const QUIZ_LANGUAGES: readonly QuizLanguage[] = ["en", "ko"];

/** The course language for a language tag ("ko", "ko-KR"); English for anything else. */
export function quizLanguage(tag: unknown): QuizLanguage {
  const primary = typeof tag === "string" ? tag.toLowerCase().split(/[-_]/)[0] : "";
  return (QUIZ_LANGUAGES as readonly string[]).includes(primary) ? (primary as QuizLanguage) : "en";
}

/** Why an answer could not be read (see answers.ts), with what each message needs. */
export type AnswerProblem =
  | { kind: "not-a-choice"; value: unknown; count: number }
  | { kind: "choice-range"; value: unknown; count: number }
  | { kind: "not-a-number"; value: unknown }
  | { kind: "not-text"; value: unknown };

/** The status words of `quiz.summary()`. */
export type SummaryStatus = "unanswered" | "correct" | "incorrect" | "recorded" | "passed" | "failed";

export interface QuizMessages {
  question(id: string): string;
  graded: string;
  answerBelow: string;
  answerPlaceholder: Record<QuestionType, string>;
  submit: string;
  answerSent: string;
  copied(code: string): string;
  hint: string;
  explanation: string;
  runQuestionFirst(id: string): string;
  notRegistered(id: string): string;
  noAnswerYet: string;
  notAnAttempt(problem: string): string;
  answerProblem(problem: AnswerProblem): string;
  recorded(attempt: number): string;
  recordedAtCheck: string;
  correct: string;
  correctAtCheck: string;
  notYet: string;
  notYetAtCheck: string;
  outOfAttempts(attempt: number): string;
  notAnsweredAtCheck: string;
  testsPass: string;
  testFailed(message: string): string;
  summaryHeader: [string, string, string, string];
  summaryStatus: Record<SummaryStatus, string>;
  afterExplanation: string;
  types: Record<QuestionType, string>;
  noQuestions: string;
  done(done: number, total: number): string;
  answerStub: Record<"choice" | "multiple" | "numeric" | "text", string>;
  codeStub: [string, string];
  practiceCodeStub: string;
  writtenAnswerStub: string;
}

const show = (value: unknown) => JSON.stringify(value);

const en: QuizMessages = {
  question: (id) => `Question ${id}`,
  graded: "(graded)",
  answerBelow: "Answer in the cell below:",
  answerPlaceholder: { choice: "<number of your choice>", multiple: "[<numbers of every right choice>]", numeric: "<a number>", text: '"<your answer>"', code: '"<your answer>"' },
  submit: "Submit",
  answerSent: "Answer sent: ",
  copied: (code) => `Copied ${code} - paste it into the answer cell below and run it.`,
  hint: "Hint",
  explanation: "Explanation",
  runQuestionFirst: (id) => `run the question cell of ${id} (above) first, then this cell again.`,
  notRegistered: (id) => `Question ${id} is not registered: run its question cell and answer cell first.`,
  noAnswerYet: "no answer yet: replace null with your answer and run the cell.",
  notAnAttempt: (problem) => `${problem} (this does not count as an attempt)`,
  answerProblem: (p) => {
    switch (p.kind) {
      case "not-a-choice": return `${show(p.value)} is not one of the choices: answer with a number from 1 to ${p.count} or the exact text of a choice.`;
      case "choice-range": return `Answer with a number from 1 to ${p.count} (or the exact text of a choice), not ${show(p.value)}.`;
      case "not-a-number": return `This question needs a finite number, not ${show(p.value)}.`;
      case "not-text": return `This question needs a short text answer, not ${show(p.value)}.`;
    }
  },
  recorded: (attempt) => `answer recorded (attempt ${attempt}). It is graded after you submit.`,
  recordedAtCheck: "your answer is recorded and graded after you submit.",
  correct: "correct!",
  correctAtCheck: "correct.",
  notYet: "not yet. Try again.",
  notYetAtCheck: "not yet. Try again in the cell above.",
  outOfAttempts: (attempt) => `not correct. That was attempt ${attempt}; here is the explanation.`,
  notAnsweredAtCheck: "not answered yet: answer in the cell above, then run this cell again.",
  testsPass: "the tests in this cell pass. (More tests may run when an assignment is graded.)",
  testFailed: (message) => `not yet: a test failed: ${message}`,
  summaryHeader: ["question", "type", "status", "attempts"],
  summaryStatus: { unanswered: "not answered", correct: "correct", incorrect: "incorrect", recorded: "recorded", passed: "passed", failed: "failed" },
  afterExplanation: "after the explanation",
  types: { choice: "choice", multiple: "multiple", numeric: "numeric", text: "text", code: "code" },
  noQuestions: "No questions yet: run the question cells.",
  done: (done, total) => `${done} of ${total} done`,
  answerStub: { choice: "replace null with the number of your choice", multiple: "replace null with [numbers of every right choice]", numeric: "replace null with a number", text: "replace null with a short text in quotes" },
  codeStub: ["// YOUR CODE HERE", 'throw new Error("Not implemented yet");'],
  practiceCodeStub: "// YOUR CODE HERE: give each name below its value",
  writtenAnswerStub: "YOUR ANSWER HERE",
};

const ko: QuizMessages = {
  question: (id) => `문제 ${id}`,
  graded: "(채점)",
  answerBelow: "아래 셀에 답하세요:",
  answerPlaceholder: { choice: "<고른 번호>", multiple: "[<맞는 번호 모두>]", numeric: "<숫자>", text: '"<답>"', code: '"<답>"' },
  submit: "제출",
  answerSent: "답을 보냈습니다: ",
  copied: (code) => `${code} 을(를) 복사했습니다. 아래 답 셀에 붙여 넣고 실행하세요.`,
  hint: "힌트",
  explanation: "해설",
  runQuestionFirst: (id) => `위에 있는 ${id} 문제 셀을 먼저 실행한 뒤 이 셀을 다시 실행하세요.`,
  notRegistered: (id) => `${id} 문제가 아직 등록되지 않았습니다. 문제 셀과 답 셀을 먼저 실행하세요.`,
  noAnswerYet: "아직 답이 없습니다. null을 답으로 바꾸고 셀을 실행하세요.",
  notAnAttempt: (problem) => `${problem} (시도 횟수에 들어가지 않습니다)`,
  answerProblem: (p) => {
    switch (p.kind) {
      case "not-a-choice": return `${show(p.value)}은(는) 보기에 없습니다. 1부터 ${p.count}까지의 번호나 보기의 글을 그대로 답하세요.`;
      case "choice-range": return `${show(p.value)} 대신 1부터 ${p.count}까지의 번호(또는 보기의 글 그대로)로 답하세요.`;
      case "not-a-number": return `이 문제는 유한한 숫자로 답해야 합니다. ${show(p.value)}은(는) 숫자가 아닙니다.`;
      case "not-text": return `이 문제는 짧은 글로 답해야 합니다. ${show(p.value)}은(는) 글이 아닙니다.`;
    }
  },
  recorded: (attempt) => `답을 기록했습니다(${attempt}번째 시도). 제출한 뒤에 채점됩니다.`,
  recordedAtCheck: "답이 기록되었고, 제출한 뒤에 채점됩니다.",
  correct: "정답입니다!",
  correctAtCheck: "정답입니다.",
  notYet: "아직 아닙니다. 다시 해 보세요.",
  notYetAtCheck: "아직 아닙니다. 위 셀에서 다시 해 보세요.",
  outOfAttempts: (attempt) => `정답이 아닙니다. ${attempt}번째 시도였습니다. 해설을 읽어 보세요.`,
  notAnsweredAtCheck: "아직 답하지 않았습니다. 위 셀에 답한 뒤 이 셀을 다시 실행하세요.",
  testsPass: "이 셀의 테스트를 통과했습니다. (과제를 채점할 때는 테스트가 더 있을 수 있습니다.)",
  testFailed: (message) => `아직 아닙니다. 테스트가 실패했습니다: ${message}`,
  summaryHeader: ["문제", "유형", "상태", "시도"],
  summaryStatus: { unanswered: "미응답", correct: "정답", incorrect: "오답", recorded: "기록됨", passed: "통과", failed: "실패" },
  afterExplanation: "해설을 본 뒤",
  types: { choice: "선택형", multiple: "복수 선택", numeric: "숫자", text: "단답형", code: "코드" },
  noQuestions: "아직 문제가 없습니다. 문제 셀을 실행하세요.",
  done: (done, total) => `${total}문제 중 ${done}문제 완료`,
  answerStub: { choice: "null을 고른 번호로 바꾸세요", multiple: "null을 맞는 번호를 모두 담은 배열로 바꾸세요", numeric: "null을 숫자로 바꾸세요", text: "null을 따옴표로 감싼 짧은 글로 바꾸세요" },
  codeStub: ["// 여기에 코드를 작성하세요", 'throw new Error("아직 구현하지 않았습니다");'],
  practiceCodeStub: "// 여기에 코드를 작성하세요: 아래 이름마다 값을 넣으세요",
  writtenAnswerStub: "여기에 답을 쓰세요",
};

export const MESSAGES: Record<QuizLanguage, QuizMessages> = { en, ko };

export function messagesFor(lang: unknown): QuizMessages {
  return MESSAGES[quizLanguage(lang)];
}
