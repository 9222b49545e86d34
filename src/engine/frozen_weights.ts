import type { Parameter } from "../nn/parameter";
import type { Graph, GraphValue } from "./graph";
import { sessionHost } from "./runtime/session_host";
import { serializeGraph } from "./to_onnx";

/**
 * ONNX files are protobuf messages, which cannot exceed 2 GiB; bigger models keep their weights
 * as session inputs.
 */
const MAX_FROZEN_BYTES = 1.5 * 2 ** 30;

/**
 * An inference session with the weights baked in as initializers, so that onnxruntime prepacks
 * them (bench/models.bench.ts measures the gain against feeding them as inputs). It belongs to
 * one eval-mode program and is used only while the weights are exactly those it was built from:
 *
 * - Every possible change to a parameter moves its `_version` on (see `Parameter`), so before a
 *   run the largest version among the graph's parameters is compared with the one the session was
 *   built at; any difference and the session is dropped.
 * - Building it first detaches every array handed out before (`detachHandles`), so no old handle
 *   can write into the weights without the version moving.
 * - It is built on the second run in a row with unchanged weights: a single call between training
 *   steps (an evaluation of one batch) never pays for a session it would use once.
 *
 * Memory: while it lives, onnxruntime holds its own (prepacked) copy of the weights beside the
 * parameters. A `FrozenSlot` per model keeps at most one such session per model and drops it when
 * the model trains.
 */
export class FrozenWeights {
  private seenVersion = -1;
  private session: { id: number; version: number } | null = null;
  private failed = false;
  private readonly params: Parameter[];

  constructor(
    private readonly graph: Graph,
    private readonly outputs: [string, GraphValue][],
    usedInputs: GraphValue[],
    private readonly threads: number | undefined,
    private readonly slot: FrozenSlot | undefined,
  ) {
    this.params = usedInputs.filter((v) => v.kind === "parameter").map((v) => graph.parameters.get(v.name)!.param);
    const bytes = this.params.reduce((n, p) => n + p.numel * 4, 0);
    if (bytes > MAX_FROZEN_BYTES) this.failed = true;
  }

  /** Whether the last run used the session with the weights baked in. */
  lastRunFrozen = false;

  private version(): number {
    let v = 0;
    for (const p of this.params) v = Math.max(v, p._version);
    return v;
  }

  /**
   * Called inside the engine's queue just before a run: the frozen session to run, or null to run
   * the program that takes the weights as inputs.
   */
  async sessionForRun(): Promise<number | null> {
    this.lastRunFrozen = false;
    if (this.failed) return null;
    const version = this.version();
    if (this.session?.version === version) return (this.lastRunFrozen = true), this.session.id;
    if (this.session) await this.releaseNow();
    if (this.seenVersion !== version) {
      this.seenVersion = version;
      return null;
    }
    for (const p of this.params) p.detachHandles();
    try {
      const { bytes } = serializeGraph(this.graph, { outputs: this.outputs, weightsAsInitializers: true });
      const created = await sessionHost.create(bytes, { intraOpNumThreads: this.threads }, true);
      this.session = { id: created.sessionId, version };
    } catch {
      // Out of memory or a graph onnxruntime cannot fold: the weights-as-inputs program still works.
      this.failed = true;
      return null;
    }
    await this.slot?.claim(this);
    this.lastRunFrozen = true;
    return this.session.id;
  }

  /** Frees the session now (call inside the engine's queue, or when no run can be using it). */
  async releaseNow(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.seenVersion = -1;
    if (session) await sessionHost.release(session.id);
  }
}

/**
 * At most one frozen session per model: a model called with another kind of output, or put to
 * training, gives the memory of its frozen weights back.
 */
export class FrozenSlot {
  private holder: FrozenWeights | null = null;

  /** Inside the engine's queue: `frozen` now holds the slot; the previous holder's session goes. */
  async claim(frozen: FrozenWeights): Promise<void> {
    const previous = this.holder;
    this.holder = frozen;
    if (previous && previous !== frozen) await previous.releaseNow();
  }

  /** From outside the engine's queue: drops the frozen session after the runs queued so far. */
  release(): Promise<void> {
    const holder = this.holder;
    this.holder = null;
    if (!holder) return Promise.resolve();
    return sessionHost.exclusive(() => holder.releaseNow());
  }
}
