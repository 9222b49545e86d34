// The instructor's command line: tlab assign, then tlab autograde on nbgrader's folder layout.
import { gradingSandbox } from "../helpers/sandbox";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { quietly } from "../helpers/console";
import { scratchDir } from "../helpers/paths";
import { main as assign } from "../../cli/assign";
import { main as autograde } from "../../cli/autograde";
import { Notebook, readNotebook, writeNotebook } from "../../src/quiz/notebook";
import { code } from "./fixtures";
import { spawnSync } from "node:child_process";
import { packageRoot } from "../../src/quiz/runner/kernel";

const source: Notebook = {
  nbformat: 4, nbformat_minor: 5, metadata: { tlab: { assignment: "mini" } },
  cells: [
    code(`quiz.numeric("loss", { answer: 0.6931, tolerance: 0.0001 })`),
    code(`quiz.answer("loss", Math.log(2))`),
    code(`quiz.check("loss")`, { grade: true, solution: false, locked: true, points: 3, grade_id: "loss-check" }),
  ],
};

const sandbox = gradingSandbox();

test("tlab assign and tlab autograde from the command line", { timeout: 300_000, skip: sandbox.skip }, async () => {
  const dir = scratchDir("quiz-cli");
  const sourceFile = path.join(dir, "source", "mini.ipynb");
  fs.mkdirSync(path.dirname(sourceFile), { recursive: true });
  writeNotebook(sourceFile, source);

  assert.equal((await quietly(() => assign([sourceFile]))).code, 2, "--out is required");
  assert.equal((await quietly(() => assign([sourceFile, "--out", dir, "--mode", "exam"]))).code, 2);
  fs.writeFileSync(path.join(dir, "broken.ipynb"), "not json");
  const broken = await quietly(() => assign([path.join(dir, "broken.ipynb"), "--out", path.join(dir, "x")]));
  assert.equal(broken.code, 1);
  assert.match(broken.out, /NotebookFormatError: .*broken\.ipynb is not valid notebook JSON/);

  const released = await quietly(() => assign([sourceFile, "--out", path.join(dir, "release"), "--mode", "graded"]));
  assert.equal(released.code, 0, released.out);
  assert.match(released.out, /graded copy, 1 questions, 3 points/);
  const student = readNotebook(path.join(dir, "release", "mini.ipynb"));
  assert.ok(!JSON.stringify(student).includes("0.6931"));

  for (const [id, answer] of [["ana", "Math.log(2)"], ["ben", "0.7"]]) {
    const nb = JSON.parse(JSON.stringify(student)) as Notebook;
    nb.cells[1].source = `quiz.answer("loss", ${answer})`;
    const file = path.join(dir, "submitted", id, "mini", "mini.ipynb");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeNotebook(file, nb);
    fs.writeFileSync(path.join(path.dirname(file), "timestamp.txt"), "2026-11-20 10:00:00.000000 UTC\n");
  }
  const graded = await quietly(() => autograde([path.join(dir, "submitted"), "--source", sourceFile, "--out", path.join(dir, "out"), "--workers", "2", "--timeout", "30"]));
  assert.equal(graded.code, 0, graded.out);
  assert.match(graded.out, /ana: 3/);
  assert.match(graded.out, /ben: 0/);
  const csv = fs.readFileSync(path.join(dir, "out", "grades.csv"), "utf8").trim().split("\n");
  assert.deepEqual(csv.slice(1), [
    "mini,,2026-11-20 10:00:00.000000 UTC,ana,,,,3,0,3,3,3,",
    "mini,,2026-11-20 10:00:00.000000 UTC,ben,,,,0,0,0,3,0,",
  ]);
  assert.ok(fs.existsSync(path.join(dir, "out", "feedback", "ben.html")));
});

test("tlab autograde refuses to grade without its sandbox, and says what is missing", { timeout: 300_000 }, async () => {
  const dir = scratchDir("quiz-cli-nosandbox");
  const sourceFile = path.join(dir, "mini.ipynb");
  writeNotebook(sourceFile, source);
  const file = path.join(dir, "submitted", "ana", "mini", "mini.ipynb");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeNotebook(file, source);
  const tlab = path.join(packageRoot, "bin", "tlab.js");
  // A PATH without bubblewrap (nor prlimit): as on a machine that lacks them.
  const env = { ...process.env, PATH: path.join(dir, "empty-bin") };
  const refused = spawnSync(process.execPath, [tlab, "autograde", path.join(dir, "submitted"), "--source", sourceFile, "--out", path.join(dir, "out")], { env, encoding: "utf8" });
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /SandboxUnavailableError: .*\n.*bubblewrap \(`bwrap`\): sudo apt-get install bubblewrap/);
  assert.match(refused.stderr, /--unsafe-no-sandbox/);
  assert.ok(!fs.existsSync(path.join(dir, "out", "grades.csv")), "nothing is graded without the sandbox");
  const unsafe = spawnSync(process.execPath, [tlab, "autograde", path.join(dir, "submitted"), "--source", sourceFile, "--out", path.join(dir, "out"), "--unsafe-no-sandbox"], { env, encoding: "utf8" });
  assert.equal(unsafe.status, 0, unsafe.stderr);
  assert.match(unsafe.stderr, /WITHOUT a sandbox/);
  assert.match(unsafe.stdout, /ana: 3/);
});
