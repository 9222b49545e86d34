/// <reference types="node" />
// The public SDK: Python's names, TypeScript's types. Each area re-exports its own public names.
export * from "./tensor";
export * from "./hub";
export * from "./nn";
export { Graph, GraphValue, Program, export_onnx, gradients, functional, set_num_threads, get_num_threads, ShapeError, DTypeError, GradientError, ExecutionError, NonFiniteLossError } from "./engine";
export { Generator, manual_seed, default_generator, set_seed } from "./utils/random";
export * from "./optim";
export * from "./configuration";
export * from "./modeling";
export * from "./models";
export * from "./display";
export { SizeLimitError } from "./utils/size_limits";
export { KeyboardInterrupt, interruptRequested, throwIfInterrupted, resetInterrupt } from "./utils/cancellation";
export * from "./datasets";
export * from "./evaluate";
export * from "./trainer";
export * from "./data";
export * from "./pipelines";
export * from "./quiz";
export * from "./tokenization";
