import { describe, expect, it } from 'vitest';
import { storedOutputsView } from '../../../src/editor/persistence/restore-runs';
import { outputsView } from '../../../src/editor/store/run-store';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { encodeOutputs } from '../../../src/engine/cache-codec';
import { makeTestPng } from '../../../src/engine/image/test-images';
import type { ConversationTurn, NodeOutputs } from '../../../src/engine/values';

const assets = new MemoryAssetStore();
const png = (r: number) =>
  assets.put(makeTestPng({ width: 2, height: 2, rgba: [r, 0, 0, 255] }), 'image/png');

describe('a run restored from history keeps its grounding and thoughts', () => {
  it('the stored view shows what the live view showed', () => {
    const answer = png(10);
    const draft = png(20);
    const modelTurn: ConversationTurn = {
      role: 'model',
      parts: [
        { kind: 'text', text: 'planning', thought: true },
        { kind: 'image', image: draft, thought: true },
        { kind: 'image', image: answer, thoughtSignature: 'sig' },
      ],
      grounding: {
        searchEntryPoint: '<div>chip</div>',
        webSearchQueries: ['q'],
        sources: [{ uri: 'https://example.org/', title: 'Example' }],
      },
    };
    const conversation: ConversationTurn[] = [
      { role: 'user', parts: [{ kind: 'text', text: 'a cat' }] },
      modelTurn,
    ];
    const outputs: NodeOutputs = {
      image: { ...answer, conversation },
      images: [{ ...answer, conversation }],
      text: '',
    };
    const live = outputsView(outputs);
    const restored = storedOutputsView(encodeOutputs(outputs).outputs);
    expect(live?.grounding?.[0]?.sources).toEqual([{ uri: 'https://example.org/', title: 'Example' }]);
    expect(live?.thoughts).toEqual({ texts: ['planning'], images: [draft.hash] });
    expect(restored).toEqual(live);
  });
});
