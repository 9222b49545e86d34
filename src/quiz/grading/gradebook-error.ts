/** A gradebook input (a due date, a penalty policy, a filled-in CSV file) that cannot be used as it is. */
export class GradebookError extends Error {
  override name = "GradebookError";
}
