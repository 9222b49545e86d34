import * as fs from "node:fs";
import * as path from "node:path";
import { Tensor } from "../tensor";
import type { AnyTypedArray } from "../tensor";
import { KeyboardInterrupt, interruptRequested, throwIfInterrupted } from "../utils/cancellation";
import { Generator, default_generator } from "../utils/random";
import { gradients } from "./autodiff";
import { DTypeError, ExecutionError, NonFiniteLossError, ShapeError, fmtShape } from "./errors";
import type { Graph, GraphValue } from "./graph";
import { sessionHost } from "./runtime/session_host";
import type { WireTensor } from "./runtime/wire";
import { serializeGraph } from "./to_onnx";
import type { Parameter } from "../nn/parameter";
import { FrozenSlot, FrozenWeights } from "./frozen_weights";

export interface CompileOptions {
  /** Which named graph outputs the program returns (default: all of them). */
  outputs?: string[];
  /**
   * Adds the backward pass: gradients of the named scalar output with respect to every parameter
   * whose `requires_grad` is true. Each run then stores them in `param.grad`.
   */
  backward?: { loss: string };
  /** onnxruntime threads inside one run (default: all cores). */
  intra_op_num_threads?: number;
  /**
   * Inference programs (no backward pass, no dropout) bake unchanged weights into a second
   * session so onnxruntime can prepack them (`"auto"`, the default; see FrozenWeights), or always
   * take them as inputs (`"inputs"`).
   */
  weights?: "auto" | "inputs";
  /** Shares one frozen-weights session among the programs of one model (at most one lives). */
  frozen_slot?: FrozenSlot;
}

export interface RunOptions {
  /** Draws the dropout masks (default: the process-wide generator, seeded by `manual_seed`). */
  generator?: Generator;
  /** Also return gradients as `grad:<name>` outputs, besides storing them on the parameters. */
  return_gradients?: boolean;
}

let defaultThreads: number | undefined;

/** Threads onnxruntime uses inside one run for programs compiled from now on (like torch.set_num_threads). */
export function set_num_threads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new ExecutionError(`set_num_threads needs a positive integer, got ${n}.`);
  defaultThreads = n;
}

/** The thread count new programs use (0 = onnxruntime's default: one per core). */
export function get_num_threads(): number {
  return defaultThreads ?? 0;
}

/** The prefix of gradient outputs: `grad:encoder.layer.0.attention.self.query.weight`. */
export const GRAD_PREFIX = "grad:";

/**
 * A graph compiled once into an onnxruntime session that lives in the engine's worker thread.
 * Parameters are session inputs, so the same program serves every step as the weights change;
 * batch and sequence dims stay dynamic. `run` is async and leaves the event loop free.
 */
export class Program {
  private released = false;
  /** Dropout mask buffers, reused from step to step (millions of floats each in training). */
  private readonly maskBuffers = new Map<string, Float32Array | Float64Array>();

  private constructor(
    readonly graph: Graph,
    private readonly sessionId: number,
    /** Inputs in the order the model declares them. */
    private readonly inputs: GraphValue[],
    readonly outputNames: string[],
    private readonly trainable: { name: string; param: Parameter }[],
    private readonly lossName: string | null,
    private readonly frozen: FrozenWeights | null,
  ) {}

  /** Whether the last run used the session with the weights baked in (inference programs only). */
  get ran_frozen(): boolean {
    return this.frozen?.lastRunFrozen ?? false;
  }

  static async compile(graph: Graph, options: CompileOptions = {}): Promise<Program> {
    const names = options.outputs ?? [...graph.outputs.keys()];
    const outputs: [string, GraphValue][] = names.map((n) => {
      const v = graph.outputs.get(n);
      if (!v) throw new ShapeError(`The graph has no output "${n}" (it has: ${[...graph.outputs.keys()].join(", ") || "none"}).`);
      return [n, v];
    });
    let trainable: { name: string; param: Parameter }[] = [];
    let lossName: string | null = null;
    if (options.backward) {
      lossName = options.backward.loss;
      const loss = graph.outputs.get(lossName);
      if (!loss) throw new ShapeError(`backward: the graph has no output "${lossName}".`);
      if (loss.rank !== 0) throw new ShapeError(`backward: the loss must be a scalar, "${lossName}" has shape ${fmtShape(loss.shape)}.`);
      trainable = [...graph.parameters.entries()].filter(([, p]) => p.param.requires_grad).map(([name, p]) => ({ name, param: p.param }));
      const grads = gradients(loss, trainable.map((t) => graph.parameters.get(t.name)!.value));
      trainable.forEach((t, i) => outputs.push([GRAD_PREFIX + t.name, grads[i]]));
      if (!names.includes(lossName)) outputs.unshift([lossName, loss]);
    }
    const { bytes, inputs } = serializeGraph(graph, { outputs });
    let created: { sessionId: number };
    try {
      created = await sessionHost.create(bytes, { intraOpNumThreads: options.intra_op_num_threads ?? defaultThreads }, true);
    } catch (e) {
      throw new ExecutionError(`onnxruntime could not load the compiled graph "${graph.name}": ${(e as Error).message}`);
    }
    const inference = !options.backward && !inputs.some((v) => v.kind === "dropout_mask") && (options.weights ?? "auto") === "auto";
    const threads = options.intra_op_num_threads ?? defaultThreads;
    const frozen = inference ? new FrozenWeights(graph, outputs, inputs, threads, options.frozen_slot) : null;
    return new Program(graph, created.sessionId, inputs, outputs.map(([n]) => n), trainable, lossName, frozen);
  }

