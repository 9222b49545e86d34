export * from "./optimizer";
export * from "./adamw";
export * from "./sgd";
export * from "./lr_scheduler";
export * from "./clip_grad";
export * from "./param_groups";
