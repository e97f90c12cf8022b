import { describe, expect, it } from 'vitest';
import { modelFeatureFields } from '../../../nodes/shared/model-features';
import { applyInputs, EXPOSED_MODEL_SETTINGS, exposedInputs } from '../../../src/engine/inputs';
import type { Workflow } from '../../../src/engine/workflow';

const flow = (): Workflow => ({
  format: 'peel.workflow',
  version: 1,
  name: 'settings',
  nodes: [
    {
      id: 'g',
      type: 'generate',
      position: { x: 0, y: 0 },
      params: { model: 'gemini-3.1-flash-image', seed: 3, topP: 0.5 },
      exposeAs: 'look',
    },
  ],
  edges: [],
});

describe('model settings as an exposed input', () => {
  it('are exactly the optional model features of the node params (no drift between the two lists)', () => {
    expect([...EXPOSED_MODEL_SETTINGS].sort()).toEqual(Object.keys(modelFeatureFields).sort());
  });

  it('a generate node exposes its settings; values merge over its params, null clears one', () => {
    expect(exposedInputs(flow())).toEqual([
      { name: 'look', nodeId: 'g', nodeType: 'generate', kind: 'settings' },
    ]);
    const applied = applyInputs(flow(), {
      look: { kind: 'settings', settings: { temperature: 0.2, seed: null } },
    });
    if (!applied.ok) throw new Error(applied.error[0]?.message);
    expect(applied.value.nodes[0]?.params).toEqual({
      model: 'gemini-3.1-flash-image',
      topP: 0.5,
      temperature: 0.2,
    });
  });

  it('refuses keys that are not model settings, and text for a settings input', () => {
    const wrongKey = applyInputs(flow(), {
      look: { kind: 'settings', settings: { model: 'x', prompt: 'y' } },
    });
    expect(wrongKey.ok).toBe(false);
    if (!wrongKey.ok) expect(wrongKey.error[0]?.message).toContain('cannot set "model", "prompt"');
    const wrongKind = applyInputs(flow(), { look: { kind: 'text', text: 'warm' } });
    expect(wrongKind.ok).toBe(false);
    if (!wrongKind.ok) expect(wrongKind.error[0]?.message).toBe('input "look" takes model settings');
  });
});

describe('model settings in a batch cell (Batch panel)', () => {
  it('a JSON cell becomes the settings; anything else is a problem for that row', async () => {
    const { rowValues, ImageFiles } = await import('../../../src/editor/panels/batch/batch-rows');
    const inputs = exposedInputs(flow());
    const table = { columns: ['look'], rows: [] };
    const good = await rowValues(table, ['{"temperature":0.5}'], inputs, new ImageFiles([]));
    expect(good).toEqual({
      values: { look: { kind: 'settings', settings: { temperature: 0.5 } } },
      problems: [],
    });
    const bad = await rowValues(table, ['warm'], inputs, new ImageFiles([]));
    expect(bad.values).toEqual({});
    expect(bad.problems[0]).toContain('input "look" takes model settings as a JSON object');
  });
});
