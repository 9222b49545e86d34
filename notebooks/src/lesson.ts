// The building blocks of a lesson source. Each lesson is written once, with its English and
// Korean text side by side, so both notebooks always share the same cells in the same order.

/** Text in both course languages. */
export interface Bilingual {
  en: string;
  ko: string;
}

export type Localized = string | Bilingual;

interface QuestionBase {
  /** Unique within the lesson; becomes the nbgrader grade_id (letters, digits, - and _). */
  id: string;
  points: number;
  prompt: Bilingual;
  /** Two or three, from a nudge to nearly the answer: the feedback shows one more per wrong attempt. */
  hints: Bilingual[];
  explanation: Bilingual;
}

/** One right option, chosen by clicking or by writing its number. */
export interface ChoiceQuestion extends QuestionBase {
  type: "choice";
  options: Bilingual[];
  /** Index (0-based) of the right option. */
  answer: number;
}

/** Several right options; the answer is the exact set. */
export interface MultipleChoiceQuestion extends QuestionBase {
  type: "multiple";
  options: Bilingual[];
  answer: number[];
}

/** A number, accepted within an absolute tolerance. */
export interface NumericQuestion extends QuestionBase {
  type: "numeric";
  answer: number;
  tolerance: number;
}

/** A short text answer, compared after normalisation (trim, lower case, collapse spaces). */
export interface TextQuestion extends QuestionBase {
  type: "text";
  /** Every accepted answer (already normalised). */
  answers: string[];
}

/** A code question: the student writes code; tests check the values it defines. */
export interface CodeQuestion extends QuestionBase {
  type: "code";
  /** The instructor's solution; the student copy keeps only what lies outside BEGIN/END SOLUTION. */
  solution: Localized;
  /** Visible checks, run against the student's values (TypeScript, uses assert helpers). */
  tests: string;
  /** Checks that only the instructor copy holds. */
  hidden_tests?: string;
}

export type Question = ChoiceQuestion | MultipleChoiceQuestion | NumericQuestion | TextQuestion | CodeQuestion;

/**
 * Values a code cell's result shows and the prose around it cites. The lesson tests run the
 * notebook and check that the cell's output shows each `name: value`, so text and output agree.
 */
export type Figures = Record<string, number | string | boolean>;

export type Cell =
  | { kind: "markdown"; text: Bilingual }
  | { kind: "code"; source: Localized; figures?: Figures }
  | { kind: "quiz"; question: Question };

export interface Lesson {
  /** File stem, e.g. "01-pipeline". */
  name: string;
  title: Bilingual;
  cells: Cell[];
}

/** Removes the common leading indentation and the first/last blank lines of a template literal. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, "").replace(/\n\s*$/, "").split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.match(/^ */)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n");
}

/** A markdown cell in both languages. */
export function md(en: string, ko: string): Cell {
  return { kind: "markdown", text: { en: dedent(en), ko: dedent(ko) } };
}

/** A code cell; pass two sources when comments or printed text differ between languages. */
export function code(source: string, ko?: string): Cell {
  return { kind: "code", source: ko === undefined ? dedent(source) : { en: dedent(source), ko: dedent(ko) } };
}

/** A code cell whose result shows `figures`, which the prose cites (see Figures). */
export function codeWithFigures(figures: Figures, source: string, ko?: string): Cell {
  return { ...(code(source, ko) as { kind: "code"; source: Localized }), figures };
}

/** Bilingual text helper for quiz fields. */
export function t(en: string, ko: string): Bilingual {
  return { en: dedent(en), ko: dedent(ko) };
}

export function quiz(question: Question): Cell {
  return { kind: "quiz", question };
}

export function pick(text: Localized, lang: keyof Bilingual): string {
  return typeof text === "string" ? text : text[lang];
}

/**
 * A code comment in both languages, written once in a shared code cell:
 * `// [en] Feed the ids to the model [ko] 모델에 id를 넣습니다` becomes `// Feed the ids to the model`
 * in the English notebook and `// 모델에 id를 넣습니다` in the Korean one. It may follow code on the
 * same line. Sources without the markers are left as they are.
 */
const BILINGUAL_COMMENT = /\/\/ \[en\] (.*?) \[ko\] (.*)$/gm;

/** The source of a code cell in one language, with its bilingual comments resolved. */
export function pickCode(source: Localized, lang: keyof Bilingual): string {
  return pick(source, lang).replace(BILINGUAL_COMMENT, (_all, en: string, ko: string) => `// ${lang === "en" ? en : ko}`);
}
