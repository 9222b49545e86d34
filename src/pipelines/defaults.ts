// Which model each task uses when `pipeline(task)` is given none. Defaults are models bundled with
// the package (`transformers-lab/<name>`, in `<package root>/models/<name>/`), so the first lesson
// runs offline. A task whose default is not bundled in this installation has no default: pipeline()
// then explains how to pass a model.
import { list_bundled_models } from "../hub/bundled";

export type SupportedTask =
  | "text-classification"
  | "fill-mask"
  | "feature-extraction"
  | "token-classification"
  | "question-answering"
  | "text-generation"
  | "zero-shot-classification";

/** Other names Python accepts for the same tasks. */
export const TASK_ALIASES: Record<string, SupportedTask> = {
  "sentiment-analysis": "text-classification",
  ner: "token-classification",
};

/** The intended default per task (null: none planned), as model ids. */
export const DEFAULT_MODELS: Record<SupportedTask, string | null> = {
  "text-classification": "transformers-lab/bert-tiny-sentiment",
  "fill-mask": "transformers-lab/bert-tiny-brown",
  "feature-extraction": "transformers-lab/bert-tiny-brown",
  "token-classification": null,
  "question-answering": null,
  "text-generation": "transformers-lab/gpt2-tiny-brown",
  "zero-shot-classification": null,
};

/** Hub models that work for each task, shown when there is no bundled default. */
export const EXAMPLE_HUB_MODELS: Record<SupportedTask, string> = {
  "text-classification": "distilbert-base-uncased-finetuned-sst-2-english",
  "fill-mask": "distilbert-base-uncased",
  "feature-extraction": "distilbert-base-cased",
  "token-classification": "dslim/bert-base-NER",
  "question-answering": "distilbert-base-cased-distilled-squad",
  "text-generation": "gpt2",
  // An NLI model whose label2id names "entailment" (a DistilBERT, which loads here).
  "zero-shot-classification": "typeform/distilbert-base-uncased-mnli",
};

/** The bundled default for a task, or null when this installation has none. */
export function bundledDefault(task: SupportedTask): string | null {
  const id = DEFAULT_MODELS[task];
  return id !== null && list_bundled_models().includes(id) ? id : null;
}

/** Every task and whether its default ships with this installation. */
export function defaultModelTable(): { task: SupportedTask; model: string | null; bundled: boolean }[] {
  return (Object.keys(DEFAULT_MODELS) as SupportedTask[]).map((task) => ({
    task,
    model: DEFAULT_MODELS[task],
    bundled: bundledDefault(task) !== null,
  }));
}
