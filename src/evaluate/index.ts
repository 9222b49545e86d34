// Metrics with the `evaluate` library's names and scikit-learn's / seqeval's numbers:
//   const metric = evaluate.load("glue", "mrpc");
//   metric.compute({ predictions, references })   // { accuracy, f1 }
import { list_evaluation_modules, load } from "./load";

export const evaluate = { load, list_evaluation_modules };
export { EvaluationModule, type MetricInputs, type MetricValues } from "./metric";
export { MetricInputError, MetricNotFoundError } from "./errors";
export type { Average, ZeroDivision } from "./classification";
export type { EntityScore, SeqevalResult } from "./seqeval";
