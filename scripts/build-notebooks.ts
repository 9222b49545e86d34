// Writes notebooks/en/<lesson>.ipynb and notebooks/ko/<lesson>.ipynb from the single-source lessons
// in notebooks/src/. Run: npx tsx scripts/build-notebooks.ts [--check]
// --check exits with status 1 when a committed notebook differs from what its source produces.
import * as fs from "node:fs";
import * as path from "node:path";
import { lessons } from "../notebooks/src/index";
import { renderLesson, Language } from "../notebooks/src/render";

const root = path.resolve(__dirname, "..");
const check = process.argv.includes("--check");
const languages: Language[] = ["en", "ko"];
let stale = 0;

for (const lesson of lessons) {
  for (const lang of languages) {
    const file = path.join(root, "notebooks", lang, `${lesson.name}.ipynb`);
    const text = JSON.stringify(renderLesson(lesson, lang), null, 1) + "\n";
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    if (current === text) continue;
    if (check) {
      console.error(`out of date: ${path.relative(root, file)}`);
      stale++;
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
    console.log(`wrote ${path.relative(root, file)}`);
  }
}
if (stale > 0) {
  console.error(`${stale} notebook(s) out of date: run npx tsx scripts/build-notebooks.ts`);
  process.exit(1);
}
