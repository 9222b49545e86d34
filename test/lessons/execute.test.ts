// Every lesson, in English and in Korean, runs clean through nbclient on the transformers-lab
// kernel, and every quiz question in it is answered correctly by the instructor's answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, scratchDir } from "../helpers/paths";
import { lessons } from "../../notebooks/src/index";
import { cellText, errorOutputs, executeNotebook, jupyter, kernelEnv, quizFeedback, readNotebook } from "./harness";

const LANGUAGES = ["en", "ko"] as const;

test("every lesson runs clean through nbclient, in both languages", { skip: jupyter.skip, concurrency: 2, timeout: 30 * 60 * 1000 }, async (t) => {
  const env = kernelEnv();
  const runs = lessons.flatMap((lesson) => LANGUAGES.map((lang) => ({ lesson: lesson.name, lang })));
  await Promise.all(
    runs.map(({ lesson, lang }) =>
      t.test(`${lang}/${lesson}`, async (sub) => {
        const workDir = scratchDir(path.join("lessons-execute", lang, lesson));
        const { output, result } = await executeNotebook(path.join(repoRoot, "notebooks", lang, `${lesson}.ipynb`), workDir, env);
        sub.diagnostic(`${lang}/${lesson}: ${result.seconds.toFixed(1)} s`);
        assert.equal(result.status, 0, `nbconvert failed:\n${result.stderr.slice(-4000)}`);
        // A lesson writes into a scratch folder of its own, never next to the notebook.
        assert.deepEqual(fs.readdirSync(workDir).sort(), [path.basename(output), `${lesson}.ipynb`].sort(), "files left next to the notebook");
        const nb = readNotebook(output);
        assert.deepEqual(errorOutputs(nb), [], "no cell may raise");
        const codeCells = nb.cells.filter((c) => c.cell_type === "code");
        assert.ok(codeCells.every((c) => (c.metadata.execution?.["iopub.status.idle"] ?? true) && (c as any).execution_count !== null), "every code cell ran");
        // Every figure the prose cites is what the notebook computed.
        const source = lessons.find((l) => l.name === lesson)!;
        source.cells.forEach((cell, index) => {
          if (cell.kind !== "code" || !cell.figures) return;
          const id = `${lesson}-${String(index).padStart(3, "0")}`;
          const ran = nb.cells.find((c) => c.id === id);
          assert.ok(ran, `cell ${id} is in the notebook`);
          const shown = (ran.outputs ?? []).map((o) => [o.data?.["text/plain"] ?? o.text ?? ""].flat().join("")).join("\n");
          for (const [name, value] of Object.entries(cell.figures)) {
            const expected = `${name}: ${typeof value === "string" ? `'${value}'` : String(value)}`;
            assert.ok(shown.includes(expected), `${id}: the prose cites ${expected}, the output shows:\n${shown}`);
          }
        });
        for (const cell of nb.cells) {
          const role = cell.metadata.tlab?.role;
          const answered = role === "answer" && cell.metadata.tlab.type !== "code";
          if (!answered && role !== "test") continue;
          const statuses = quizFeedback(cell).map((f) => f.status);
          assert.ok(
            statuses.includes(role === "test" ? "passed" : "correct"),
            `${cell.metadata.tlab.question}: the instructor's answer should be accepted (got ${JSON.stringify(statuses)}) in:\n${cellText(cell)}`,
          );
        }
      }),
    ),
  );
});
