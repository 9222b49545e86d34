export { default_data_collator } from "./default_data_collator";
export { DataCollatorWithPadding, type DataCollatorWithPaddingOptions } from "./data_collator_with_padding";
export { DataCollatorForTokenClassification, type DataCollatorForTokenClassificationOptions } from "./data_collator_for_token_classification";
export { DataCollatorForLanguageModeling, type DataCollatorForLanguageModelingOptions } from "./data_collator_for_language_modeling";
export { DataCollatorError } from "./errors";
