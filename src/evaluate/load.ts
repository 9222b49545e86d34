// `evaluate.load(name, config)`: the metrics by the names the `evaluate` library gives them.
import { accuracyScore, matthewsCorrcoef, precisionRecallF1, type AveragedInputs, type ClassificationInputs } from "./classification";
import { pearson, spearman } from "./correlation";
import { MetricNotFoundError } from "./errors";
import { EvaluationModule } from "./metric";
import { seqevalScores, type SeqevalInputs } from "./seqeval";

type Scorer = (inputs: any) => Record<string, any>;

const GLUE_CONFIGS = ["sst2", "mnli", "mnli_mismatched", "mnli_matched", "cola", "stsb", "mrpc", "qqp", "qnli", "rte", "wnli", "hans"];

/** GLUE scores each task by its paper's measure: CoLA by MCC, STS-B by correlations, MRPC/QQP by accuracy and F1. */
function glueScorer(config: string | undefined): Scorer {
  if (config === undefined || !GLUE_CONFIGS.includes(config)) {
    throw new MetricNotFoundError(`evaluate.load("glue", config) needs a GLUE task as config, one of: ${GLUE_CONFIGS.join(", ")}. Got ${JSON.stringify(config)}.`);
  }
  if (config === "cola") return (i: ClassificationInputs) => ({ matthews_correlation: matthewsCorrcoef(i) });
  if (config === "stsb") return (i: ClassificationInputs) => ({ pearson: pearson(i.predictions, i.references), spearmanr: spearman(i.predictions, i.references) });
  if (config === "mrpc" || config === "qqp") {
    return (i: ClassificationInputs) => ({ accuracy: accuracyScore(i), f1: precisionRecallF1({ ...i, average: "binary" }).f1 });
  }
  return (i: ClassificationInputs) => ({ accuracy: accuracyScore(i) });
}

const METRICS: Record<string, (config: string | undefined) => Scorer> = {
  accuracy: () => (i: ClassificationInputs & { normalize?: boolean }) => ({ accuracy: accuracyScore(i) }),
  precision: () => (i: AveragedInputs) => ({ precision: precisionRecallF1(i).precision }),
  recall: () => (i: AveragedInputs) => ({ recall: precisionRecallF1(i).recall }),
  f1: () => (i: AveragedInputs) => ({ f1: precisionRecallF1(i).f1 }),
  matthews_correlation: () => (i: ClassificationInputs) => ({ matthews_correlation: matthewsCorrcoef(i) }),
  glue: glueScorer,
  seqeval: () => (i: SeqevalInputs) => seqevalScores(i),
};

/**
 * Loads a metric by its `evaluate` name: "accuracy", "precision", "recall", "f1", "matthews_correlation",
 * "glue" (with a task as config) or "seqeval". Score with `metric.compute({ predictions, references })`.
 */
export function load(path: string, config_name?: string): EvaluationModule {
  const name = path.replace(/^(evaluate-metric\/|metrics\/)/, "");
  const make = METRICS[name];
  if (!make) {
    throw new MetricNotFoundError(`There is no metric named ${JSON.stringify(path)}. Available: ${Object.keys(METRICS).join(", ")}.`);
  }
  return new EvaluationModule(name, config_name ?? null, make(config_name));
}

/** The metric names `load` knows. */
export function list_evaluation_modules(): string[] {
  return Object.keys(METRICS);
}
