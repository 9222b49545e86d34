import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium, type Page } from "playwright-core";
import { repoRoot } from "../helpers/paths";
import { systemComponent } from "../helpers/system";
import { notebookServerComponent, startNotebookServer } from "./notebook-server";

const CHROMIUM = "/usr/bin/chromium";
const server = notebookServerComponent();
const browser = systemComponent("Chromium", [CHROMIUM, "--version"], "apt-get install chromium");

/** Code cells' prompts ("In [3]:", "In [*]:", "In [ ]:") in notebook order. */
async function prompts(page: Page): Promise<string[]> {
  return page.$$eval(".code_cell .input_prompt", (els) => els.map((e) => (e.textContent ?? "").replace(/\s+/g, " ").trim()));
}

async function waitUntil(page: Page, what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) {
      await page.screenshot({ path: path.join(repoRoot, "test-output", "kernel-browser", "timeout.png"), fullPage: true });
      throw new Error(`timed out waiting for ${what}; prompts: ${(await prompts(page)).join(" | ")}`);
    }
    await page.waitForTimeout(250);
  }
}

test("classic Notebook in Chromium runs the welcome notebook and draws the chart", { skip: server.skip || browser.skip, timeout: 240_000 }, async () => {
  const notebook = fs.readFileSync(path.join(repoRoot, "notebooks", "00-welcome.ipynb"), "utf8");
  const running = await startNotebookServer("kernel-browser", { "00-welcome.ipynb": notebook });
  const outDir = path.join(repoRoot, "test-output", "kernel-browser");
  const profile = path.join(outDir, "chromium-profile");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.goto(`${running.url}/notebooks/00-welcome.ipynb?token=${running.token}`);
    await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 90_000 });
    assert.match(await page.textContent(".kernel_indicator_name") ?? "", /TypeScript \(Transformers Lab\)/);

    // Cell ▸ Run All, as a student would. The deliberate type error stops the run (stop_on_error)…
    await page.click("#celllink");
    await page.click("#run_all_cells");
    await waitUntil(page, "the run to stop at the type error", 120_000, async () =>
      (await page.$$(".output_error")).length > 0 && (await page.$("#kernel_indicator_icon.kernel_idle_icon")) !== null);
    // …so the student runs the rest from the cell after it (Cell ▸ Run All Below).
    const errorCell = await page.$$eval(".code_cell", (cells) => cells.findIndex((c) => c.querySelector(".output_error")));
    await page.$$eval(".code_cell", (cells, i) => (cells[i + 1].querySelector(".input_prompt") as unknown as { click(): void }).click(), errorCell);
    await page.click("#celllink");
    await page.click("#run_all_cells_below");
    await waitUntil(page, "every cell to run", 120_000, async () => {
      const p = await prompts(page);
      return p.every((x) => /In\s*\[\d+\]/.test(x)) && (await page.$("#kernel_indicator_icon.kernel_idle_icon")) !== null;
    });

    // The chart drew: plotly built its SVG inside the output.
    await page.waitForSelector(".output_area .js-plotly-plot .main-svg", { timeout: 30_000 });
    const traces = await page.$$eval(".output_area .js-plotly-plot .scatterlayer .trace", (els) => els.length);
    assert.equal(traces, 2, "both lines of the chart are drawn");
    assert.equal(await page.$eval(".output_area .js-plotly-plot .gtitle", (el) => el.textContent), "Waves");
    const progress = await page.$eval(".output_area .tlab-progress", (el) => el.textContent ?? "");
    assert.match(progress, /30\/30/);
    const errorText = await page.$eval(".output_error", (el) => el.textContent ?? "");
    assert.match(errorText, /Type 'string' is not assignable to type 'number'/);
    assert.match(await page.$$eval(".output_result", (els) => els.map((e) => e.textContent).join("\n")), /'transformers'/);
    assert.deepEqual(pageErrors, [], "no JavaScript errors on the page");

    await page.screenshot({ path: path.join(outDir, "welcome.png"), fullPage: true });
    const chart = await page.$(".output_area .js-plotly-plot");
    await chart!.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, "welcome-chart.png") });
  } finally {
    await context.close();
    await running.stop();
  }
});
