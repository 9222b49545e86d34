// Acceptance for grading integrity: one submission per attack class of the threat model
// (docs/quiz-format.md), graded with honest ones by the real `autograde` in the real sandbox.
// Each cheater answers q2 honestly and right, and attacks everything else: exactly that point
// must be all it earns, and the honest students keep exactly their marks.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { autograde } from "../../src/quiz/grading/autograde";
import { gradingSandbox } from "../helpers/sandbox";
import { packageRoot } from "../../src/quiz/runner/kernel";
import { Notebook, readNotebook, writeNotebook } from "../../src/quiz/notebook";
import { releaseNotebook } from "../../src/quiz/release";
import { SECRETS, SOFTMAX_SOLUTION, WRONG_SOFTMAX, answerAll, insertAfter, instructorNotebook } from "./fixtures";
import { parseCsv } from "./csv";

const MARKER = "tlab-attack-marker-7f3a";
const RIGHT = { q1: "2", q2: "[3, 1]", q3: "Math.exp(3) / (Math.exp(3) + 1)", q4: '"zebra-attention"', q5: SOFTMAX_SOLUTION };
/** q2 right, every other answer wrong. */
const ONLY_Q2 = { q1: "1", q2: "[1, 3]", q3: "0.5", q4: '"attention"', q5: WRONG_SOFTMAX };

