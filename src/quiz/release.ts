/**
 * From an instructor's source notebook to the student copy (`tlab assign`): answers become
 * salted hashes (practice) or disappear (graded), solutions become stubs, hidden tests are
 * removed, outputs are cleared, and nbgrader metadata and checksums are written.
 */
import { randomBytes } from "node:crypto";
import { seal } from "./sealed";
import { authorCanonicals, hashCanonical } from "./answers";
import { cellRole, parseQuestionCell, parseTestCellSpec, questionCellSource, topLevelDeclarations, ParsedQuestion } from "./cells";
import { stampChecksum } from "./nbgrader";
import { NbgraderMetadata, Notebook, NotebookCell, TlabCellMetadata, cellSource, cloneNotebook } from "./notebook";
import { hasSolutionRegion, stripHiddenTests, stripSolutions, stripSolutionsForPractice } from "./regions";
import { QuizLanguage, QuizMessages, messagesFor, quizLanguage } from "./messages";
import { ANSWERED_TYPES, QuestionSpec, QuestionType, QuizSpecError } from "./spec";

export type ReleaseMode = "practice" | "graded";

export interface ReleaseOptions {
  mode?: ReleaseMode;
  /** Assignment name recorded in the notebook (default: keep the source's, else "assignment"). */
  assignment?: string;
  /**
   * Hash the quiz answers but keep solution regions, answer cells and hidden tests: the result is
   * a source notebook for nbgrader itself, which strips and restores those on its own.
   */
  keepSolutions?: boolean;
}

/** nbgrader metadata a role gets when the author did not set any. */
function defaultNbgrader(role: TlabCellMetadata): NbgraderMetadata {
  const id = role.question;
  switch (role.role) {
    case "question": return { schema_version: 3, grade: false, solution: false, locked: true, grade_id: `${id}-question` };
    case "answer": return { schema_version: 3, grade: false, solution: true, locked: false, grade_id: id };
    case "check": return { schema_version: 3, grade: true, solution: false, locked: true, points: 1, grade_id: `${id}-check` };
    case "test": return { schema_version: 3, grade: true, solution: false, locked: true, points: 1, grade_id: `${id}-tests` };
  }
}

/** Keeps only nbgrader's v3 keys, so the student copy validates against nbgrader's schema. */
function cleanNbgrader(m: Partial<NbgraderMetadata>): NbgraderMetadata {
  const out: NbgraderMetadata = { schema_version: 3, grade: !!m.grade, solution: !!m.solution, locked: !!m.locked };
  if (m.task) out.task = true;
  if (m.grade_id !== undefined) out.grade_id = m.grade_id;
  if (m.grade || m.task) out.points = Number(m.points ?? 0);
  return out;
}

/**
 * Fills in `metadata.tlab` and `metadata.nbgrader` of quiz cells from their source, so authors can
 * write plain cells; author-set nbgrader flags and points are kept. Works on the given notebook.
 */
export function annotateQuizCells(nb: Notebook): void {
  const seen = new Map<string, number>();
  nb.cells.forEach((cell, index) => {
    const role = cellRole(cell);
    if (role) {
      cell.metadata.tlab = { ...role, type: role.type ?? inferType(nb, role.question) };
      cell.metadata.nbgrader = cleanNbgrader({ ...defaultNbgrader(role), ...(cell.metadata.nbgrader ?? {}) });
    } else if (cell.metadata.nbgrader) {
      cell.metadata.nbgrader = cleanNbgrader(cell.metadata.nbgrader);
    }
    const gradeId = cell.metadata.nbgrader?.grade_id;
    if (gradeId !== undefined && (cell.metadata.nbgrader!.grade || cell.metadata.nbgrader!.solution || cell.metadata.nbgrader!.locked)) {
      if (seen.has(gradeId)) throw new QuizSpecError(`grade_id "${gradeId}" is used by cells ${seen.get(gradeId)! + 1} and ${index + 1}; every graded, solution or locked cell needs its own.`);
      seen.set(gradeId, index);
    }
  });
}

/** The type of a question: its question cell's call, or "code" when it only has tests. */
function inferType(nb: Notebook, id: string): QuestionType {
  for (const cell of nb.cells) {
    const role = cell.cell_type === "code" ? cellRole(cell) : undefined;
    if (role?.question === id && role.role === "question" && role.type) return role.type as QuestionType;
  }
  return "code";
}

function answerStub(q: ParsedQuestion, m: QuizMessages): string {
  const type = q.type === "code" ? "text" : q.type;
  return `quiz.answer(${JSON.stringify(q.id)}, null)  // ${m.answerStub[type]}`;
}

/**
 * The released spec of a question: no answer; hashes (not for code questions, which their tests
 * check) and sealed hints for practice; for graded copies nothing that tells right from wrong,
 * and no spec at all for a code question.
 */
