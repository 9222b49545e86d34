// The lesson notebooks against their single source: up to date, the same structure in English and
// Korean, enough well-formed quiz questions, and only offline model ids.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { lessons } from "../../notebooks/src/index";
import { Language, Notebook, renderLesson } from "../../notebooks/src/render";
import { pickCode } from "../../notebooks/src/lesson";
import { repoRoot } from "../helpers/paths";

const LANGUAGES: Language[] = ["en", "ko"];
const NBGRADER_KEYS = new Set(["schema_version", "grade", "solution", "locked", "task", "grade_id", "points", "checksum", "cell_type"]);
const HANGUL = /[\uac00-\ud7a3]/;

function committed(name: string, lang: Language): Notebook {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "notebooks", lang, `${name}.ipynb`), "utf8"));
}

function text(cell: { source: string[] }): string {
  return cell.source.join("");
}

test("there are seven lessons, numbered in order", () => {
  assert.deepEqual(
    lessons.map((l) => l.name.slice(0, 2)),
    ["01", "02", "03", "04", "05", "06", "07"],
  );
});

test("a bilingual code comment shows only the notebook's language; other code is left alone", () => {
  const source = 'const ids = [101, 102]; // [en] the ids [ko] id 목록\n  // [en] Run it [ko] 실행합니다\nmodel(ids); // plain';
  assert.equal(pickCode(source, "en"), "const ids = [101, 102]; // the ids\n  // Run it\nmodel(ids); // plain");
  assert.equal(pickCode(source, "ko"), "const ids = [101, 102]; // id 목록\n  // 실행합니다\nmodel(ids); // plain");
  assert.equal(pickCode({ en: "// [en] a [ko] 가", ko: "// 나" }, "ko"), "// 나");
  for (const lesson of lessons) {
    for (const lang of LANGUAGES) {
      for (const cell of committed(lesson.name, lang).cells.filter((c) => c.cell_type === "code")) {
        assert.doesNotMatch(text(cell), /\/\/ \[en\] /, `${lang}/${cell.id} shows a bilingual comment unresolved`);
      }
    }
  }
});

