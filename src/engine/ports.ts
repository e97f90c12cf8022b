/** `any`: a port of Pick or Collect that takes whatever arrives (its element type follows the source). */
export type PortType = 'text' | 'image' | 'image[]' | 'any';

export interface PortSpec {
  type: PortType;
  optional?: boolean;
  label?: string;
  /**
   * An output that may hold *many* values (an ordered sequence of its type; a node's
   * `manyOutputs(params)` says when and how many). For the editor's strip and for readers.
   */
  many?: boolean;
  /**
   * An input that takes a *many* value (or the elements of a mapped node) whole, as one sequence,
   * instead of running once per element (Export's `images`, Collect, Pick).
   */
  whole?: boolean;
}

export const port = (type: PortType, options: Omit<PortSpec, 'type'> = {}): PortSpec => ({
  type,
  ...options,
});

/** An `image` output may feed an `image[]` input; `any` meets every type; otherwise types must match. */
export function canConnect(from: PortType, to: PortType): boolean {
  if (from === to || from === 'any' || to === 'any') return true;
  return from === 'image' && to === 'image[]';
}

/** List inputs and whole-sequence inputs accept several edges; they concatenate in edge order. */
export const acceptsManyEdges = (type: PortType, spec?: PortSpec): boolean =>
  type === 'image[]' || spec?.whole === true;
