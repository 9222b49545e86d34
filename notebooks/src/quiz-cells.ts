// How one question becomes notebook cells, following docs/quiz-format.md.
import { Bilingual, Question, pick } from "./lesson";
import { NotebookCell, codeCell, markdownCell } from "./render";

type Language = keyof Bilingual;

export function renderQuestion(q: Question, number: number, lang: Language): NotebookCell[] {
  const heading = lang === "en" ? `### Question ${number}` : `### 문제 ${number}`;
  const cells: NotebookCell[] = [markdownCell(`${q.id}-prompt`, `${heading}\n\n${q.prompt[lang]}`)];
  switch (q.type) {
    case "choice":
    case "multiple": {
      const options = q.options.map((o, i) => `${i + 1}. ${o[lang]}`).join("\n");
      const answer = q.type === "choice" ? String(q.answer + 1) : `[${q.answer.map((a) => a + 1).join(", ")}]`;
      cells.push(codeCell(q.id, `// ${options.split("\n").join("\n// ")}\nanswer("${q.id}", ${answer});`));
      break;
    }
    case "numeric":
      cells.push(codeCell(q.id, `answer("${q.id}", ${q.answer});`));
      break;
    case "text":
      cells.push(codeCell(q.id, `answer("${q.id}", ${JSON.stringify(q.answers[0])});`));
      break;
    case "code":
      cells.push(codeCell(q.id, pick(q.solution, lang)));
      cells.push(codeCell(`${q.id}-tests`, q.tests + (q.hidden_tests ? `\n// BEGIN HIDDEN TESTS\n${q.hidden_tests}\n// END HIDDEN TESTS` : "")));
      break;
  }
  return cells;
}
