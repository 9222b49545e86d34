// A student opens the released lesson 1 in the classic Notebook UI, runs a choice question, answers
// it by clicking and sees the feedback. The screenshot is kept in test-output/lessons-browser/.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { repoRoot, scratchDir } from "../helpers/paths";
import { TLAB, kernelEnv, run } from "./harness";
import { chromium, notebookServer, startClassicNotebook } from "./classic-notebook";

test("lesson 1 in classic Notebook: answering a choice question by clicking shows the feedback", { skip: notebookServer.skip || chromium.skip, timeout: 5 * 60 * 1000 }, async () => {
  const env = kernelEnv();
  const work = scratchDir("lessons-browser");
  const assigned = await run(process.execPath, [TLAB, "assign", path.join(repoRoot, "notebooks", "en", "01-pipeline.ipynb"), "--out", path.join(work, "course")], { env });
  assert.equal(assigned.status, 0, assigned.stderr);

  const notebook = await startClassicNotebook(path.join(work, "course"), env, work);
  try {
    const page = await notebook.open("01-pipeline.ipynb");

    // Run the first question cell, as a student would with Shift+Enter.
    const questionIndex = await page.evaluate(() => {
      const nb = (globalThis as any).Jupyter.notebook;
      const cells = nb.get_cells();
      const i = cells.findIndex((c: any) => c.cell_type === "code" && /^quiz\.choice\("l01-order"/.test(c.get_text()));
      nb.select(i);
      nb.scroll_to_cell(i);
      cells[i].execute();
      return i;
    });
    assert.ok(questionIndex > 0, "the released notebook has the question cell");
    const question = page.locator(".cell").nth(questionIndex);
    await question.locator('button[data-choice="2"]').waitFor({ timeout: 120_000 });
    assert.ok(await question.locator(".input").isHidden(), "the question cell hides its spec once it has run");
    assert.match(await question.locator(".tlab-quiz").innerText(), /^In which order does a text-classification pipeline work\?/);
    await question.locator('button[data-choice="2"]').click();

    const answerCell = page.locator(".cell").nth(questionIndex + 1);
    const feedback = answerCell.locator(".tlab-quiz-feedback");
    await feedback.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(work, "lesson1-choice-answered.png"), fullPage: false });
    const answerSource = await page.evaluate((i) => (globalThis as any).Jupyter.notebook.get_cell(i).get_text(), questionIndex + 1);
    assert.match(answerSource, /quiz\.answer\("l01-order", 2\)/, "the click wrote the answer into the answer cell");
    const feedbackText = await feedback.innerText();
    assert.match(feedbackText, /correct/i, `feedback shown: ${feedbackText}`);
    assert.doesNotMatch(feedbackText, /not yet|incorrect/i);
  } finally {
    await notebook.close();
  }
});