  /** Runs the program. `feeds` holds every run-time input by name (parameters are supplied automatically). */
  async run(feeds: Record<string, Tensor>, options: RunOptions = {}): Promise<Record<string, Tensor>> {
    if (this.released) throw new ExecutionError("This program was released.");
    throwIfInterrupted();
    const work = sessionHost.exclusive(() => this.runNow(feeds, options));
    return untilInterrupted(work);
  }

  private async runNow(feeds: Record<string, Tensor>, options: RunOptions): Promise<Record<string, Tensor>> {
    const dims = new Map<string, number>();
    const wire: WireTensor[] = [];
    const params = new Map<string, Parameter>();
    for (const v of this.inputs) if (v.kind === "input") wire.push(this.checkFeed(v, feeds[v.name], dims));
    const frozenSession = this.frozen ? await this.frozen.sessionForRun() : null;
    if (frozenSession !== null) return this.collect(await sessionHost.run(frozenSession, wire, this.outputNames), options);
    for (const v of this.inputs) {
      if (v.kind !== "parameter") continue;
      const p = this.graph.parameters.get(v.name)!.param;
      const data = p.peek();
      if (data.length === 0 && p.numel > 0) {
        throw new ExecutionError(`Parameter ${v.name} has no values: they were moved to the engine's worker by a run that never returned (the worker stopped). Load the model again.`);
      }
      params.set(v.name, p);
      wire.push({ name: v.name, dtype: "float32", dims: p.shape, data, moved: true });
    }
    const generator = options.generator ?? default_generator;
    for (const m of this.graph.dropoutMasks) {
      if (!this.inputs.includes(m.value)) continue;
      const maskDims = resolveDims(m.value, dims);
      const mask = this.maskBuffer(m.value, maskDims.reduce((a, b) => a * b, 1));
      this.maskBuffers.delete(m.value.name); // it travels to the worker and comes back with the weights
      wire.push({ name: m.value.name, dtype: m.value.dtype, dims: maskDims, data: generator.fill_dropout_mask(mask, m.p), moved: true });
    }

    const result = await sessionHost.run(this.sessionId, wire, this.outputNames);
    for (const r of result.returned) {
      const p = params.get(r.name);
      if (p) p.restore(r.data as Float32Array);
      else this.maskBuffers.set(r.name, r.data as Float32Array | Float64Array);
    }
    return this.collect(result, options);
  }

  /** Turns a run's reply into named tensors (gradients onto the parameters, loss checked). */
  private collect(result: { outputs: WireTensor[]; error?: string }, options: RunOptions): Record<string, Tensor> {
    if (result.error) throw new ExecutionError(explainRuntimeError(this.graph, result.error));

    const out: Record<string, Tensor> = {};
    for (const o of result.outputs) out[o.name] = new Tensor(o.data, o.dims, o.dtype);
    if (this.lossName) {
      const loss = out[this.lossName].item();
      if (!Number.isFinite(loss)) {
        throw new NonFiniteLossError(`The loss "${this.lossName}" is ${loss}. Check the inputs and labels for NaN/Inf, lower the learning rate, or clip gradients.`);
      }
      for (const t of this.trainable) {
        t.param.grad = out[GRAD_PREFIX + t.name].data as Float32Array;
        if (!options.return_gradients) delete out[GRAD_PREFIX + t.name];
      }
    }
    throwIfInterrupted();
    return out;
  }

  /** The buffer for a dropout mask: last step's (every value is redrawn), or a new one when the size changed. */
  private maskBuffer(v: GraphValue, size: number): Float32Array | Float64Array {
    const kept = this.maskBuffers.get(v.name);
    if (kept && kept.length === size) return kept;
    return v.dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
  }

