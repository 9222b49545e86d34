export { default_data_collator } from "./default_data_collator";
export { DataCollatorWithPadding, type DataCollatorWithPaddingOptions } from "./data_collator_with_padding";
export { DataCollatorForLanguageModeling, type DataCollatorForLanguageModelingOptions } from "./data_collator_for_language_modeling";
export { DataCollatorError } from "./errors";
