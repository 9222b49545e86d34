/**
 * Base for objects that are called like functions, as tokenizers and models are in the Python
 * library (`tokenizer(text)`, `await model(inputs)`). The constructor returns a function whose
 * prototype is the subclass's, so `instanceof`, methods and fields all work on it.
 * Subclasses implement `_call`. Avoid fields named `name` or `length`: functions own those.
 */
export interface Callable<Args extends unknown[], Result> {
  (...args: Args): Result;
}
export abstract class Callable<Args extends unknown[], Result> {
  constructor() {
    const self = function (...args: Args): Result {
      return (self as unknown as Callable<Args, Result>)._call(...args);
    };
    return Object.setPrototypeOf(self, new.target.prototype);
  }

  protected abstract _call(...args: Args): Result;
}
