import { z } from 'zod';
import { COMPONENT_INPUT_SOURCE, COMPONENT_NODE_TYPE } from './types';

/**
 * The `components[]` field of format version 2. Built from the node schema of `../schema.ts`
 * (a factory, so the two files do not import each other).
 */
export function makeComponentSchemas(parts: {
  // biome-ignore lint/suspicious/noExplicitAny: any zod schema of a node id / port name / node
  nodeId: z.ZodType<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  portName: z.ZodType<string, any>;
  node: z.ZodType<{ id: string; type: string; params: Record<string, unknown> }>;
  maxNodes: number;
  maxEdges: number;
  maxName: number;
  maxDescription: number;
}) {
  const portType = z.enum(['text', 'image', 'image[]'], 'must be text, image or image[]');
  const input = z.strictObject({
    name: parts.portName,
    type: portType,
    default: z.unknown().optional(),
    optional: z.boolean().optional(),
  });
  const output = z.strictObject({
    name: parts.portName,
    type: portType,
    from: z.strictObject({ node: parts.nodeId, port: parts.portName }),
  });
  const edge = z.strictObject({
    id: z.string().min(1).max(128).optional(),
    source: z.union([parts.nodeId, z.literal(COMPONENT_INPUT_SOURCE)]),
    sourcePort: parts.portName,
    target: parts.nodeId,
    targetPort: parts.portName,
  });
  const component = z
    .strictObject({
      id: parts.nodeId,
      name: z.string().min(1, 'a component needs a name').max(parts.maxName),
      description: z.string().max(parts.maxDescription).optional(),
      inputs: z.array(input).max(64),
      outputs: z.array(output).max(64),
      nodes: z.array(parts.node).max(parts.maxNodes),
      edges: z.array(edge).max(parts.maxEdges),
    })
    .superRefine((def, ctx) => {
      const ids = new Map<string, number>();
      def.nodes.forEach((node, index) => {
        const first = ids.get(node.id);
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['nodes', index, 'id'],
            message: `duplicate node id "${node.id}" (also nodes[${first}])`,
          });
        else ids.set(node.id, index);
      });
      const inputNames = uniqueNames(def.inputs, 'inputs', 'input', ctx);
      uniqueNames(def.outputs, 'outputs', 'output', ctx);
      def.inputs.forEach((entry, index) => {
        if (entry.type === 'text' && entry.default !== undefined && typeof entry.default !== 'string')
          ctx.addIssue({ code: 'custom', path: ['inputs', index, 'default'], message: 'must be text' });
      });
      def.edges.forEach((edge, index) => {
        if (edge.source === COMPONENT_INPUT_SOURCE) {
          if (!inputNames.has(edge.sourcePort))
            ctx.addIssue({
              code: 'custom',
              path: ['edges', index, 'sourcePort'],
              message: `the component has no input "${edge.sourcePort}"`,
            });
        } else if (!ids.has(edge.source))
          ctx.addIssue({
            code: 'custom',
            path: ['edges', index, 'source'],
            message: `refers to unknown node id "${edge.source}"`,
          });
        if (!ids.has(edge.target))
          ctx.addIssue({
            code: 'custom',
            path: ['edges', index, 'target'],
            message: `refers to unknown node id "${edge.target}"`,
          });
      });
      def.outputs.forEach((entry, index) => {
        if (!ids.has(entry.from.node))
          ctx.addIssue({
            code: 'custom',
            path: ['outputs', index, 'from', 'node'],
            message: `refers to unknown node id "${entry.from.node}"`,
          });
      });
    });
  return { component, components: z.array(component).max(1_000) };
}

function uniqueNames(
  entries: readonly { name: string }[],
  field: string,
  what: string,
  ctx: z.RefinementCtx,
): Set<string> {
  const names = new Set<string>();
  entries.forEach((entry, index) => {
    if (names.has(entry.name))
      ctx.addIssue({
        code: 'custom',
        path: [field, index, 'name'],
        message: `duplicate ${what} name "${entry.name}"`,
      });
    names.add(entry.name);
  });
  return names;
}

/**
 * Instances must name a component of the file: checked over the whole file (top-level nodes and
 * nodes inside components), with the path of the offending `params.component`.
 */
export function checkComponentReferences(
  file: {
    nodes: readonly { type: string; params: Record<string, unknown> }[];
    components: readonly {
      id: string;
      nodes: readonly { type: string; params: Record<string, unknown> }[];
    }[];
  },
  ctx: z.RefinementCtx,
): void {
  const known = new Map<string, number>();
  file.components.forEach((def, index) => {
    const first = known.get(def.id);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['components', index, 'id'],
        message: `duplicate component id "${def.id}" (also components[${first}])`,
      });
    else known.set(def.id, index);
  });
  const check = (
    nodes: readonly { type: string; params: Record<string, unknown> }[],
    path: (string | number)[],
  ) => {
    nodes.forEach((node, index) => {
      if (node.type !== COMPONENT_NODE_TYPE) return;
      const name = node.params.component;
      if (typeof name !== 'string')
        ctx.addIssue({
          code: 'custom',
          path: [...path, index, 'params', 'component'],
          message: 'a component node names its component (params.component)',
        });
      else if (!known.has(name))
        ctx.addIssue({
          code: 'custom',
          path: [...path, index, 'params', 'component'],
          message: `no component "${name}" in this file`,
        });
    });
  };
  check(file.nodes, ['nodes']);
  file.components.forEach((def, index) => {
    check(def.nodes, ['components', index, 'nodes']);
  });
}