function releasedSpec(q: ParsedQuestion, mode: ReleaseMode, forNbgrader: boolean, lang: QuizLanguage): QuestionSpec | undefined {
  const { answer: _answer, hashes: _h, salt: _s, graded: _g, ...specified } = q.spec;
  // The notebook's language travels with each question: the kernel never sees notebook metadata.
  const rest = lang === "en" || specified.lang ? specified : { ...specified, lang };
  if (mode === "graded") {
    if (q.type === "code") return undefined;
    const { hints: _hints, explanation: _explanation, ...graded } = rest;
    return { ...graded, graded: true };
  }
  const salt = randomBytes(8).toString("hex");
  const hashes = q.type === "code" ? {} : { hashes: authorCanonicals(q).map((c) => hashCanonical(salt, c)) };
  const { hints, explanation, ...visible } = rest;
  const sealed = hints !== undefined || explanation !== undefined ? { sealed: seal({ hints, explanation }, salt) } : {};
  // nbgrader's own copies keep failing checks: a wrong answer there must be an `error` output.
  const practice = forNbgrader ? {} : { practice: true };
  return { ...visible, ...hashes, salt, ...sealed, ...practice };
}

/** A test cell with its spec argument released (or dropped), as releasedSpec decides. */
function releasedTestCell(source: string, mode: ReleaseMode, forNbgrader: boolean, lang: QuizLanguage): string {
  const parsed = parseTestCellSpec(source);
  if (!parsed) return source;
  const spec = releasedSpec(parsed.question, mode, forNbgrader, lang);
  return source.slice(0, parsed.from) + (spec ? `, ${JSON.stringify(spec)}` : "") + source.slice(parsed.to);
}

export function releaseNotebook(source: Notebook, options: ReleaseOptions = {}): Notebook {
  const nb = cloneNotebook(source);
  const mode: ReleaseMode = options.keepSolutions ? "practice" : options.mode ?? source.metadata.tlab?.mode ?? "practice";
  annotateQuizCells(nb);
  const lang = quizLanguage(source.metadata.tlab?.lang);
  const strings = messagesFor(lang);
  const questions = new Map<string, ParsedQuestion>();
  for (const cell of nb.cells) {
    const role = cell.metadata.tlab;
    if (cell.cell_type === "code" && role?.role === "question") {
      const q = parseQuestionCell(cellSource(cell));
      if (q.spec.answer === undefined) throw new QuizSpecError(`Question ${q.id} has no "answer" in the source notebook.`);
      questions.set(q.id, q);
      cell.source = questionCellSource({ ...q, spec: releasedSpec(q, mode, !!options.keepSolutions, lang)! });
      // The student reads the question in its output; the spec is for the kernel.
      cell.metadata.jupyter = { ...(cell.metadata.jupyter as object | undefined), source_hidden: true };
    }
  }
  for (const cell of nb.cells) {
    const role = cell.metadata.tlab;
    const m = cell.metadata.nbgrader;
    if (cell.cell_type === "code" && role?.role === "test") {
      const kept = options.keepSolutions ? cellSource(cell) : stripHiddenTests(cellSource(cell));
      cell.source = releasedTestCell(kept, mode, !!options.keepSolutions, lang);
    }
    if (options.keepSolutions) {
      // nbgrader strips solution regions and computes checksums when it generates the student
      // version; a quiz answer cell becomes one solution region so nbgrader replaces it whole.
      if (cell.cell_type === "code" && role?.role === "answer" && ANSWERED_TYPES.includes(role.type as QuestionType) &&
        !hasSolutionRegion(cellSource(cell))) {
        cell.source = `// BEGIN SOLUTION\n${cellSource(cell)}\n// END SOLUTION`;
      }
      continue;
    }
    if (cell.cell_type === "code") {
      if (role?.role === "answer" && ANSWERED_TYPES.includes(role.type as QuestionType)) {
        const q = questions.get(role.question);
        if (!q) throw new QuizSpecError(`The answer cell of ${role.question} has no question cell (quiz.choice/multiple/numeric/text) before it.`);
        cell.source = hasSolutionRegion(cellSource(cell)) ? stripSolutions(cellSource(cell), strings.codeStub) : answerStub(q, strings);
      } else if (m?.solution) {
        cell.source = mode === "practice" ? stripSolutionsForPractice(cellSource(cell), topLevelDeclarations, strings.codeStub, strings.practiceCodeStub)
          : stripSolutions(cellSource(cell), strings.codeStub);
      } else if (m?.grade && role?.role !== "test") {
        cell.source = stripHiddenTests(cellSource(cell));
      }
      cell.outputs = [];
      cell.execution_count = null;
    } else if (m?.solution) {
      cell.source = hasSolutionRegion(cellSource(cell)) ? stripSolutions(cellSource(cell), strings.codeStub) : strings.writtenAnswerStub;
    }
    stampChecksum(cell);
  }
  nb.metadata.tlab = {
    assignment: options.assignment ?? source.metadata.tlab?.assignment ?? "assignment", mode, released: !options.keepSolutions,
    ...(source.metadata.tlab?.lang ? { lang: source.metadata.tlab.lang } : {}),
  };
  return nb;
}
