import { z } from 'zod';
import { lazySchema } from '../../engine/lazy-schema';
import { workflowSchemas } from '../../engine/schema';
import type { WorkflowEdge, WorkflowNode } from '../../engine/workflow';
import { type Clip, commands, useDocumentStore } from '../store/document-store';
import { useViewStore, view } from '../store/view-store';

/**
 * Copy and paste of nodes with the edges among them. The clip lives in memory and, as JSON text,
 * on the system clipboard (so it travels between tabs). Pasted text is checked with the file
 * schema: clipboard content is untrusted input.
 */
const CLIP_FORMAT = 'peel.clipboard';
/** Built on the first paste, with the file schema it is made of (neither is needed at start). */
const clipSchema = lazySchema(() => {
  const { NodeSchema, EdgeSchema } = workflowSchemas();
  return z.object({
    format: z.literal(CLIP_FORMAT),
    nodes: z.array(NodeSchema).max(5000),
    edges: z.array(EdgeSchema).max(20000),
  });
});

let memoryClip: Clip | null = null;
let pasteCount = 0;
const PASTE_STEP = 32;

export function selectionClip(): Clip | null {
  const { doc } = useDocumentStore.getState();
  const selected = useViewStore.getState().selectedNodes;
  if (selected.size === 0) return null;
  const nodes: WorkflowNode[] = doc.nodes.filter((node) => selected.has(node.id));
  const edges: WorkflowEdge[] = doc.edges.filter(
    (edge) => selected.has(edge.source) && selected.has(edge.target),
  );
  return { nodes, edges };
}

export const clipToText = (clip: Clip): string => JSON.stringify({ format: CLIP_FORMAT, ...clip });

export function clipFromText(text: string): Clip | null {
  try {
    const parsed = clipSchema().safeParse(JSON.parse(text));
    return parsed.success ? { nodes: parsed.data.nodes as WorkflowNode[], edges: parsed.data.edges } : null;
  } catch {
    return null; // Not JSON: not a Peel clip.
  }
}

/** Copies the selection; returns its text for the system clipboard, or null with nothing selected. */
export function copySelection(): string | null {
  const clip = selectionClip();
  if (!clip) return null;
  memoryClip = structuredClone(clip);
  pasteCount = 0;
  return clipToText(clip);
}

export function pasteClip(clip: Clip | null = memoryClip): string[] {
  if (!clip || clip.nodes.length === 0) return [];
  pasteCount++;
  const ids = commands.pasteNodes(clip, { x: PASTE_STEP * pasteCount, y: PASTE_STEP * pasteCount });
  view.select(ids);
  return ids;
}

export function duplicateSelection(): string[] {
  const clip = selectionClip();
  if (!clip) return [];
  const ids = commands.pasteNodes(clip, { x: PASTE_STEP, y: PASTE_STEP });
  view.select(ids);
  return ids;
}

export const hasClip = (): boolean => memoryClip !== null;
