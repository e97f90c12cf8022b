import type { z } from 'zod';
import type { ImageOps } from './image-ops';
import type { InputSource } from './inputs-gather';
import type { PortSpec } from './ports';
import type { ImageCallResult, ImageRequest, ProviderError } from './provider';
import type { PeelError, Result } from './result';
import type { ImageValue, NodeOutputs, PortValue } from './values';
import type { WorkflowNode } from './workflow';

export interface ExportFile {
  /** File name from the template, without extension (the image's type decides it). */
  baseName: string;
  image: ImageValue;
  /** The node that produced the image (what `{node}` names), when known. */
  source?: string;
}

export interface NodeRunOutput {
  outputs: NodeOutputs;
  /** Files an export node asks its host (CLI, browser) to write. */
  exports?: ExportFile[];
}

export interface NodeRunContext<P> {
  node: WorkflowNode;
  params: P;
  inputs: Record<string, PortValue | undefined>;
  /** For list inputs, the node that produced each element (export names files after it). */
  inputSources?: Record<string, InputSource[]>;
  signal: AbortSignal;
  workflowName: string;
  /** 1-based batch row; 1 outside a batch. */
  row: number;
  startedAt: Date;
  loadAsset(hash: string): Promise<ImageValue | undefined>;
  /** The only way a node reaches a model: through the engine's queue, retries and budget. */
  callModel(request: ImageRequest): Promise<Result<ImageCallResult, ProviderError>>;
  /** Pixel work (image tools), off the main thread in the browser. */
  imageOps: ImageOps;
}

export interface EstimateContext {
  /** Prompt length when known (from params or a finished upstream), else a typical figure. */
  promptChars: number;
  /** Images arriving on image/image[] inputs, when known. */
  inputImages: number;
}

export interface NodeEstimate {
  calls: number;
  usd: number | null;
}

export interface StaticCheckContext {
  /** Input ports that have at least one edge. */
  connectedInputs: ReadonlySet<string>;
  /**
   * Images arriving on a list input, when the file alone decides it (every source declares its
   * count, e.g. a reference set's images); absent when a count is only known at run time.
   */
  knownInputCounts: ReadonlyMap<string, number>;
}

/** At most `most` values arrive on a whole input; `exact` when no answer's length is assumed. */
export interface ArrivingCount {
  most: number;
  exact: boolean;
}

/** A *many* output: its element count when the params decide it, else the most it can hold. */
export interface ManyOutputInfo {
  count?: number;
  /** The declared maximum when the count comes from a model's answer ("up to N"). */
  max?: number;
  /** Each element's text, for `{item}` in export names (list items, file names). */
  labels?: readonly string[];
}

export interface NodeDefinition<P> {
  type: string;
  version: number;
  title: string;
  description: string;
  /** Calls a paid model: throttled, cached and estimated. Cheap nodes are none of these. */
  callsModel: boolean;
  /**
   * Free but heavy local work (image tools): outputs are cached by content like a model node's,
   * at $0 and outside the model-call queue.
   */
  cachesOutputs?: boolean;
  inputs: Record<string, PortSpec>;
  outputs: Record<string, PortSpec>;
  /** Params schema; defaults live in it, so parsing `{}` yields the defaults. */
  params: z.ZodType<P>;
  /**
   * Runs with whatever arrived on its list inputs when some upstream failed (export writes the
   * images that were paid for instead of dropping them with a failed sibling).
   */
  acceptsPartialInputs?: boolean;
  /**
   * Input ports that depend on the params (a template's `{name}` placeholders); `inputs` when absent.
   */
  inputsFor?(params: P): Record<string, PortSpec>;
  /**
   * Outputs holding a *many* value with these params. A node reading one on a single-valued input
   * runs once per element (see src/engine/many/).
   */
  manyOutputs?(params: P): Record<string, ManyOutputInfo>;
  /** How many images a list output holds when the params alone decide it (a reference set). */
  outputCounts?(params: P): Record<string, number>;
  /**
   * Problems with the most values that can arrive on whole inputs (a Pick's index past the end),
   * checked before the run; ports whose count the file cannot tell are left out.
   */
  checkArriving?(params: P, arriving: Record<string, ArrivingCount>): PeelError[];
  /** Problems a valid params object can still have (model limits, missing text). */
  check?(params: P, context: StaticCheckContext): PeelError[];
  estimate?(params: P, context: EstimateContext): NodeEstimate;
  run(context: NodeRunContext<P>): Promise<Result<NodeRunOutput>>;
}

/** Erases each definition's params type for the registry; validated params flow back in at run time. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of different params types.
export type AnyNodeDefinition = NodeDefinition<any>;

export type NodeRegistry = Readonly<Record<string, AnyNodeDefinition>>;

export const defineNode = <P>(definition: NodeDefinition<P>): NodeDefinition<P> => definition;

/** The input ports of a node with these params (a template's placeholders, or the static ones). */
export function inputSpecsOf(definition: AnyNodeDefinition, params: unknown): Record<string, PortSpec> {
  if (!definition.inputsFor || params === undefined) return definition.inputs;
  return definition.inputsFor(params);
}
