// Reproduces the bundled models under models/. Run by hand, in the background, never in CI:
//   npm run train:bundled -- [--preset quick|full] [--only step,step] [--models-dir DIR] [--stop-by ISO-TIME] [--cards model,model]
// Steps, in order: configs, vocab, bert-tiny-brown, bert-tiny-spam, bert-tiny-sentiment, gpt2-tiny-brown,
// generation-defaults, cards. The classifiers start from bert-tiny-brown and the models use the
// vocabularies, so run those first; `cards` measures the saved models and writes their READMEs.
import * as path from "node:path";
import { writeReferenceConfigs } from "./reference-configs";
import { Preset, RECIPES } from "./recipes";
import { writeCards } from "./cards";
import { StepContext, setGenerationDefaults, trainBertTinyBrown, trainBertTinySentiment, trainBertTinySpam, trainGpt2TinyBrown, trainVocabularies } from "./train";

const STEPS: Record<string, (ctx: StepContext) => Promise<void>> = {
  configs: writeReferenceConfigs,
  vocab: trainVocabularies,
  "bert-tiny-brown": trainBertTinyBrown,
  "bert-tiny-spam": trainBertTinySpam,
  "bert-tiny-sentiment": trainBertTinySentiment,
  "gpt2-tiny-brown": trainGpt2TinyBrown,
  "generation-defaults": setGenerationDefaults,
  cards: (ctx) => writeCards(ctx, option("cards")?.split(",").map((s) => s.trim())),
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
  const stopBy = option("stop-by");
  const deadline = stopBy ? new Date(stopBy) : undefined;
  if (deadline && Number.isNaN(deadline.getTime())) throw new Error(`--stop-by "${stopBy}" is not a time: give an ISO time such as 2026-01-31T15:00:00Z.`);
  const ctx: StepContext = { preset, modelsDir, deadline, log: (m) => console.log(`[${new Date().toISOString()}] ${m}`) };
  for (const step of Object.keys(STEPS).filter((s) => only.includes(s))) {
    ctx.log(`${step} (preset ${preset}) …`);
    await STEPS[step](ctx);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
