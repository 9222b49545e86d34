import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot, scratchDir } from "../helpers/paths";
import { PYTHON } from "../helpers/system";
import { jupyterClient } from "./jupyter";

const tlab = path.join(repoRoot, "bin", "tlab.js");
const jupyter = jupyterClient("jupyter_client", "jupyter-client");

function runTlab(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  return spawnSync(process.execPath, [tlab, ...args], { encoding: "utf8", env: options.env ?? process.env, cwd: options.cwd ?? repoRoot, timeout: 170_000 });
}

test("tlab install --prefix writes a kernelspec with absolute paths that Jupyter lists", { skip: jupyter.skip }, () => {
  const prefix = scratchDir("cli-install");
  const r = runTlab(["install", "--prefix", prefix]);
  assert.equal(r.status, 0, r.stderr);
  const dir = path.join(prefix, "share", "jupyter", "kernels", "transformers-lab");
  const spec = JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8"));
  assert.equal(spec.display_name, "TypeScript (Transformers Lab)");
  assert.equal(spec.language, "typescript");
  assert.equal(spec.interrupt_mode, "message");
  assert.equal(spec.argv[spec.argv.length - 1], "{connection_file}");
  for (const part of spec.argv.slice(0, -1)) {
    assert.ok(path.isAbsolute(part), `${part} is absolute`);
    assert.ok(fs.existsSync(part), `${part} exists`);
  }
  for (const logo of ["logo-32x32.png", "logo-64x64.png"]) {
    assert.deepEqual([...fs.readFileSync(path.join(dir, logo)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${logo} is a PNG`);
  }
  const listed = spawnSync(PYTHON, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], {
    encoding: "utf8", env: { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter") },
  });
  assert.equal(listed.status, 0, listed.stderr);
  const specs = JSON.parse(listed.stdout).kernelspecs;
  assert.equal(specs["transformers-lab"].resource_dir, dir);
});

test("tlab lab without Jupyter says exactly how to get it", () => {
  const emptyPath = scratchDir("cli-no-jupyter");
  const r = runTlab(["lab"], { env: { ...process.env, PATH: emptyPath } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /apt-get install jupyter-notebook/);
  assert.match(r.stderr, /pip install jupyterlab/);
});

test("tlab rejects unknown commands and options with a usage message", () => {
  const unknown = runTlab(["fly"]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command: fly/);
  const both = runTlab(["install", "--user", "--prefix", "/tmp/x"]);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /choose one of/);
  assert.match(runTlab(["--help"]).stdout, /tlab run NOTEBOOK/);
});

test("tlab run executes a notebook in a folder outside the package, where `import … from \"transformers-lab\"` still works", { timeout: 180_000 }, () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-outside-"));
  try {
    const notebook = {
      nbformat: 4, nbformat_minor: 5,
      metadata: { kernelspec: { name: "transformers-lab", display_name: "TypeScript (Transformers Lab)", language: "typescript" } },
      cells: [
        'import { Tensor as ExplicitTensor } from "transformers-lab";\nExplicitTensor === Tensor',
        'const t: ExplicitTensor = Tensor.from([1, 2, 3], "float32");\nt.shape',
        'const Tensor = "shadowed by the student";\nTensor',
      ].map((source, i) => ({ id: `cell-${i}`, cell_type: "code", metadata: {}, source, outputs: [], execution_count: null })),
    };
    fs.writeFileSync(path.join(outside, "outside.ipynb"), JSON.stringify(notebook));
    const r = runTlab(["run", "outside.ipynb", "--out", "executed.ipynb"], { cwd: outside });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const executed = JSON.parse(fs.readFileSync(path.join(outside, "executed.ipynb"), "utf8"));
    const results = executed.cells.map((c: { outputs: Array<{ output_type: string; data?: Record<string, unknown> }> }) => {
      const out = c.outputs.find((o) => o.output_type === "execute_result");
      return out ? [out.data!["text/plain"]].flat().join("") : c.outputs.map((o) => o.output_type).join(",");
    });
    assert.deepEqual(results, ["true", "[ 3 ]", "'shadowed by the student'"]);
    assert.deepEqual(executed.cells.map((c: { execution_count: number }) => c.execution_count), [1, 2, 3]);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test("object shorthand and destructuring reach variables declared in earlier cells", { timeout: 180_000 }, () => {
  const dir = scratchDir("kernel-shorthand");
  const cells = [
    "const a = 1;\nlet b = 2;",
    "({ a, b })",
    "const o = { a, c: 3 };\no.a + o.c",
    "let x = 0, y = 0;\n({ x, y = 5 } = { x: 7 } as { x: number; y?: number });\n[x, y]",
  ];
  const notebook = {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "transformers-lab", display_name: "TypeScript (Transformers Lab)", language: "typescript" } },
    cells: cells.map((source, i) => ({ id: `cell-${i}`, cell_type: "code", metadata: {}, source, outputs: [], execution_count: null })),
  };
  fs.writeFileSync(path.join(dir, "shorthand.ipynb"), JSON.stringify(notebook));
  const r = runTlab(["run", "shorthand.ipynb", "--out", "executed.ipynb"], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const executed = JSON.parse(fs.readFileSync(path.join(dir, "executed.ipynb"), "utf8"));
  const results = executed.cells.slice(1).map((c: { outputs: Array<{ output_type: string; data?: Record<string, unknown> }> }) =>
    [c.outputs.find((o) => o.output_type === "execute_result")?.data?.["text/plain"] ?? "no result"].flat().join(""));
  assert.deepEqual(results, ["{ a: 1, b: 2 }", "4", "[ 7, 5 ]"]);
});

test("tlab lab gives students practice copies of the course without answers, and never overwrites their work", () => {
  const dir = scratchDir("cli-student-workspace");
  const env = { ...process.env, TLAB_COURSE_DIR: dir };
  const first = runTlab(["lab", "--prepare-only"], { env });
  assert.equal(first.status, 0, first.stderr);
  const lessons = ["en", "ko"].flatMap((lang) => fs.readdirSync(path.join(dir, lang)).map((f) => path.join(lang, f)));
  assert.ok(fs.existsSync(path.join(dir, "00-welcome.ipynb")));
  assert.equal(lessons.length, fs.readdirSync(path.join(repoRoot, "notebooks", "en")).length * 2);
  for (const rel of lessons) {
    const nb = JSON.parse(fs.readFileSync(path.join(dir, rel), "utf8"));
    for (const cell of nb.cells) {
      const role = cell.metadata?.tlab?.role;
      const source = [cell.source].flat().join("");
      if (role === "question") assert.doesNotMatch(source, /"answer"\s*:/, `${rel}: a question cell still holds its answer`);
      if (role === "answer" && /quiz\.answer\(/.test(source)) assert.match(source, /quiz\.answer\("[^"]+", null\)/, `${rel}: an answer cell is not blank`);
      assert.doesNotMatch(source, /BEGIN HIDDEN TESTS/, `${rel}: hidden tests leaked`);
    }
  }
  const mine = path.join(dir, lessons[0]);
  fs.writeFileSync(mine, fs.readFileSync(mine, "utf8").replace("null)", "2)"));
  const edited = fs.readFileSync(mine, "utf8");
  const second = runTlab(["lab", "--prepare-only"], { env });
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /never overwritten/);
  assert.equal(fs.readFileSync(mine, "utf8"), edited);
});
