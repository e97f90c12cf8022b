import { describe, expect, it } from 'vitest';
import { fillFilenameTemplate } from '../../../nodes/export/filename';
import { nodeRegistry } from '../../../nodes/registry';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { promptGenerateExport } from '../../helpers/workflows';

async function exportedNames(template: string, labels: Record<string, string> = {}): Promise<string[]> {
  const workflow = promptGenerateExport(['a fox', 'a heron', 'a moth']);
  for (const node of workflow.nodes) {
    if (node.id === 'out') node.params = { filename: template };
    const label = labels[node.id];
    if (label !== undefined) node.label = label;
  }
  const events: RunEvent[] = [];
  const result = await runWorkflow(workflow, {
    registry: nodeRegistry,
    provider: scriptedProvider(),
    onEvent: (event) => events.push(event),
  });
  expect(result.status).toBe('ok');
  const finish = events.find((event) => event.type === 'node-finish' && event.nodeId === 'out');
  return finish?.type === 'node-finish' ? (finish.exports ?? []).map((file) => file.baseName) : [];
}

describe('export file names: {node} is the node that made the image', () => {
  it('three Generates into one Export give three different names, each after its Generate', async () => {
    const names = await exportedNames('brand-{node}-{n}');
    expect(names).toEqual(['brand-g0-1', 'brand-g1-1', 'brand-g2-1']);
  });

  it('a labelled Generate is named by its label, made file-safe; {export} names the Export node', async () => {
    const names = await exportedNames('{export}-{node}', { g1: 'Hero shot / {row}', out: 'Shop' });
    expect(names).toEqual(['Shop-g0', 'Shop-Hero-shot---{row}', 'Shop-g2']);
  });

  it('without {node}, {n} still counts every image the Export receives', async () => {
    expect(await exportedNames('{export}-{n}')).toEqual(['out-1', 'out-2', 'out-3']);
  });

  it('fills each token once: text arriving in a field is never read as another token', () => {
    const name = fillFilenameTemplate('{workflow}-{node}-{row}', {
      workflow: '{node}',
      node: 'g1',
      export: 'out',
      row: 7,
      n: 1,
      date: new Date('2026-12-02T00:00:00Z'),
    });
    expect(name).toBe('{node}-g1-7');
  });
});