for (const lesson of lessons) {
  test(`${lesson.name}: committed notebooks match their source (run npx tsx scripts/build-notebooks.ts)`, () => {
    for (const lang of LANGUAGES) {
      const expected = JSON.stringify(renderLesson(lesson, lang), null, 1) + "\n";
      const actual = fs.readFileSync(path.join(repoRoot, "notebooks", lang, `${lesson.name}.ipynb`), "utf8");
      assert.equal(actual, expected, `notebooks/${lang}/${lesson.name}.ipynb is stale`);
    }
  });

  test(`${lesson.name}: English and Korean notebooks have the same structure`, () => {
    const en = committed(lesson.name, "en");
    const ko = committed(lesson.name, "ko");
    assert.equal(en.cells.length, ko.cells.length);
    en.cells.forEach((cell, i) => {
      assert.equal(cell.cell_type, ko.cells[i].cell_type, `cell ${i} type`);
      assert.equal(cell.id, ko.cells[i].id, `cell ${i} id`);
      assert.deepEqual(cell.metadata, ko.cells[i].metadata, `cell ${i} metadata`);
    });
    for (const nb of [en, ko]) {
      assert.deepEqual(nb.metadata.kernelspec, { display_name: "TypeScript (Transformers Lab)", language: "typescript", name: "transformers-lab" });
    }
    // The quiz speaks the lesson's language: the notebook names it, and so does every Korean question.
    assert.deepEqual([en.metadata.tlab, ko.metadata.tlab], [{ lang: "en" }, { lang: "ko" }]);
    for (const cell of ko.cells.filter((c) => (c.metadata.tlab as { role?: string } | undefined)?.role === "question")) {
      assert.match(text(cell), /"lang": "ko"/, `${cell.id} names its language`);
    }
  });

  test(`${lesson.name}: every Korean prose cell is written in Korean`, () => {
    const ko = committed(lesson.name, "ko");
    for (const cell of ko.cells.filter((c) => c.cell_type === "markdown")) {
      assert.match(text(cell), HANGUL, `markdown cell ${cell.id} has no Korean text`);
    }
  });

  test(`${lesson.name}: at least six quiz questions of several types, each with two or three hints and an explanation`, () => {
    const questions = lesson.cells.flatMap((c) => (c.kind === "quiz" ? [c.question] : []));
    assert.ok(questions.length >= 6, `${questions.length} questions`);
    assert.ok(new Set(questions.map((q) => q.type)).size >= 3, "at least three question types");
    for (const q of questions) {
      for (const lang of LANGUAGES) {
        assert.ok(q.prompt[lang].trim() && q.explanation[lang].trim(), `${q.id} (${lang}) needs a prompt and an explanation`);
        assert.ok(q.hints.length >= 2 && q.hints.length <= 3, `${q.id} has ${q.hints.length} hints: give two or three`);
        assert.ok(q.hints.every((h) => h[lang].trim()), `${q.id} (${lang}) has an empty hint`);
        if (lang === "ko") assert.ok(q.hints.every((h) => HANGUL.test(h.ko)) && HANGUL.test(q.explanation.ko), `${q.id}: Korean hints and explanation`);
      }
      if (q.type === "choice") assert.ok(q.answer >= 0 && q.answer < q.options.length, q.id);
      if (q.type === "multiple") assert.ok(q.answer.length > 0 && q.answer.every((a) => a >= 0 && a < q.options.length), q.id);
    }
  });

  test(`${lesson.name}: quiz cells carry valid nbgrader v3 metadata with unique grade ids`, () => {
    for (const lang of LANGUAGES) {
      const ids = new Set<string>();
      let points = 0;
      for (const cell of committed(lesson.name, lang).cells) {
        const nbgrader = cell.metadata.nbgrader as Record<string, unknown> | undefined;
        if (!nbgrader) continue;
        for (const key of Object.keys(nbgrader)) assert.ok(NBGRADER_KEYS.has(key), `unexpected nbgrader key ${key}`);
        assert.equal(nbgrader.schema_version, 3);
        for (const key of ["grade", "solution", "locked"]) assert.equal(typeof nbgrader[key], "boolean", `${key} in ${cell.id}`);
        const id = nbgrader.grade_id as string;
        assert.match(id, /^[a-zA-Z0-9_-]+$/);
        assert.ok(!ids.has(id), `duplicate grade_id ${id}`);
        ids.add(id);
        assert.equal(cell.cell_type, "code", `${id} must be a code cell`);
        if (nbgrader.grade) {
          assert.ok(typeof nbgrader.points === "number" && nbgrader.points > 0, `${id} has points`);
          assert.equal(nbgrader.locked, true, `${id}: graded cells are locked`);
          points += nbgrader.points as number;
        }
      }
      assert.ok(points > 0, "the lesson is worth points");
    }
  });

  test(`${lesson.name}: every model id is bundled or a folder the lesson saved itself`, () => {
    for (const lang of LANGUAGES) {
      const saved = new Set<string>();
      for (const cell of committed(lesson.name, lang).cells.filter((c) => c.cell_type === "code")) {
        const source = text(cell);
        // A cell that switches to offline mode itself may show the error for a missing id.
        if (source.includes('process.env.HF_HUB_OFFLINE = "1"')) continue;
        for (const m of source.matchAll(/save_pretrained\("([^"]+)"\)/g)) saved.add(m[1]);
        for (const m of source.matchAll(/(?:from_pretrained|pipeline)\(\s*"([^"]+)"/g)) {
          const id = m[1];
          if (["sentiment-analysis", "text-classification", "text-generation", "fill-mask"].includes(id)) continue;
          if (saved.has(id) || /^my-|^spam-trainer/.test(id)) continue;
          assert.match(id, /^transformers-lab\//, `${lesson.name} (${lang}) loads "${id}", which would need the network`);
          const folder = path.join(repoRoot, "models", id.slice("transformers-lab/".length));
          assert.ok(fs.existsSync(path.join(folder, "config.json")) || fs.existsSync(path.join(folder, "tokenizer_config.json")), `${id} is not bundled under models/`);
        }
        for (const m of source.matchAll(/model:\s*"([^"]+)"/g)) {
          if (!saved.has(m[1]) && !m[1].startsWith("my-")) assert.match(m[1], /^transformers-lab\//);
        }
      }
    }
  });
}
