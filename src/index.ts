/// <reference types="node" />
// The public SDK: Python's names, TypeScript's types. Each area re-exports its own public names.
export * from "./tensor";
export * from "./hub";
export * from "./configuration";
export * from "./models";
export * from "./display";
export { KeyboardInterrupt, interruptRequested, throwIfInterrupted, resetInterrupt } from "./utils/cancellation";
export * from "./datasets";
