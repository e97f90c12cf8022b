import { NODE_TYPES, type NodeType, nodeRegistry } from '../../../nodes/registry';
import { canConnect, type PortType } from '../../engine/ports';
import { useSettingsStore } from '../settings/settings-store';

export interface CatalogEntry {
  type: NodeType;
  title: string;
  description: string;
  /** With a pending link: the new node's port it connects to. */
  port?: string;
}

export interface PendingLink {
  /** The type of the port the link was dragged from. */
  portType: PortType;
  /** 'source': dragged from an output, so the new node needs a matching input. */
  side: 'source' | 'target';
}

function matchingPort(type: NodeType, pending: PendingLink): string | undefined {
  const definition = nodeRegistry[type];
  if (pending.side === 'source') {
    return Object.entries(definition.inputs).find(([, spec]) => canConnect(pending.portType, spec.type))?.[0];
  }
  return Object.entries(definition.outputs).find(([, spec]) => canConnect(spec.type, pending.portType))?.[0];
}

/** Node types matching a search, and (for a released link) those with a compatible port. */
export function searchNodeTypes(query: string, pending?: PendingLink): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const entries: CatalogEntry[] = [];
  const byName: CatalogEntry[] = [];
  for (const type of NODE_TYPES) {
    const definition = nodeRegistry[type];
    const haystack = `${type} ${definition.title} ${definition.description}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    const entry: CatalogEntry = { type, title: definition.title, description: definition.description };
    if (pending) {
      const port = matchingPort(type, pending);
      if (!port) continue;
      entry.port = port;
    }
    // Nodes whose name matches come first: "generate" + Enter adds a Generate, not the Prompt
    // whose description mentions Generate.
    const name = `${type} ${definition.title}`.toLowerCase();
    if (words.length > 0 && words.every((word) => name.includes(word))) byName.push(entry);
    else entries.push(entry);
  }
  return [...byName, ...entries];
}

/** Params for a new node: the schema defaults, with the user's default model. */
export function defaultParams(type: NodeType): Record<string, unknown> {
  const parsed = nodeRegistry[type].params.safeParse({});
  const params: Record<string, unknown> = parsed.success
    ? { ...(parsed.data as Record<string, unknown>) }
    : {};
  if (type === 'generate' || type === 'edit') params.model = useSettingsStore.getState().defaultModel;
  return params;
}

export const NODE_DRAG_MIME = 'application/peel-node';
