export { Trainer, type TrainerOptions, type DataCollator, type ComputeMetrics } from "./trainer";
export { TrainingArguments, TrainingArgumentsError, type TrainingArgumentsInit, type IntervalStrategy, type SamplingStrategy } from "./training_args";
export { TrainerState, type LogEntry } from "./trainer_state";
export { TrainerCallback, TrainerControl, DefaultFlowCallback, EarlyStoppingCallback, CallbackHandler, type CallbackContext, type CallbackEvent } from "./trainer_callback";
export { ProgressCallback, TrainingView } from "./training_view";
export { TrainOutput, EvalPrediction, PredictionOutput, TrainingError, get_last_checkpoint, PREFIX_CHECKPOINT_DIR } from "./trainer_utils";
export { createOptimizer, createScheduler } from "./optimization";
export { CheckpointFileError } from "./checkpoint";
