import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../helpers/paths";
import { PYTHON } from "../helpers/system";
import { jupyterClient, privateJupyter } from "./jupyter";

const component = jupyterClient("nbclient", "python3-nbclient python3-nbconvert");

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  text?: string;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}

const text = (v: unknown) => (Array.isArray(v) ? v.join("") : String(v));

test("nbclient runs the welcome notebook with execution counts and the expected outputs", { skip: component.skip, timeout: 180_000 }, () => {
  const { dir, env } = privateJupyter("welcome-notebook");
  const input = path.join(dir, "00-welcome.ipynb");
  fs.copyFileSync(path.join(repoRoot, "notebooks", "00-welcome.ipynb"), input);
  const r = spawnSync(PYTHON, ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=120", "--output", "executed.ipynb", input],
    { env, cwd: dir, encoding: "utf8", timeout: 170_000 });
  assert.equal(r.status, 0, r.stderr);
  const nb = JSON.parse(fs.readFileSync(path.join(dir, "executed.ipynb"), "utf8")) as { cells: Cell[] };
  const code = nb.cells.filter((c) => c.cell_type === "code");
  assert.deepEqual(code.map((c) => c.execution_count), code.map((_, i) => i + 1), "every cell ran once, in order");

  const find = (needle: string) => {
    const cell = code.find((c) => text(c.source).includes(needle));
    assert.ok(cell, `no cell contains ${needle}`);
    return cell.outputs ?? [];
  };
  const result = (outputs: Output[]) => outputs.find((o) => o.output_type === "execute_result");

  assert.equal(text(result(find("greeting.toUpperCase()"))?.data?.["text/plain"]), "'HELLO, TRANSFORMERS LAB!'");
  const squares = find("squares.reduce");
  assert.deepEqual(squares.map((o) => o.output_type), ["stream", "execute_result"]);
  assert.equal(text(squares[0].text), "squares: 1, 4, 9, 16, 25\n");
  assert.equal(text(result(squares)?.data?.["text/plain"]), "55");

  assert.ok(result(find("const scores = Tensor.from")), "the tensor is shown");
  assert.match(text(result(find("Dataset.from_dict"))?.data?.["text/html"]), /<table/);

  const chart = result(find("plot("))!;
  assert.ok(chart.data?.["application/vnd.plotly.v1+json"], "plotly JSON");
  assert.match(text(chart.data?.["text/html"]), /window\.Plotly/);

  const progress = find("new ProgressBar");
  assert.equal(progress.length, 1, "the progress bar is one output updated in place");
  assert.equal(progress[0].output_type, "display_data");
  assert.match(text(progress[0].data?.["text/plain"]), /warming up: 100%\|█+\| 30\/30/);

  const typeError = find('const epochs: number = "three"');
  assert.equal(typeError.length, 1);
  assert.equal(typeError[0].output_type, "error");
  assert.equal(typeError[0].ename, "TSError");
  assert.match(String(typeError[0].evalue), /1:7 - Type 'string' is not assignable to type 'number'/);
  assert.equal(text(result(find("epochs * 2"))?.data?.["text/plain"]), "6");

  assert.match(text(result(find("tokenizer.tokenize("))?.data?.["text/plain"]), /'transformers'/);
  assert.match(text(result(find("skip_special_tokens"))?.data?.["text/plain"]), /transformers lab runs real models in your notebook/);
});
