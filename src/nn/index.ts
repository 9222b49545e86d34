export * from "./parameter";
export * from "./module";
export * from "./module_list";
export * from "./linear";
export * from "./embedding";
export * from "./layer_norm";
export * from "./dropout";
export * from "./activations";
