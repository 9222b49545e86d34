// A student opens the released lesson 1 in the classic Notebook UI, runs a choice question, answers
// it by clicking and sees the feedback. The screenshot is kept in test-output/lessons-browser/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { PYTHON, systemComponent } from "../helpers/system";
import { repoRoot, scratchDir } from "../helpers/paths";
import { TLAB, kernelEnv, run } from "./harness";

const notebookServer = systemComponent("the classic Jupyter Notebook", [PYTHON, "-c", "import notebook.notebookapp"], "apt-get install jupyter-notebook");
const chromium = systemComponent("Chromium", ["/usr/bin/chromium", "--version"], "apt-get install chromium");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

test("lesson 1 in classic Notebook: answering a choice question by clicking shows the feedback", { skip: notebookServer.skip || chromium.skip, timeout: 5 * 60 * 1000 }, async () => {
  const { chromium: playwright } = await import("playwright-core");
  const env = kernelEnv();
  const work = scratchDir("lessons-browser");
  const assigned = await run(process.execPath, [TLAB, "assign", path.join(repoRoot, "notebooks", "en", "01-pipeline.ipynb"), "--out", path.join(work, "course")], { env });
  assert.equal(assigned.status, 0, assigned.stderr);

  const port = await freePort();
  let server: ChildProcess | null = null;
  const browser = await playwright.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    // launch() gives every run a fresh, empty profile of its own.
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    server = spawn(
      PYTHON,
      ["-m", "notebook", "--no-browser", "--allow-root", `--port=${port}`, "--ip=127.0.0.1", "--NotebookApp.token=", "--NotebookApp.password=", `--notebook-dir=${path.join(work, "course")}`],
      { env, stdio: ["ignore", fs.openSync(path.join(work, "server.log"), "w"), fs.openSync(path.join(work, "server.err.log"), "w")] },
    );
    await waitForHttp(`http://127.0.0.1:${port}/api`, 60_000);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/notebooks/01-pipeline.ipynb`);
    await page.waitForFunction(() => {
      const w = globalThis as any;
      return w.Jupyter?.notebook?.kernel?.is_connected?.() && w.Jupyter.notebook.kernel_selector?.current_selection === "transformers-lab";
    }, undefined, { timeout: 120_000 });

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
    await browser.close();
    server?.kill("SIGTERM");
  }
});
