import { describe, expect, it } from 'vitest';
import { compactBodySize } from '../../../src/editor/node-ui/compact-size';
import type { NodeRunState } from '../../../src/editor/store/run-store';
import { node } from '../../helpers/workflows';

const IDLE: NodeRunState = { status: 'idle', previous: [] };

describe('compactBodySize: the far-out box, before it is drawn', () => {
  it('is the width, the bands and the port rows (the sizes Chromium lays out)', () => {
    // One port row (prompt, export), three inputs (edit), four outputs (generate): measured in
    // Chromium at 83, 111 and 125 px; level-of-detail.e2e.ts checks every registry type.
    expect(compactBodySize(node('p', 'prompt', { text: 'a fox' }), IDLE)).toEqual({ width: 280, height: 83 });
    expect(compactBodySize(node('x', 'export'), undefined)).toEqual({ width: 280, height: 83 });
    expect(compactBodySize(node('e', 'edit'), IDLE)).toEqual({ width: 280, height: 111 });
    expect(compactBodySize(node('g', 'generate'), IDLE)).toEqual({ width: 280, height: 125 });
  });

  it('is the size the user gave a node', () => {
    const sized = node('p', 'prompt', {}, { size: { width: 400, height: 300 } });
    expect(compactBodySize(sized, IDLE)).toEqual({ width: 400, height: 300 });
  });

  it('is not known for a collapsed node, one showing outputs, an annotation or an unknown type', () => {
    expect(compactBodySize(node('p', 'prompt', {}, { collapsed: true }), IDLE)).toBeUndefined();
    const shown: NodeRunState = { ...IDLE, status: 'done', outputs: { images: [], text: 'a caption' } };
    expect(compactBodySize(node('p', 'prompt'), shown)).toBeUndefined();
    expect(compactBodySize(node('n', 'note', { text: 'hi' }), IDLE)).toBeUndefined();
    expect(compactBodySize(node('u', 'no-such-type'), IDLE)).toBeUndefined();
  });
});