  private checkFeed(v: GraphValue, t: Tensor | undefined, dims: Map<string, number>): WireTensor {
    if (!t) throw new ExecutionError(`Missing input "${v.name}" (${v.dtype} ${fmtShape(v.shape)}).`);
    if (!(t instanceof Tensor)) throw new ExecutionError(`Input "${v.name}" must be a Tensor, got ${typeof t}.`);
    if (t.dtype !== v.dtype) throw new DTypeError(`Input "${v.name}" must be ${v.dtype}, got ${t.dtype} ${fmtShape(t.shape)}.`);
    if (t.shape.length !== v.rank) throw new ShapeError(`Input "${v.name}" must have shape ${fmtShape(v.shape)}, got ${fmtShape(t.shape)}.`);
    v.shape.forEach((d, i) => {
      const actual = t.shape[i];
      if (typeof d === "number") {
        if (d !== actual) throw new ShapeError(`Input "${v.name}" must have shape ${fmtShape(v.shape)}, got ${fmtShape(t.shape)} (dim ${i} should be ${d}).`);
      } else if (!d.startsWith("?")) {
        const bound = dims.get(d);
        if (bound !== undefined && bound !== actual) {
          throw new ShapeError(`Input "${v.name}" has ${d} = ${actual} (shape ${fmtShape(t.shape)}) but an earlier input has ${d} = ${bound}.`);
        }
        dims.set(d, actual);
      }
    });
    return { name: v.name, dtype: t.dtype, dims: t.shape, data: plainCopy(t.data) };
  }

  /** Frees the onnxruntime session. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const frozen = this.frozen;
    if (frozen) await sessionHost.exclusive(() => frozen.releaseNow());
    await sessionHost.release(this.sessionId);
  }
}

/**
 * Waits for `work`, but gives up with KeyboardInterrupt as soon as an interrupt is requested, so a
 * cell stops promptly even during one long run. The run itself finishes in the worker (a session
 * cannot be stopped mid-run) and puts the parameters back; the queue waits for it before the next run.
 */
function untilInterrupted<T>(work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const poll = setInterval(() => {
      if (!interruptRequested()) return;
      clearInterval(poll);
      work.catch(() => undefined);
      reject(new KeyboardInterrupt());
    }, 20);
    work.then(
      (v) => {
        clearInterval(poll);
        resolve(v);
      },
      (e) => {
        clearInterval(poll);
        reject(e);
      },
    );
  });
}

/**
 * Rewrites an onnxruntime failure in the graph's own terms: which op, fed by which named values
 * of which shapes, and for the common case (an index out of range) what to check.
 */
function explainRuntimeError(graph: Graph, message: string): string {
  const nodeName = /Name:'([^']+)'/.exec(message)?.[1];
  const detail = /Status Message: (.*)$/s.exec(message)?.[1]?.trim() ?? message.trim();
  const node = nodeName ? graph.nodes.find((n) => n.name === nodeName) : undefined;
  if (!node) return `Running "${graph.name}" failed: ${detail}`;
  const describe = (v: GraphValue | null) => (v ? `${v.kind === "node" ? "an intermediate value" : `"${v.name}"`} ${fmtShape(v.shape)}` : "(none)");
  let advice = "";
  if (node.opType === "Gather" && /out of (data )?bounds/.test(detail)) {
    advice = ` An index is outside the table: check that token ids are below the vocabulary size (${node.inputs[0]?.shape[0]}) and type/position ids below their table sizes.`;
  }
  return `${node.opType} failed while running "${graph.name}" (inputs: ${node.inputs.map(describe).join(", ")}): ${detail}.${advice}`;
}

/** Typed arrays cross to the worker by structured clone; pass a compact, non-shared copy only when needed. */
function plainCopy<T extends AnyTypedArray>(data: T): T {
  const plain = data.buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  return plain ? data : (data.slice() as T);
}

function resolveDims(v: GraphValue, dims: Map<string, number>): number[] {
  return v.shape.map((d) => {
    if (typeof d === "number") return d;
    const n = dims.get(d);
    if (n === undefined) throw new ShapeError(`Dropout on ${fmtShape(v.shape)}: dim "${d}" is not the dim of any input, so the mask size is unknown. Apply dropout to values whose dims come from the inputs.`);
    return n;
  });
}

/**
 * Writes `graph` as a plain ONNX file with the current parameter values as initializers, so
 * onnxruntime (and transformers.js) load it directly. The file is written atomically.
 */
export function export_onnx(graph: Graph, file: string, options: { outputs?: string[] } = {}): string {
  const names = options.outputs ?? [...graph.outputs.keys()];
  const outputs: [string, GraphValue][] = names.map((n) => {
    const v = graph.outputs.get(n);
    if (!v) throw new ShapeError(`export_onnx: the graph has no output "${n}".`);
    return [n, v];
  });
  if (graph.dropoutMasks.length > 0) throw new ShapeError("export_onnx: the graph was built in training mode (it has dropout); build it with model.eval() first.");
  const { bytes } = serializeGraph(graph, { outputs, weightsAsInitializers: true });
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
  return file;
}
