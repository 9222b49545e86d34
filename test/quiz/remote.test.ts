// Grading across remote Jupyter Servers: two real servers on 127.0.0.1 (Debian's Notebook server,
// the kernelspec installed as a deployment would), one killed in the middle of the batch. Every
// submission must be graded exactly once with its right score, and a second run after that
// regrades nothing.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { notebookServerComponent, startNotebookServer, type RunningServer } from "../kernel/notebook-server";
import { autograde } from "../../src/quiz/grading/autograde";
import { Notebook, writeNotebook } from "../../src/quiz/notebook";
import { releaseNotebook } from "../../src/quiz/release";
import { NAIVE_SOFTMAX, SOFTMAX_SOLUTION, WRONG_SOFTMAX, answerAll, instructorNotebook } from "./fixtures";
import { parseCsv } from "./csv";

const component = notebookServerComponent();

test("autograde --server: a batch across two Jupyter Servers, one killed half way, each submission graded exactly once; a rerun regrades nothing", { skip: component.skip, timeout: 900_000 }, async () => {
  const dir = scratchDir("quiz-remote");
  const sourceFile = path.join(dir, "source", "hw1.ipynb");
  fs.mkdirSync(path.dirname(sourceFile), { recursive: true });
  writeNotebook(sourceFile, instructorNotebook());
  const student: Notebook = releaseNotebook(instructorNotebook(), { mode: "graded" });
  const variants = [
    { answers: { q1: "2", q2: "[3, 1]", q3: "Math.exp(3) / (Math.exp(3) + 1)", q4: '"zebra-attention"', q5: SOFTMAX_SOLUTION }, expected: 6 },
    { answers: { q1: "1", q2: "[3, 1]", q3: "0.5", q4: '"zebra-attention"', q5: NAIVE_SOFTMAX }, expected: 2 },
    { answers: { q1: "2", q2: "[1]", q3: "0.9526", q4: '"attention"', q5: WRONG_SOFTMAX }, expected: 2 },
  ];
  const expected = new Map<string, number>();
  for (let i = 0; i < 8; i++) {
    const id = `student${i}`;
    const file = path.join(dir, "submitted", id, "hw1", "hw1.ipynb");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeNotebook(file, answerAll(student, variants[i % 3].answers));
    expected.set(id, variants[i % 3].expected);
  }

  const servers: RunningServer[] = [await startNotebookServer("quiz-remote-a"), await startNotebookServer("quiz-remote-b")];
  const outDir = path.join(dir, "out");
  try {
    let killed = false;
    const gradedBy: string[] = [];
    const first = await autograde(sourceFile, [path.join(dir, "submitted")], {
      outDir, workers: 2, timeoutSeconds: 60, retries: 2,
      servers: servers.map((s) => ({ url: s.url, token: s.token })),
      onGraded: (grade) => {
        gradedBy.push(grade.studentId);
        // Server B goes away while the other lane is still grading on it.
        if (!killed && gradedBy.length === 2) { killed = true; void servers[1].stop(); }
      },
    });
    assert.ok(killed);
    const rows = parseCsv(fs.readFileSync(first.csvFile, "utf8"));
    assert.equal(rows.length, 8);
    for (const row of rows) {
      assert.equal(row.error, "", `${row.student_id}: ${row.error}`);
      assert.equal(Number(row.raw_score), expected.get(row.student_id), row.student_id);
    }
    assert.deepEqual([...gradedBy].sort(), [...expected.keys()].sort(), "each submission reported once");
    const journal = fs.readFileSync(path.join(outDir, ".autograde", "journal.jsonl"), "utf8").trim().split("\n");
    assert.equal(journal.length, 8, "each submission graded to completion exactly once");

    // Interrupted or not, a second run finds every submission in the journal and starts no kernel.
    const csvBefore = fs.readFileSync(first.csvFile, "utf8");
    const second = await autograde(sourceFile, [path.join(dir, "submitted")], {
      outDir, workers: 2, servers: [{ url: "http://127.0.0.1:9", token: "unreachable" }],
    });
    assert.equal(second.resumed, 8);
    assert.equal(fs.readFileSync(second.csvFile, "utf8"), csvBefore);
  } finally {
    for (const s of servers) await s.stop();
    // A server killed mid-batch may leave its kernels behind: they belong to this test.
    for (const s of servers) spawnSync("pkill", ["-f", path.join(path.dirname(s.root), "runtime")]);
  }
});

test("autograde --server: a server that cannot start kernels is reported in grades.csv after the retries", { skip: component.skip, timeout: 300_000 }, async () => {
  const dir = scratchDir("quiz-remote-down");
  const sourceFile = path.join(dir, "hw1.ipynb");
  writeNotebook(sourceFile, instructorNotebook());
  const file = path.join(dir, "submitted", "ana", "hw1", "hw1.ipynb");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeNotebook(file, releaseNotebook(instructorNotebook(), { mode: "graded" }));
  const result = await autograde(sourceFile, [path.join(dir, "submitted")], {
    outDir: path.join(dir, "out"), retries: 1, servers: [{ url: "http://127.0.0.1:9", token: "x" }],
  });
  const [row] = parseCsv(fs.readFileSync(result.csvFile, "utf8"));
  assert.match(row.error, /could not start a "transformers-lab" kernel.*\(after 2 attempts\)/);
  // Not journaled: a later run tries it again.
  assert.ok(!fs.existsSync(path.join(dir, "out", ".autograde", "journal.jsonl")));
});
