// config.json for the bundled real tokenizers (bert-base-uncased, bert-base-cased, gpt2), so those
// folders are Hub-layout repositories whose configs lessons can read. They hold no weights: the
// real checkpoints are hundreds of megabytes. The values are those of the public checkpoints,
// which are the config classes' defaults apart from the fields set here.
import * as path from "node:path";
import { BertConfig, GPT2Config } from "../../src";
import { StepContext } from "./train";

export async function writeReferenceConfigs(ctx: StepContext): Promise<void> {
  await new BertConfig({ architectures: ["BertForMaskedLM"] }).save_pretrained(path.join(ctx.modelsDir, "bert-base-uncased"));
  await new BertConfig({ architectures: ["BertForMaskedLM"], vocab_size: 28996 }).save_pretrained(path.join(ctx.modelsDir, "bert-base-cased"));
  await new GPT2Config({
    architectures: ["GPT2LMHeadModel"],
    n_ctx: 1024,
    task_specific_params: { "text-generation": { do_sample: true, max_length: 50 } },
  }).save_pretrained(path.join(ctx.modelsDir, "gpt2"));
  ctx.log("reference configs: bert-base-uncased, bert-base-cased, gpt2");
}
