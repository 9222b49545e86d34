export * from "./bert/configuration";
export * from "./distilbert/configuration";
export * from "./gpt2/configuration";
export * from "./auto/configuration_auto";
export * from "./bert/modeling";
export * from "./gpt2/modeling";
export * from "./distilbert/modeling";
export * from "./auto/modeling_auto";
