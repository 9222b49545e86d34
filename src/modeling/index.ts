export { PreTrainedModel, CheckpointError, WEIGHTS_NAME, WEIGHTS_INDEX_NAME } from "./modeling_utils";
export type { ModelCallInputs, ModelLoadOptions, LoadingInfo, SaveOptions, ForwardSpec } from "./modeling_utils";
export * from "./outputs";
export { ModelInputError } from "./inputs";
export type { TensorLike } from "./inputs";
export { SafetensorError, load_file, save_file, readSafetensors } from "./safetensors";
export { logging } from "./logging";
export { Conv1D } from "./conv1d";
export type { GenerationOptions } from "./generation";
