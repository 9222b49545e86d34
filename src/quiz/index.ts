// Quizzes in notebooks: the preloaded `quiz` helper and its error types (see docs/quiz-format.md).
export { quiz, Quiz, QuizCheckError, type QuizTest } from "./quiz";
export { QuizFeedback, type FeedbackStatus } from "./feedback";
export { AnswerError } from "./answers";
export { QuizSpecError, type QuestionSpec, type QuestionType } from "./spec";
export type { QuizAssert } from "./assert";
