/**
 * RunRecorder: the node entries of run.json, built from node-finish events only, with the node's
 * type and model, cached status, cost, public error fields, notes, files and failed writes.
 */
import { describe, expect, it } from 'vitest';
import { ZERO_USAGE } from '../../../src/engine/cost';
import type { RunEvent } from '../../../src/engine/events';
import { RunRecorder } from '../../../src/engine/run-record';
import { edge, node, workflowOf } from '../../helpers/workflows';

const workflow = () =>
  workflowOf(
    [
      node('p', 'prompt', { text: 'x' }),
      node('g', 'generate', { model: 'gemini-3-pro-image' }),
      node('out', 'export'),
    ],
    [edge('p', 'text', 'g', 'prompt'), edge('g', 'image', 'out', 'images')],
  );

const finish = (nodeId: string, extra: Record<string, unknown> = {}) =>
  ({
    type: 'node-finish',
    runId: 'r',
    nodeId,
    status: 'done',
    at: 0,
    durationMs: 12,
    calls: 1,
    ...extra,
  }) as never;

describe('RunRecorder', () => {
  it('records finished nodes only, with type, model, status, cost and usage', () => {
    const recorder = new RunRecorder(workflow());
    recorder.onEvent({ type: 'node-start', runId: 'r', nodeId: 'g', at: 0 } as RunEvent);
    expect(recorder.records()).toEqual([]);
    const usage = { ...ZERO_USAGE, promptTokens: 4 };
    recorder.onEvent(finish('g', { usage, costUsd: 0.04 }));
    recorder.onEvent(finish('p', { status: 'cached', costUsd: null }));
    recorder.onEvent(finish('ghost'));
    expect(recorder.records()).toEqual([
      {
        id: 'g',
        type: 'generate',
        status: 'done',
        cached: false,
        durationMs: 12,
        usage,
        costUsd: 0.04,
        files: [],
        model: 'gemini-3-pro-image',
      },
      {
        id: 'p',
        type: 'prompt',
        status: 'cached',
        cached: true,
        durationMs: 12,
        usage: null,
        costUsd: 0,
        files: [],
      },
      {
        id: 'ghost',
        type: 'unknown',
        status: 'done',
        cached: false,
        durationMs: 12,
        usage: null,
        costUsd: 0,
        files: [],
      },
    ]);
  });

  it('keeps only the code and message of an error, and notes when there are some', () => {
    const recorder = new RunRecorder(workflow());
    recorder.onEvent(
      finish('g', {
        status: 'failed',
        error: { code: 'timeout', message: 'slow', nodeId: 'g', path: 'x' },
        notes: ['kept'],
      }),
    );
    recorder.onEvent(finish('p', { notes: [] }));
    const [g, p] = recorder.records();
    expect(g?.error).toEqual({ code: 'timeout', message: 'slow' });
    expect(g?.notes).toEqual(['kept']);
    expect(p).not.toHaveProperty('notes');
    expect(p).not.toHaveProperty('error');
  });

  it('files, the node each file came from (when another), and failed writes', () => {
    const recorder = new RunRecorder(workflow());
    recorder.onEvent(finish('out'));
    recorder.addFiles('out', ['a.png', 'b.png'], 'g');
    recorder.addFiles('out', ['c.png'], 'out');
    recorder.addFiles('out', ['d.png']);
    recorder.addFiles('ghost', ['x.png'], 'g');
    recorder.addWriteError('out', 'e.png', 'disk full');
    recorder.addWriteError('out', 'f.png', 'name too long');
    recorder.addWriteError('ghost', 'y.png', 'no');
    expect(recorder.records()).toEqual([
      {
        id: 'out',
        type: 'export',
        status: 'done',
        cached: false,
        durationMs: 12,
        usage: null,
        costUsd: 0,
        files: ['a.png', 'b.png', 'c.png', 'd.png'],
        producedBy: { 'a.png': 'g', 'b.png': 'g' },
        writeErrors: [
          { file: 'e.png', reason: 'disk full' },
          { file: 'f.png', reason: 'name too long' },
        ],
      },
    ]);
  });
  it("a model node's record carries its answers' grounding and thoughts (a count of thought images, no bytes)", () => {
    const pixel = { bytes: new Uint8Array([1]), mimeType: 'image/png', hash: 'h' };
    const grounding = {
      sources: [{ uri: 'https://example.org/a' }],
      webSearchQueries: ['night sky'],
      imageSearchQueries: ['stars'],
    };
    const answer = (text: string, withGrounding: boolean) => ({
      ...pixel,
      hash: text,
      conversation: [
        { role: 'user' as const, parts: [{ kind: 'text' as const, text: 'go', thought: false }] },
        {
          role: 'model' as const,
          parts: [
            { kind: 'text' as const, text, thought: true },
            { kind: 'image' as const, image: pixel, thought: true },
            { kind: 'image' as const, image: pixel, thought: true },
          ],
          ...(withGrounding ? { grounding } : {}),
        },
      ],
    });
    const outputs = { images: [answer('first idea', true), answer('second idea', false)] };
    const recorder = new RunRecorder(workflow());
    recorder.onEvent(finish('g', { outputs, element: { of: 'g', index: 2 }, nodeId: 'g[2]' }));
    // The same answer on a node without a model is not that node's answer.
    recorder.onEvent(finish('out', { outputs }));
    const [generated, exported] = recorder.records();
    expect(generated).toMatchObject({
      id: 'g[2]',
      of: 'g',
      element: 2,
      type: 'generate',
      model: 'gemini-3-pro-image',
    });
    expect(generated?.grounding).toEqual([grounding]);
    expect(generated?.thoughts).toEqual({ texts: ['first idea', 'second idea'], images: 4 });
    expect(exported).not.toHaveProperty('grounding');
    expect(exported).not.toHaveProperty('thoughts');
    expect(exported).not.toHaveProperty('model');
    // A model node whose answer has neither grounding nor thoughts gets neither key.
    const plain = new RunRecorder(workflow());
    plain.onEvent(finish('g', { outputs: { image: pixel } }));
    expect(Object.keys(plain.records()[0] ?? {})).not.toContain('grounding');
    expect(Object.keys(plain.records()[0] ?? {})).not.toContain('thoughts');
  });
});
