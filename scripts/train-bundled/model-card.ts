// Writes a bundled model's README.md: YAML metadata the Hub understands, then an honest account of
// the data, the settings, how long it trained and what it reaches.
import * as fs from "node:fs";
import * as path from "node:path";

export interface CardFacts {
  name: string;
  summary: string;
  pipeline_tag: string;
  tags: string[];
  datasets: { name: string; source: string; license: string }[];
  base_model?: string;
  architecture: Record<string, unknown>;
  parameters: number;
  settings: Record<string, unknown>;
  preset: string;
  training_seconds: number;
  steps: number;
  metrics: { name: string; type: string; value: number; split: string; note?: string }[];
  /** What the model answers to a few inputs, produced when the card is written. */
  examples?: { input: string; output: string }[];
  limitations: string[];
  reproduce: string;
}

function yamlString(value: string): string {
  return /^[\w./ -]+$/.test(value) && !/^\d/.test(value) ? value : JSON.stringify(value);
}

function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} seconds`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} minutes`;
  return `${(seconds / 3600).toFixed(1)} hours`;
}

/** Says so when a run's time limit (`--stop-by`) ended it before its planned steps. */
function stoppedEarly(f: CardFacts): string {
  const planned = f.settings.max_steps;
  return typeof planned === "number" && f.steps < planned ? ` The time limit ended the run at step ${f.steps} of the planned ${planned}, before the learning rate had decayed to zero.` : "";
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderCard(f: CardFacts): string {
  const yaml = [
    "---",
    "language: en",
    "license: apache-2.0",
    "library_name: transformers-lab",
    `pipeline_tag: ${f.pipeline_tag}`,
    "tags:",
    ...f.tags.map((tag) => `- ${yamlString(tag)}`),
    "datasets:",
    ...f.datasets.map((d) => `- ${yamlString(d.name)}`),
    ...(f.base_model ? [`base_model: ${yamlString(f.base_model)}`] : []),
    "model-index:",
    `- name: ${yamlString(f.name)}`,
    "  results:",
    "  - task:",
    `      type: ${f.pipeline_tag}`,
    "    metrics:",
    ...f.metrics.flatMap((m) => [`    - name: ${yamlString(m.name)}`, `      type: ${m.type}`, `      value: ${Number(m.value.toFixed(4))}`]),
    "---",
  ];
  const body = [
    `# ${f.name}`,
    "",
    f.summary,
    "",
    "## Training data",
    "",
    ...f.datasets.map((d) => `- **${d.name}** — ${d.source} (license: ${d.license}).`),
    "",
    "## Architecture",
    "",
    "The config fields that differ from the defaults of the config class:",
    "",
    "```json",
    JSON.stringify(f.architecture, null, 2),
    "```",
    "",
    `${f.parameters.toLocaleString("en-US")} parameters.`,
    "",
    "## Training",
    "",
    `Preset \`${f.preset}\`: ${f.steps.toLocaleString("en-US")} optimisation steps in ${formatDuration(f.training_seconds)} on a shared 2-core CPU, with this package's own Trainer.${stoppedEarly(f)}`,
    "",
    "```json",
    JSON.stringify(f.settings, null, 2),
    "```",
    "",
    "## Evaluation",
    "",
    "| metric | value | data |",
    "|---|---|---|",
    ...f.metrics.map((m) => `| ${cell(m.name)} | ${m.value.toFixed(4)} | ${cell(m.split + (m.note ? ` (${m.note})` : ""))} |`),
    "",
    ...(f.examples?.length ? ["## Examples", "", "Produced by the saved model when this card was written:", "", "| input | output |", "|---|---|", ...f.examples.map((e) => `| ${cell(e.input)} | ${cell(e.output)} |`), ""] : []),
    "## Limitations",
    "",
    ...f.limitations.map((l) => `- ${l}`),
    "",
    "## Reproducing",
    "",
    "```sh",
    f.reproduce,
    "```",
    "",
  ];
  return [...yaml, "", ...body].join("\n");
}

export function writeCard(dir: string, facts: CardFacts): void {
  const file = path.join(dir, "README.md");
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, renderCard(facts));
  fs.renameSync(tmp, file);
}
