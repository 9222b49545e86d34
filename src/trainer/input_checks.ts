// Checks run before training starts, so that bad data fails at once with a message that says
// what to fix, instead of minutes later inside onnxruntime.
import { Dataset } from "../datasets/dataset";
import { TrainingError } from "./trainer_utils";

/** The inputs our models accept; other dataset columns are dropped (`remove_unused_columns`). */
export const MODEL_INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids", "position_ids", "labels", "start_positions", "end_positions"];
const LABEL_COLUMNS = ["label", "label_ids", "labels"];

/** Keeps the columns the model can use (plus labels), as Trainer does with remove_unused_columns. */
export function removeUnusedColumns(dataset: Dataset, what: string): Dataset {
  const keep = dataset.column_names.filter((c) => MODEL_INPUT_NAMES.includes(c) || LABEL_COLUMNS.includes(c) || c === "special_tokens_mask");
  if (!keep.length) {
    throw new TrainingError(
      `No column of the ${what} (${JSON.stringify(dataset.column_names)}) is a model input (${MODEL_INPUT_NAMES.join(", ")}). ` +
        `Tokenize it first, e.g. ds.map((b) => tokenizer(b.text, { truncation: true }), { batched: true }).`,
    );
  }
  return keep.length === dataset.column_names.length ? dataset : dataset.select_columns(keep);
}

export function checkDataset(dataset: unknown, what: string): Dataset {
  if (!(dataset instanceof Dataset)) {
    throw new TrainingError(`The ${what} must be a Dataset (Dataset.from_dict, load_dataset(...).train …), got ${dataset === null ? "null" : typeof dataset}.`);
  }
  if (dataset.num_rows === 0) throw new TrainingError(`The ${what} is empty (0 rows): there is nothing to train or evaluate on.`);
  if (!dataset.column_names.includes("input_ids")) {
    throw new TrainingError(`The ${what} has no 'input_ids' column (columns: ${JSON.stringify(dataset.column_names)}). Tokenize it first with ds.map(...) and the tokenizer.`);
  }
  return dataset;
}

interface ModelFacts {
  vocab_size?: number;
  num_labels?: number;
  problem_type?: string | null;
  task?: "sequence-classification" | "token-classification" | "other";
}

/** Labels must be valid class ids for a classifier (−100 = ignored), and ids must be inside the vocabulary. */
export function checkAgainstModel(formatted: Dataset, facts: ModelFacts, what: string): void {
  const dataset = formatted.with_format(null); // plain lists, whatever format the user set
  const labelColumn = LABEL_COLUMNS.find((c) => dataset.column_names.includes(c));
  const classification = facts.task === "sequence-classification" || facts.task === "token-classification";
  if (labelColumn && classification && facts.num_labels && facts.problem_type !== "regression" && facts.problem_type !== "multi_label_classification") {
    const labels = dataset.column(labelColumn) as unknown[];
    const n = facts.num_labels;
    const bad = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v !== -100 && (v < 0 || v >= n);
    for (let i = 0; i < labels.length; i++) {
      const v = labels[i];
      const offender = Array.isArray(v) ? v.find(bad) : bad(v) ? v : undefined;
      if (offender !== undefined) {
        throw new TrainingError(
          `Row ${i} of the ${what} has ${labelColumn} = ${offender}, but the model has num_labels = ${n} (valid labels 0..${n - 1}). ` +
            `Load the model with { num_labels: ${Math.max(n, Number(offender) + 1)} } or fix the labels.`,
        );
      }
    }
  }
  if (facts.vocab_size) {
    const ids = dataset.column("input_ids") as unknown[];
    let max = -1;
    let row = -1;
    for (let i = 0; i < ids.length; i++) {
      const list = ids[i] as number[];
      if (!Array.isArray(list)) continue;
      for (const id of list) if (id > max) ((max = id), (row = i));
    }
    if (max >= facts.vocab_size) {
      throw new TrainingError(
        `Row ${row} of the ${what} has token id ${max}, but the model's vocabulary has only ${facts.vocab_size} ids. ` +
          `The tokenizer and the model do not match: use the tokenizer saved with this model (AutoTokenizer.from_pretrained on the same folder).`,
      );
    }
  }
}

/** A tokenizer whose vocabulary is bigger than the model's cannot feed it. */
export function checkTokenizerVocab(tokenizer: unknown, vocabSize: number | undefined): void {
  if (!tokenizer || !vocabSize) return;
  const t = tokenizer as { vocab_size?: number; __len__?: () => number };
  const size = typeof t.__len__ === "function" ? t.__len__() : t.vocab_size;
  if (typeof size === "number" && size > vocabSize) {
    throw new TrainingError(
      `The tokenizer has ${size} tokens but the model's vocabulary has ${vocabSize}: token ids above ${vocabSize - 1} would have no embedding. ` +
        `Use the tokenizer that belongs to this model, or create the model with vocab_size: ${size}.`,
    );
  }
}
