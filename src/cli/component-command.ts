import { extname, resolve } from 'node:path';
import { nodeRegistry } from '../../nodes/registry';
import { makeComponent } from '../engine/components/make';
import { serializeWorkflow } from '../engine/save';
import { writeFileAtomic } from './atomic-write';
import { type CliIO, EXIT } from './cli-io';
import { printErrors } from './prepare';
import { readWorkflowFile } from './read-workflow';

export interface ComponentExtractArgs {
  workflowPath: string;
  nodeIds: string[];
  name: string;
  outPath?: string;
}

/**
 * `peel component extract`: the editor's "Make component" for scripts. The same pure helper
 * makes the component; the file is written whole (atomic), to `--out` or in place.
 */
export async function componentExtractCommand(args: ComponentExtractArgs, io: CliIO): Promise<number> {
  const source = resolve(io.cwd, args.workflowPath);
  const loaded = await readWorkflowFile(source);
  if (!loaded.ok) {
    printErrors(io, loaded.error);
    return EXIT.invalid;
  }
  if (args.outPath === undefined && extname(source).toLowerCase() !== '.json') {
    io.stderr('error: this workflow came from an image; write the result with --out FILE.json');
    return EXIT.invalid;
  }
  const made = makeComponent(loaded.value.workflow, args.nodeIds, {
    name: args.name,
    registry: nodeRegistry,
  });
  if (!made.ok) {
    printErrors(io, [made.error]);
    return EXIT.invalid;
  }
  const { component, instanceId, workflow } = made.value;
  const target = resolve(io.cwd, args.outPath ?? args.workflowPath);
  await writeFileAtomic(
    target,
    serializeWorkflow(workflow, { getImage: (hash) => loaded.value.assets.getSync(hash) }),
  );
  const names = (ports: readonly { name: string; type: string }[]) =>
    ports.length === 0 ? 'none' : ports.map((port) => `${port.name} (${port.type})`).join(', ');
  io.stdout(
    `wrote ${args.outPath ?? args.workflowPath}: component "${component.id}" (${component.name}) from ${component.nodes.length} node${component.nodes.length === 1 ? '' : 's'}; inputs: ${names(component.inputs)}; outputs: ${names(component.outputs)}; used as node "${instanceId}"`,
  );
  return EXIT.ok;
}
