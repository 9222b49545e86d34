// Reproduces the bundled models under models/. Run by hand, in the background, never in CI:
//   npm run train:bundled -- [--preset quick|full] [--only step,step] [--models-dir DIR]
// Steps, in order: configs, vocab, bert-tiny-brown, bert-tiny-spam, bert-tiny-sentiment, gpt2-tiny-brown.
// The classifiers start from bert-tiny-brown and the models use the vocabularies, so run those first.
import * as path from "node:path";
import { writeReferenceConfigs } from "./reference-configs";
import { Preset, RECIPES } from "./recipes";
import { StepContext, trainBertTinyBrown, trainBertTinySentiment, trainBertTinySpam, trainGpt2TinyBrown, trainVocabularies } from "./train";

const STEPS: Record<string, (ctx: StepContext) => Promise<void>> = {
  configs: writeReferenceConfigs,
  vocab: trainVocabularies,
  "bert-tiny-brown": trainBertTinyBrown,
  "bert-tiny-spam": trainBertTinySpam,
  "bert-tiny-sentiment": trainBertTinySentiment,
  "gpt2-tiny-brown": trainGpt2TinyBrown,
};

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const preset = (option("preset") ?? "quick") as Preset;
  if (!(preset in RECIPES)) throw new Error(`Unknown preset "${preset}": use ${Object.keys(RECIPES).join(" or ")}.`);
  const only = option("only")?.split(",").map((s) => s.trim()) ?? Object.keys(STEPS);
  for (const step of only) if (!(step in STEPS)) throw new Error(`Unknown step "${step}". Steps: ${Object.keys(STEPS).join(", ")}.`);
  const modelsDir = path.resolve(option("models-dir") ?? path.join(__dirname, "..", "..", "models"));
  const ctx: StepContext = { preset, modelsDir, log: (m) => console.log(`[${new Date().toISOString()}] ${m}`) };
  for (const step of Object.keys(STEPS).filter((s) => only.includes(s))) {
    ctx.log(`${step} (preset ${preset}) …`);
    await STEPS[step](ctx);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
