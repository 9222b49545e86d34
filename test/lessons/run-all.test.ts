// Acceptance: a student's practice copies, as `tlab lab` writes them, run from top to bottom with
// "Run All" in the classic Notebook that Debian ships. Every code cell runs, no cell fails except the
// ones tagged `raises-exception`, and every chart draws. Screenshots: test-output/lessons-run-all/.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, scratchDir } from "../helpers/paths";
import { prepareStudentWorkspace } from "../../cli/workspace";
import { kernelEnv } from "./harness";
import { chromium, notebookServer, startClassicNotebook } from "./classic-notebook";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const HANGUL = /[\uac00-\ud7a3]/;

/** What the page knows about one code cell after the run. */
interface CellReport {
  index: number;
  count: number | string | null;
  tags: string[];
  role?: string;
  errors: string[];
  plots: number;
  drawn: number;
  sourceHidden: boolean;
  callsPlot: boolean;
  text: string;
}

test("every practice copy runs to the end with Run All in the classic Notebook", { skip: notebookServer.skip || chromium.skip, timeout: 40 * 60 * 1000 }, async (t) => {
  const env = kernelEnv();
  const work = scratchDir("lessons-run-all");
  const course = path.join(work, "course");
  const { created } = prepareStudentWorkspace(path.join(repoRoot, "notebooks"), course);
  const lessons = fs.readdirSync(path.join(repoRoot, "notebooks", "en")).filter((f) => f.endsWith(".ipynb"));
  assert.deepEqual(created.sort(), ["00-welcome.ipynb", ...lessons.map((f) => `en/${f}`), ...lessons.map((f) => `ko/${f}`)].sort());

  const notebook = await startClassicNotebook(course, env, work);
  try {
    for (const rel of created) {
      await t.test(rel, async (sub) => {
        const started = Date.now();
        const page = await notebook.open(rel);
        try {
          await page.locator("#celllink").click();
          await page.locator("#run_all_cells > a").click();
          // Done when no cell waits or runs any more and the kernel has been idle for a moment.
          await page.waitForFunction(() => {
            const w = globalThis as any;
            const nb = w.Jupyter.notebook;
            const running = nb.get_cells().some((c: any) => c.cell_type === "code" && c.input_prompt_number === "*");
            const idle = nb.kernel && !nb.kernel_busy && w.document.querySelector("#kernel_indicator_icon.kernel_idle_icon");
            if (running || !idle) { w.__idleSince = undefined; return false; }
            w.__idleSince ??= Date.now();
            return Date.now() - w.__idleSince > 2000;
          }, undefined, { timeout: 10 * 60 * 1000, polling: 250 });
          // Charts draw after their output arrives: give plotly a moment to finish.
          await page.waitForFunction(() => {
            const cells = (globalThis as any).Jupyter.notebook.get_cells();
            return cells.every((c: any) => c.cell_type !== "code" || c.output_area.outputs.every((o: any) => !o.data?.["application/vnd.plotly.v1+json"]) ||
              c.element[0].querySelectorAll(".js-plotly-plot .main-svg").length > 0);
          }, undefined, { timeout: 60_000 }).catch(() => undefined);
          sub.diagnostic(`${rel}: ${((Date.now() - started) / 1000).toFixed(1)} s in the browser`);
          await page.screenshot({ path: path.join(work, `${rel.replace(/[\\/]/g, "-")}.png`) });

          const cells: CellReport[] = await page.evaluate((plotlyMime) => {
            const nb = (globalThis as any).Jupyter.notebook;
            return nb.get_cells().flatMap((c: any, index: number) => {
              if (c.cell_type !== "code") return [];
              const outputs: any[] = c.output_area.outputs;
              const root = c.element[0];
              const input = root.querySelector(".input");
              return [{
                index,
                count: c.input_prompt_number ?? null,
                tags: c.metadata.tags ?? [],
                role: c.metadata.tlab?.role,
                errors: outputs.filter((o) => o.output_type === "error").map((o) => `${o.ename}: ${o.evalue}`),
                plots: outputs.filter((o) => o.data?.[plotlyMime]).length,
                drawn: [...root.querySelectorAll(".js-plotly-plot")].filter((p: any) => {
                  const svg = p.querySelector(".main-svg");
                  // A trace drew marks: lines, points or bars are paths, a heatmap is an image.
                  return svg && svg.getBoundingClientRect().width > 100 && p.querySelectorAll(".trace path, .heatmaplayer image").length > 0;
                }).length,
                sourceHidden: !input || input.offsetParent === null,
                callsPlot: /\bplot\(/.test(c.get_text()),
                text: outputs.map((o) => o.text ?? o.data?.["text/plain"] ?? "").join("\n"),
              }];
            });
          }, PLOTLY_MIME);

          assert.ok(cells.length > 0, "the notebook has code cells");
          const notRun = cells.filter((c) => typeof c.count !== "number").map((c) => `cell ${c.index}: ${JSON.stringify(c.count)}`);
          assert.deepEqual(notRun, [], "every code cell has an execution count");
          const errors = cells.filter((c) => c.errors.length > 0 && !c.tags.includes("raises-exception")).map((c) => `cell ${c.index}: ${c.errors.join("; ")}`);
          assert.deepEqual(errors, [], "no error outputs outside cells tagged raises-exception");
          for (const c of cells.filter((c) => c.tags.includes("raises-exception"))) {
            assert.ok(c.errors.length > 0, `cell ${c.index} is tagged raises-exception and shows its error`);
          }
          const plots = cells.reduce((n, c) => n + c.plots, 0);
          const undrawn = cells.filter((c) => c.drawn < c.plots).map((c) => `cell ${c.index}: ${c.drawn} of ${c.plots} drawn`);
          assert.deepEqual(undrawn, [], "every chart drew");
          sub.diagnostic(`${rel}: ${cells.length} code cells, ${plots} charts drawn`);
          const silent = cells.filter((c) => c.callsPlot && c.drawn === 0).map((c) => `cell ${c.index}`);
          assert.deepEqual(silent, [], "every cell that calls plot() shows its chart");
          if (rel !== "00-welcome.ipynb") {
            const questions = cells.filter((c) => c.role === "question");
            assert.ok(questions.length > 0 && questions.every((c) => c.sourceHidden), "question cells hide their source");
            const checks = cells.filter((c) => c.role === "check").map((c) => c.text);
            assert.ok(checks.length > 0 && checks.every((text) => text.trim() !== ""), "every check shows where its question stands");
            if (rel.startsWith("ko/")) {
              assert.ok(checks.every((text) => HANGUL.test(text)), `Korean checks speak Korean: ${checks[0]}`);
            }
          }
        } finally {
          await page.close();
        }
      });
    }
  } finally {
    await notebook.close();
  }
});
