export { Dataset, type Row, type Batch, type MapOptions, type FilterOptions, type TrainTestSplitOptions } from "./dataset";
export { DatasetDict } from "./dataset_dict";
export { Value, ClassLabel, Sequence, type Features, type FeatureType, type ValueDtype } from "./features";
export { type FormatType } from "./format";
export { load_dataset, type LoadDatasetOptions, type DataFiles } from "./load_dataset";
export { DatasetError, DatasetNotFoundError, DatasetFileError, DatasetNotCachedError } from "./errors";
export { SeededRandom, seededPermutation } from "./permutation";