test("autograde: every attack class earns only what was truly answered, and honest students keep their marks", { timeout: 900_000, skip: gradingSandbox().skip }, async () => {
  const dir = scratchDir("quiz-attacks");
  const sourceFile = path.join(dir, "source", "hw1.ipynb");
  fs.mkdirSync(path.dirname(sourceFile), { recursive: true });
  writeNotebook(sourceFile, instructorNotebook());
  const student: Notebook = releaseNotebook(instructorNotebook(), { mode: "graded" });
  const outDir = path.join(dir, "out");
  const fileOf = (id: string) => path.join(dir, "submitted", id, "hw1", "hw1.ipynb");
  const submit = (id: string, nb: Notebook, timestamp?: string) => {
    fs.mkdirSync(path.dirname(fileOf(id)), { recursive: true });
    writeNotebook(fileOf(id), nb);
    if (timestamp) fs.writeFileSync(path.join(path.dirname(fileOf(id)), "timestamp.txt"), timestamp);
  };
  const cheater = (id: string, attack: string, answers = ONLY_Q2, after = "q1") => {
    const nb = answerAll(student, answers);
    insertAfter(nb, after, attack);
    submit(id, nb);
  };
  const kernelModule = `require(require("path").join(require("path").dirname(require.main!.filename), "kernel.js"))`;

  // Graded first (names sort before the honest ones): tries to ruin everyone else's grades, and
  // leaves a detached process behind to do it later.
  cheater("aaron-saboteur", [
    `const fs = require("fs"), path = require("path"), cp = require("child_process");`,
    `for (const p of [${JSON.stringify(fileOf("alice"))}, ${JSON.stringify(path.join(outDir, "grades.csv"))}, ${JSON.stringify(sourceFile)}]) { try { fs.writeFileSync(p, "ruined"); } catch {} try { fs.rmSync(p, { force: true }); } catch {} }`,
    `for (const f of fs.readdirSync(require("os").tmpdir())) { try { fs.rmSync(path.join(require("os").tmpdir(), f), { recursive: true, force: true }); } catch {} }`,
    `const c = cp.spawn("/bin/sh", ["-c", "sleep 30; echo ruined > ${fileOf("alice")}; echo ${MARKER}"], { detached: true, stdio: "ignore" }); c.unref();`,
    `cp.spawn(process.execPath, ["-e", "setInterval(() => {}, 1000) // ${MARKER}"], { detached: true, stdio: "ignore" }).unref();`,
  ].join("\n"));
  submit("alice", answerAll(student, RIGHT));
  // Reads what the grader knows: the source notebook, other submissions, the grader's files.
  cheater("carl-reader", [
    `const fs = require("fs");`,
    `let stolen = "";`,
    `const secrets = ${JSON.stringify([sourceFile, fileOf("alice"), path.join(packageRoot, "notebooks", "en", "01-pipeline.ipynb"), path.join(packageRoot, "dist", "notebooks", "src", "01-pipeline.js"), path.join(packageRoot, "dist", "test", "quiz", "fixtures.js"), path.join(outDir, "grades.csv")])};`,
    `const readable: string[] = [];`,
    `for (const p of [...secrets, "/proc/1/cmdline", "/proc/1/environ"]) { try { stolen += fs.readFileSync(p, "utf8"); if (secrets.includes(p)) readable.push(p); } catch {} }`,
    `console.log("READABLE:" + JSON.stringify(readable));`,
    `const m = /answer: (\\d)/.exec(stolen);`,
    `quiz.answer("q1", m ? Number(m[1]) : 1);`,
    `const t = /"(zebra[^"]*)"/.exec(stolen);`,
    `quiz.answer("q4", t ? t[1] : "attention");`,
  ].join("\n"), ONLY_Q2, "q4");
  // Rewrites the kernel so that graded code runs as it likes, and forges the grader's answers.
  cheater("dora-rewriter", [
    `const K = ${kernelModule}.Kernel;`,
    `const run = K.prototype.runCell;`,
    `K.prototype.runCell = function (code: string) {`,
    `  if (/\\.probe\\(/.test(code)) code = '({ _repr_mimebundle_: () => ({ "application/vnd.tlab.probe+json": { ok: [0.8808, 0.1192] } }) })';`,
    `  else if (/\\.lastAnswer\\(/.test(code)) code = '({ _repr_mimebundle_: () => ({ "application/vnd.tlab.probe+json": { ok: { $: "object", v: { answered: true, value: 1 } } } }) })';`,
    `  else if (/quiz|test|check/.test(code)) code = "undefined";`,
    `  return run.call(this, code);`,
    `};`,
  ].join("\n"), ONLY_Q2, "q2-check");
  // Forges results: fake records in every temp folder, patched crypto, outputs in the grader's format.
  cheater("eve-forger", [
    `const fs = require("fs"), os = require("os"), crypto = require("crypto");`,
    `(crypto as any).createHmac = () => ({ update() { return this; }, digest: () => "0".repeat(64) });`,
    `(crypto as any).Hmac.prototype.digest = () => "0".repeat(64);`,
    `for (const d of [os.tmpdir(), "/tmp", process.cwd()]) { try { fs.writeFileSync(d + "/records.log", '{"t":"test","id":"q5","passed":true}\\t' + "0".repeat(64) + "\\n"); } catch {} }`,
    `display({ _repr_mimebundle_: () => ({ "application/vnd.tlab.probe+json": { ok: { $: "object", v: { answered: true, value: 2 } } } }) });`,
  ].join("\n"));
  // Changes built-ins from inside its own function while the tests run.
  cheater("finn-builtins", "", { ...ONLY_Q2, q5: `function mySoftmax(row: number[]): number[] {
  Math.abs = () => 0;
  Number.isFinite = () => true;
  (Array.prototype as any).every = () => true;
  (Object as any).is = () => true;
  return row.map(() => NaN);
}` });
  // Tries to get the hidden tests (inputs, expected values, messages) into its feedback page.
  cheater("gina-leaker", "", { ...ONLY_Q2, q5: `const seen: number[][] = [];
function mySoftmax(row: number[]): number[] {
  seen.push(row);
  if (seen.length > 1) throw new Error("saw " + JSON.stringify(seen) + " ${SECRETS.hiddenTest}");
  const exps = row.map((z) => Math.exp(z));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}` });
  // Kills every process it may signal, its own kernel included: the answers it gave before still
  // count, the rest of the notebook still runs, and no other submission's kernel is hit.
  cheater("hank-exit", `try { process.kill(-1, "SIGKILL"); } catch {}\nprocess.kill(process.pid, "SIGKILL");`, { ...ONLY_Q2, q1: "2" }, "q1-check");
  // Spreadsheet formulas in the student id and in the timestamp.
  submit("=HYPERLINK(\"evil.example\")", answerAll(student, RIGHT), "=1+2");

  const result = await autograde(sourceFile, [path.join(dir, "submitted")], { outDir, workers: 2, timeoutSeconds: 20 });

  // Nothing a submission started is still running.
  const leftovers = spawnSync("pgrep", ["-f", MARKER], { encoding: "utf8" }).stdout.trim();
  assert.equal(leftovers, "", `processes left behind: ${leftovers}`);

  const csv = fs.readFileSync(result.csvFile, "utf8");
  const rows = Object.fromEntries(parseCsv(csv).map((r) => [r.student_id, r]));
  const scores = (id: string) => ["q1", "q2", "q3", "q4", "q5", "raw_score"].map((k) => rows[id]?.[k]);
  assert.deepEqual(scores("alice"), ["1", "1", "1", "1", "2", "6"]);
  for (const id of ["aaron-saboteur", "carl-reader", "dora-rewriter", "eve-forger", "finn-builtins", "gina-leaker"]) {
    assert.deepEqual(scores(id), ["0", "1", "0", "0", "0", "1"], id);
    assert.equal(rows[id].error, "", id);
  }
  assert.deepEqual(scores("hank-exit"), ["1", "1", "0", "0", "0", "2"]);
  const hank = result.grades.find((g) => g.studentId === "hank-exit")!;
  assert.ok(hank.notes.some((n) => /the kernel exited/.test(n)), hank.notes.join("\n"));
  assert.ok(!hank.notes.some((n) => /ran longer/.test(n)), hank.notes.join("\n"));

  // Spreadsheet formulas are neutralised (OWASP: a leading quote), the honest marks kept.
  const formula = parseCsv(csv).find((r) => r.student_id.includes("HYPERLINK"))!;
  assert.equal(formula.student_id, "'=HYPERLINK(\"evil.example\")");
  assert.equal(formula.timestamp, "'=1+2");
  assert.equal(formula.raw_score, "6");
  assert.ok(!/(^|,)[=+@]/m.test(csv.replace(/"/g, "")), "a cell starts with a formula character");

  // The reader's kernel could read none of the source, the other submissions, the lessons'
  // answers (sources and their compiled builders), the test fixtures or the gradebook.
  const carlRun = readNotebook(path.join(outDir, "autograded", "carl-reader", "hw1", "hw1.ipynb"));
  const printed = JSON.stringify(carlRun.cells.map((c) => c.outputs ?? []));
  assert.match(printed, /READABLE:\[\]/);

  // The honest submission and the grader's files were not touched by the saboteur.
  assert.notEqual(fs.readFileSync(fileOf("alice"), "utf8"), "ruined");
  assert.match(fs.readFileSync(sourceFile, "utf8"), /zebra-attention/);

  // No feedback page holds a hidden test, its inputs, its expected values or an answer.
  for (const file of fs.readdirSync(path.join(outDir, "feedback"))) {
    const html = fs.readFileSync(path.join(outDir, "feedback", file), "utf8");
    for (const secret of [...Object.values(SECRETS), "large scores must not overflow", "0.7311", "1000,1001", "1000, 1001"]) {
      assert.ok(!html.includes(secret), `${file} contains ${secret}`);
    }
  }
  const gina = result.grades.find((g) => g.studentId === "gina-leaker")!;
  assert.equal(gina.cells.find((c) => c.question === "q5")!.message, "a hidden test failed");
});
