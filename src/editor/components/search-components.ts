import type { ComponentDefinition } from '../../engine/components/types';
import { componentIdOf, isComponentNode } from '../../engine/components/types';
import type { PortType } from '../../engine/ports';

/** Whether `component` holds an instance of `target`, directly or through the components it uses. */
function uses(
  components: readonly ComponentDefinition[],
  component: ComponentDefinition,
  target: string,
  seen = new Set<string>(),
): boolean {
  if (seen.has(component.id)) return false;
  seen.add(component.id);
  return component.nodes.some((node) => {
    if (!isComponentNode(node)) return false;
    const id = componentIdOf(node);
    if (id === target) return true;
    const inner = components.find((candidate) => candidate.id === id);
    return inner ? uses(components, inner, target, seen) : false;
  });
}

export interface ComponentMatch {
  component: ComponentDefinition;
  /** With a released link: the port of the new instance it connects to. */
  port?: string;
}

/**
 * This workflow's components matching the typed words, as the search popup lists them. Inside an
 * opened component, the ones that would contain themselves are left out; with a released link, only
 * those with a port of its type.
 */
export function searchComponents(
  components: readonly ComponentDefinition[] | undefined,
  query: string,
  openPath: readonly string[],
  link?: { portType: PortType; side: 'source' | 'target' },
): ComponentMatch[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches: ComponentMatch[] = [];
  for (const component of components ?? []) {
    if (openPath.some((open) => open === component.id || uses(components ?? [], component, open))) continue;
    const haystack =
      `component ${component.id} ${component.name} ${component.description ?? ''}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    if (!link) {
      matches.push({ component });
      continue;
    }
    // A link from an output wants an input of its type; a link from an input wants an output.
    const ports = link.side === 'source' ? component.inputs : component.outputs;
    const port = ports.find((candidate) => candidate.type === link.portType);
    if (port) matches.push({ component, port: port.name });
  }
  return matches;
}
