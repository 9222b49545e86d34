// pipeline(task, { model, tokenizer }): loads what a task needs and returns a callable pipeline,
// as Python's `transformers.pipeline`.
import type { HubOptions } from "../hub/resolve";
import {
  AutoModel,
  AutoModelForCausalLM,
  AutoModelForMaskedLM,
  AutoModelForQuestionAnswering,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
} from "../models";
import { AutoTokenizer } from "../tokenization";
import { checkDevice, Pipeline, PipelineInit } from "./base";
import { bundledDefault, DEFAULT_MODELS, EXAMPLE_HUB_MODELS, SupportedTask, TASK_ALIASES } from "./defaults";
import { PipelineException } from "./errors";
import { FeatureExtractionPipeline } from "./feature_extraction";
import { FillMaskPipeline } from "./fill_mask";
import { QuestionAnsweringPipeline } from "./question_answering";
import { TextClassificationPipeline } from "./text_classification";
import { TextGenerationPipeline } from "./text_generation";
import { TokenClassificationPipeline } from "./token_classification";
import { ZeroShotClassificationPipeline } from "./zero_shot_classification";
import type { PipelineModel, PipelineTokenizer } from "./types";

type PipelineClass = new (init: PipelineInit<any>) => Pipeline<any, any, any>;
type Loader = { from_pretrained(nameOrPath: string, options?: any): Promise<any> };

/** Per task: the pipeline class and the Auto class that loads a model for it (Python's SUPPORTED_TASKS). */
const TASKS: Record<SupportedTask, { pipeline: PipelineClass; autoModel: Loader }> = {
  "text-classification": { pipeline: TextClassificationPipeline, autoModel: AutoModelForSequenceClassification },
  "fill-mask": { pipeline: FillMaskPipeline, autoModel: AutoModelForMaskedLM },
  "feature-extraction": { pipeline: FeatureExtractionPipeline, autoModel: AutoModel },
  "token-classification": { pipeline: TokenClassificationPipeline, autoModel: AutoModelForTokenClassification },
  "question-answering": { pipeline: QuestionAnsweringPipeline, autoModel: AutoModelForQuestionAnswering },
  "text-generation": { pipeline: TextGenerationPipeline, autoModel: AutoModelForCausalLM },
  "zero-shot-classification": { pipeline: ZeroShotClassificationPipeline, autoModel: AutoModelForSequenceClassification },
};

export interface PipelineOptions extends HubOptions {
  /** A model id or folder, or a loaded model. Left out: the task's bundled default. */
  model?: string | PipelineModel;
  /** A tokenizer id or folder, or a loaded tokenizer. Left out: the model's own. */
  tokenizer?: string | PipelineTokenizer;
  /** Only "cpu" (or -1). */
  device?: string | number;
  /** Any other option becomes a default for every call (e.g. `aggregation_strategy`, `top_k`). */
  [option: string]: unknown;
}

/** The task's canonical name, or an error listing the supported ones. */
export function check_task(task: string): SupportedTask {
  const canonical = TASK_ALIASES[task] ?? task;
  if (!(canonical in TASKS)) {
    const names = [...Object.keys(TASKS), ...Object.keys(TASK_ALIASES)].sort().join(", ");
    throw new PipelineException(`Unknown task "${task}". Supported tasks: ${names}.`);
  }
  return canonical as SupportedTask;
}

/**
 * Builds the pipeline for a task: `const classifier = await pipeline("sentiment-analysis")`, then
 * `await classifier("I love it")` → `[{ label: "POSITIVE", score: 0.99 }]`.
 */
export async function pipeline(task: "text-classification" | "sentiment-analysis", model?: string | PipelineOptions, options?: PipelineOptions): Promise<TextClassificationPipeline>;
export async function pipeline(task: "fill-mask", model?: string | PipelineOptions, options?: PipelineOptions): Promise<FillMaskPipeline>;
export async function pipeline(task: "feature-extraction", model?: string | PipelineOptions, options?: PipelineOptions): Promise<FeatureExtractionPipeline>;
export async function pipeline(task: "token-classification" | "ner", model?: string | PipelineOptions, options?: PipelineOptions): Promise<TokenClassificationPipeline>;
export async function pipeline(task: "question-answering", model?: string | PipelineOptions, options?: PipelineOptions): Promise<QuestionAnsweringPipeline>;
export async function pipeline(task: "text-generation", model?: string | PipelineOptions, options?: PipelineOptions): Promise<TextGenerationPipeline>;
export async function pipeline(task: "zero-shot-classification", model?: string | PipelineOptions, options?: PipelineOptions): Promise<ZeroShotClassificationPipeline>;
export async function pipeline(task: string, model?: string | PipelineOptions, options?: PipelineOptions): Promise<Pipeline<any, any, any>>;
export async function pipeline(task: string, modelOrOptions?: string | PipelineOptions, moreOptions: PipelineOptions = {}): Promise<Pipeline<any, any, any>> {
  // Python's second positional parameter is the model: pipeline("ner", "dslim/bert-base-NER").
  const options: PipelineOptions = typeof modelOrOptions === "string" ? { ...moreOptions, model: modelOrOptions } : { ...(modelOrOptions ?? {}), ...moreOptions };
  const canonical = check_task(task);
  checkDevice(options.device);
  const { model: modelArg, tokenizer: tokenizerArg, device, revision, cache_dir, local_files_only, token, force_download, subfolder, ...taskOptions } = options;
  const hub: HubOptions = Object.fromEntries(
    Object.entries({ revision, cache_dir, local_files_only, token, force_download, subfolder }).filter(([, v]) => v !== undefined),
  );

  let modelId = modelArg;
  if (modelId === undefined) {
    const fallback = bundledDefault(canonical);
    if (!fallback) {
      const planned = DEFAULT_MODELS[canonical];
      throw new PipelineException(
        `No model was supplied for "${task}", and ` +
          (planned ? `its default (${planned}) is not bundled with this installation. ` : `transformers-lab bundles no default model for it. `) +
          `Pass one: await pipeline("${task}", { model: "${EXAMPLE_HUB_MODELS[canonical]}" }) (downloads from the Hub), ` +
          `or { model: "path/to/a/saved/model" } for a folder written by save_pretrained.`,
      );
    }
    console.log(`No model was supplied, defaulted to ${fallback}.`);
    modelId = fallback;
  }

  const model: PipelineModel =
    typeof modelId === "string" ? await TASKS[canonical].autoModel.from_pretrained(modelId, hub) : modelId;

  let tokenizer: PipelineTokenizer;
  if (tokenizerArg !== undefined && typeof tokenizerArg !== "string") tokenizer = tokenizerArg;
  else {
    const source = tokenizerArg ?? (typeof modelId === "string" ? modelId : (model.config as { _name_or_path?: string })._name_or_path);
    if (!source) {
      throw new PipelineException(`Pass a tokenizer with the model object: pipeline("${task}", { model, tokenizer }).`);
    }
    tokenizer = (await AutoTokenizer.from_pretrained(source, { ...hub })) as unknown as PipelineTokenizer;
  }

  return new TASKS[canonical].pipeline({ task: canonical, model, tokenizer, device, options: taskOptions });
}
