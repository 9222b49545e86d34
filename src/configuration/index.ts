export { PretrainedConfig, ConfigError, TRANSFORMERS_VERSION, CONFIG_NAME } from "./configuration_utils";
export type { ConfigKwargs, ConfigLoadOptions, ProblemType } from "./configuration_utils";
export { ConfigFieldError } from "./config_fields";
export type { FieldRule } from "./config_fields";
