import { z } from 'zod';
import { checkComponentReferences, makeComponentSchemas } from './components/schema';
import { groupDigits } from './group-digits';
import { lazySchema } from './lazy-schema';
import { EXPOSE_NAME_PATTERN, NODE_ID_PATTERN, WORKFLOW_FORMAT, WORKFLOW_VERSION } from './workflow';

/** Limits that keep a hostile or broken file from exhausting memory. */
export const FILE_LIMITS = {
  maxNodes: 5_000,
  maxEdges: 20_000,
  maxNameLength: 200,
  maxDescriptionLength: 20_000,
  maxLabelLength: 200,
  /** Node boxes (the resize handle) and edge ids: bounded so a file cannot ask for huge ones. */
  minNodeWidth: 40,
  minNodeHeight: 24,
  maxNodeSide: 20_000,
  maxEdgeIdLength: 128,
} as const;

/** Shared with workflow-file-fast.ts, which must accept exactly what these schemas accept. */
export const NODE_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const PORT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * The file's zod schemas, built on first use: about forty schemas, and building them took a
 * noticeable part of the editor's start, which needs none of them (a common file is checked by
 * workflow-file-fast.ts; zod's verdict is asked for only when that path declines).
 */
function buildWorkflowSchemas() {
  const nodeId = z.string().regex(NODE_ID_PATTERN, 'must match ^[A-Za-z0-9_-]{1,64}$');
  const portName = z.string().regex(PORT_NAME_PATTERN, 'must be a port name');

  const PositionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

  /** A node's size on the canvas (resize handle): bounded so a file cannot ask for a huge box. */
  const NodeSizeSchema = z.strictObject({
    width: z.number().finite().min(FILE_LIMITS.minNodeWidth).max(FILE_LIMITS.maxNodeSide),
    height: z.number().finite().min(FILE_LIMITS.minNodeHeight).max(FILE_LIMITS.maxNodeSide),
  });

  const NodeSchema = z.strictObject({
    id: nodeId,
    type: z.string().regex(NODE_TYPE_PATTERN, 'must be a node type name'),
    position: PositionSchema,
    params: z.record(z.string(), z.unknown()),
    label: z.string().max(FILE_LIMITS.maxLabelLength).optional(),
    exposeAs: z
      .string()
      .regex(EXPOSE_NAME_PATTERN, 'must start with a letter or _ and hold only letters, digits, _ and -')
      .optional(),
    bypass: z.boolean().optional(),
    size: NodeSizeSchema.optional(),
    collapsed: z.boolean().optional(),
  });

  const EdgeSchema = z.strictObject({
    id: z.string().min(1).max(FILE_LIMITS.maxEdgeIdLength).optional(),
    source: nodeId,
    sourcePort: portName,
    target: nodeId,
    targetPort: portName,
  });

  // Format version 2: reusable components (issue #15).
  const { component: ComponentSchema, components: ComponentsSchema } = makeComponentSchemas({
    nodeId,
    portName,
    node: NodeSchema,
    maxNodes: FILE_LIMITS.maxNodes,
    maxEdges: FILE_LIMITS.maxEdges,
    maxName: FILE_LIMITS.maxNameLength,
    maxDescription: FILE_LIMITS.maxDescriptionLength,
  });

  const WorkflowFileSchema = z
    .strictObject({
      format: z.literal(WORKFLOW_FORMAT),
      version: z.literal(WORKFLOW_VERSION),
      name: z.string().max(FILE_LIMITS.maxNameLength),
      description: z.string().max(FILE_LIMITS.maxDescriptionLength).optional(),
      components: ComponentsSchema,
      nodes: z
        .array(NodeSchema)
        .max(FILE_LIMITS.maxNodes, `a workflow holds at most ${groupDigits(FILE_LIMITS.maxNodes)} nodes`),
      edges: z
        .array(EdgeSchema)
        .max(
          FILE_LIMITS.maxEdges,
          `a workflow holds at most ${groupDigits(FILE_LIMITS.maxEdges)} connections`,
        ),
      extra: z.record(z.string(), z.unknown()).optional(),
    })
    .superRefine((file, ctx) => {
      checkComponentReferences(file, ctx);
      const seen = new Map<string, number>();
      const exposed = new Map<string, number>();
      file.nodes.forEach((node, index) => {
        const first = seen.get(node.id);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['nodes', index, 'id'],
            message: `duplicate node id "${node.id}" (also nodes[${first}])`,
          });
        } else seen.set(node.id, index);
        if (node.exposeAs !== undefined) {
          const other = exposed.get(node.exposeAs);
          if (other !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['nodes', index, 'exposeAs'],
              message: `input name "${node.exposeAs}" is already used by nodes[${other}]`,
            });
          } else exposed.set(node.exposeAs, index);
        }
      });
      file.edges.forEach((edge, index) => {
        for (const end of ['source', 'target'] as const) {
          if (!seen.has(edge[end])) {
            ctx.addIssue({
              code: 'custom',
              path: ['edges', index, end],
              message: `refers to unknown node id "${edge[end]}"`,
            });
          }
        }
      });
    });
  return {
    PositionSchema,
    NodeSizeSchema,
    NodeSchema,
    EdgeSchema,
    ComponentSchema,
    ComponentsSchema,
    WorkflowFileSchema,
  };
}

export type WorkflowSchemas = ReturnType<typeof buildWorkflowSchemas>;
export const workflowSchemas: () => WorkflowSchemas = lazySchema(buildWorkflowSchemas);

export type WorkflowFile = z.infer<WorkflowSchemas['WorkflowFileSchema']>;
