// For every lesson: `tlab assign` writes a student copy without the answers; autograding the
// instructor's notebook scores full marks and the untouched student copy scores zero.
import { gradingSandbox } from "../helpers/sandbox";
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, scratchDir } from "../helpers/paths";
import { lessons } from "../../notebooks/src/index";
import { dedent } from "../../notebooks/src/lesson";
import { TLAB, cellText, jupyter, kernelEnv, readNotebook, run } from "./harness";

/** Parses grades.csv (no quoted commas in the columns we read). */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const names = header.split(",");
  return rows.map((row) => {
    const values = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((v) => v.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
    return Object.fromEntries(names.map((n, i) => [n, values[i] ?? ""]));
  });
}

test("every lesson: tlab assign releases it, autograde gives full marks to the instructor and zero to a blank copy", { skip: jupyter.skip || gradingSandbox().skip, timeout: 30 * 60 * 1000 }, async (t) => {
  const env = kernelEnv();
  for (const lesson of lessons) {
    await t.test(lesson.name, async () => {
      const work = scratchDir(path.join("lessons-grading", lesson.name));
      const source = path.join(repoRoot, "notebooks", "en", `${lesson.name}.ipynb`);
      const release = path.join(work, "release");
      const assigned = await run(process.execPath, [TLAB, "assign", source, "--out", release], { env });
      assert.equal(assigned.status, 0, assigned.stderr);
      const studentCopy = path.join(release, `${lesson.name}.ipynb`);
      const student = readNotebook(studentCopy);
      const released = student.cells.map(cellText).join("\n");
      // The student copy holds no solution region, no hidden test and no answer in clear.
      assert.doesNotMatch(released, /BEGIN SOLUTION|BEGIN HIDDEN TESTS/);
      for (const q of lesson.cells.flatMap((c) => (c.kind === "quiz" ? [c.question] : []))) {
        // The answer key becomes salted hashes and the answer cell a stub. (Hints and explanations
        // stay: a practice copy shows them after a try.)
        const own = student.cells.filter((c) => c.metadata.tlab?.question === q.id);
        assert.ok(own.length > 0, `${q.id} is in the student copy`);
        for (const cell of own) {
          const source = cellText(cell);
          if (cell.metadata.tlab.role === "question") {
            assert.doesNotMatch(source, /"answer"\s*:/, `${q.id}: the answer key leaked`);
            assert.match(source, /"hashes"\s*:/, `${q.id}: a practice copy checks answers by hash`);
          }
          if (cell.metadata.tlab.role === "answer" && q.type !== "code") assert.match(source, new RegExp(`quiz\\.answer\\("${q.id}", null\\)`));
        }
        if (q.type === "code" && q.hidden_tests) {
          const firstHiddenLine = dedent(q.hidden_tests).split("\n")[0].trim();
          assert.ok(!released.includes(firstHiddenLine), `${q.id}: a hidden test leaked`);
        }
      }

      // nbgrader's submission layout: submitted/<student>/<assignment>/<notebook>.ipynb
      const submitted = path.join(work, "submitted");
      for (const [student, file] of [["instructor", source], ["blank", studentCopy]] as const) {
        const dir = path.join(submitted, student, lesson.name);
        fs.mkdirSync(dir, { recursive: true });
        fs.copyFileSync(file, path.join(dir, `${lesson.name}.ipynb`));
      }
      const out = path.join(work, "graded");
      const graded = await run(
        process.execPath,
        [TLAB, "autograde", path.join(submitted, "instructor", lesson.name, `${lesson.name}.ipynb`), path.join(submitted, "blank", lesson.name, `${lesson.name}.ipynb`),
         "--source", source, "--out", out, "--workers", "2", "--timeout", "120"],
        { env, cwd: work },
      );
      assert.equal(graded.status, 0, graded.stderr);
      const grades = parseCsv(fs.readFileSync(path.join(out, "grades.csv"), "utf8"));
      const byStudent = Object.fromEntries(grades.map((g) => [g.student_id, g]));
      const maxScore = lesson.cells.reduce((sum, c) => sum + (c.kind === "quiz" ? c.question.points : 0), 0);
      assert.equal(Number(byStudent.instructor.max_score), maxScore);
      assert.equal(Number(byStudent.instructor.score), maxScore, `instructor copy: ${JSON.stringify(byStudent.instructor)}`);
      assert.equal(Number(byStudent.blank.score), 0, `blank copy: ${JSON.stringify(byStudent.blank)}`);
    });
  }
});
