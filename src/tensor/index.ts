export * from "./dtype";
export * from "./tensor";
