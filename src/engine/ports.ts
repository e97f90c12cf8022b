export type PortType = 'text' | 'image' | 'image[]';

export interface PortSpec {
  type: PortType;
  optional?: boolean;
  label?: string;
}

export const port = (type: PortType, options: Omit<PortSpec, 'type'> = {}): PortSpec => ({
  type,
  ...options,
});

/** An `image` output may feed an `image[]` input; otherwise types must match. */
export function canConnect(from: PortType, to: PortType): boolean {
  if (from === to) return true;
  return from === 'image' && to === 'image[]';
}

/** Only list inputs accept several edges; they concatenate in edge order. */
export const acceptsManyEdges = (type: PortType): boolean => type === 'image[]';
