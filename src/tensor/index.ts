export * from "./dtype";
export * from "./tensor";
export { to_ort, from_ort } from "./ort";
