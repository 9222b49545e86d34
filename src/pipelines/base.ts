// The shared shape of every pipeline: tokenizer → model → post-processing, callable on one input
// (returning that input's result) or on a list (returning one result per input), with options
// given at construction as defaults and per call as overrides — as in transformers' `Pipeline`.
import { throwIfInterrupted } from "../utils/cancellation";
import { Callable } from "../utils/callable";
import { PipelineException } from "./errors";
import type { PipelineModel, PipelineTokenizer } from "./types";

/** Only the CPU exists here: accept "cpu" and -1 (Python's CPU index), refuse anything else clearly. */
export function checkDevice(device: string | number | undefined): void {
  if (device !== undefined && device !== "cpu" && device !== -1) {
    throw new PipelineException(`device ${JSON.stringify(device)} is not available: models here run on the CPU. Leave device out (or pass "cpu").`);
  }
}

export interface PipelineInit<Options> {
  task: string;
  model: PipelineModel;
  tokenizer: PipelineTokenizer;
  /** Where the model runs; only the CPU exists here ("cpu" or -1). */
  device?: string | number;
  /** Options given to `pipeline(task, { … })`, used as defaults for every call. */
  options?: Options;
}

export abstract class Pipeline<Input, Output, Options extends object = Record<string, unknown>> extends Callable<
  [Input | Input[], Options?],
  Promise<any>
> {
  readonly task: string;
  readonly model: PipelineModel;
  readonly tokenizer: PipelineTokenizer;
  readonly device = "cpu";
  protected readonly defaultOptions: Options;

  constructor(init: PipelineInit<Options>) {
    super();
    checkDevice(init.device);
    this.task = init.task;
    this.model = init.model;
    this.tokenizer = init.tokenizer;
    this.defaultOptions = { ...(init.options ?? ({} as Options)) };
  }

  protected async _call(inputs: Input | Input[], options?: Options): Promise<any> {
    const merged = { ...this.defaultOptions, ...(options ?? {}) } as Options;
    if (Array.isArray(inputs) && this.isBatch(inputs)) return this.runMany(inputs, merged);
    return this.runOne(inputs as Input, merged, true);
  }

  /** The results for a list of inputs, one per input; tasks that can batch their model calls override it. */
  protected async runMany(inputs: Input[], options: Options): Promise<Output[]> {
    const results: Output[] = [];
    for (const input of inputs) {
      throwIfInterrupted();
      results.push(await this.runOne(input, options, false));
    }
    return results;
  }

  /** Whether an array is a list of inputs (a pipeline whose single input is itself an array overrides this). */
  protected isBatch(_inputs: unknown[]): boolean {
    return true;
  }

  /** Runs the three steps for one input; `single` is true when the call got one input, not a list. */
  protected abstract runOne(input: Input, options: Options, single: boolean): Promise<Output>;

  toString(): string {
    const modelName = (this.model as { constructor: { name: string } }).constructor.name;
    const tokenizerName = (this.tokenizer as { constructor: { name: string } }).constructor.name;
    return `${this.constructor.name}(task="${this.task}", model=${modelName}, tokenizer=${tokenizerName}, device="${this.device}")`;
  }

  _repr_mimebundle_(): Record<string, unknown> {
    return { "text/plain": this.toString() };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
