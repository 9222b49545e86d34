/** Thrown for a config that cannot be read or does not make sense. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
