/** A pipeline was given inputs or options it cannot work with; the message says how to fix them. */
export class PipelineException extends Error {
  override name = "PipelineException";
}
