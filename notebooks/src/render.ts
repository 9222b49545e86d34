// Turns a single-source lesson into the notebook of one language (nbformat 4.5).
import { Bilingual, Cell, Lesson, Question, pickCode } from "./lesson";
import { renderQuestion } from "./quiz-cells";

export type Language = keyof Bilingual;

export interface NotebookCell {
  cell_type: "markdown" | "code";
  id: string;
  metadata: Record<string, unknown>;
  source: string[];
  execution_count?: null;
  outputs?: unknown[];
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: 4;
  nbformat_minor: 5;
}

/** nbformat stores source as lines that keep their newline, except the last. */
export function sourceLines(text: string): string[] {
  const lines = text.split("\n");
  return lines.map((line, i) => (i < lines.length - 1 ? line + "\n" : line)).filter((l) => l !== "");
}

export function markdownCell(id: string, text: string, metadata: Record<string, unknown> = {}): NotebookCell {
  return { cell_type: "markdown", id, metadata, source: sourceLines(text) };
}

export function codeCell(id: string, text: string, metadata: Record<string, unknown> = {}): NotebookCell {
  return { cell_type: "code", execution_count: null, id, metadata, outputs: [], source: sourceLines(text) };
}

export function renderLesson(lesson: Lesson, lang: Language): Notebook {
  const cells: NotebookCell[] = [];
  let questionNumber = 0;
  lesson.cells.forEach((cell: Cell, index: number) => {
    const id = `${lesson.name}-${String(index).padStart(3, "0")}`;
    if (cell.kind === "markdown") cells.push(markdownCell(id, cell.text[lang]));
    else if (cell.kind === "code") cells.push(codeCell(id, pickCode(cell.source, lang)));
    else cells.push(...renderQuestion(cell.question as Question, ++questionNumber, lang));
  });
  return {
    cells,
    metadata: {
      kernelspec: { display_name: "TypeScript (Transformers Lab)", language: "typescript", name: "transformers-lab" },
      language_info: { file_extension: ".ts", mimetype: "text/typescript", name: "typescript" },
      title: lesson.title[lang],
      // The quiz's strings (feedback, stubs) follow the lesson's language.
      tlab: { lang },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}
