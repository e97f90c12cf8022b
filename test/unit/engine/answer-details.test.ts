import { describe, expect, it } from 'vitest';
import { answerDetailsOf } from '../../../src/engine/answer-details';
import type { GroundingInfo } from '../../../src/engine/grounding';
import type { ConversationPart, ConversationTurn, ImageValue } from '../../../src/engine/values';

const picture = (seed: string, conversation?: ConversationTurn[]): ImageValue => ({
  bytes: new Uint8Array([seed.charCodeAt(0)]),
  mimeType: 'image/png',
  hash: seed.repeat(64).slice(0, 64),
  ...(conversation ? { conversation } : {}),
});
const thought = (text: string): ConversationPart => ({ kind: 'text', text, thought: true });
const thoughtImage = (seed: string, thoughtSignature?: string): ConversationPart => ({
  kind: 'image',
  image: picture(seed),
  thought: true,
  ...(thoughtSignature ? { thoughtSignature } : {}),
});
const ask: ConversationTurn = { role: 'user', parts: [{ kind: 'text', text: 'draw' }] };
const answer = (parts: ConversationPart[], grounding?: GroundingInfo): ConversationTurn => ({
  role: 'model',
  parts,
  ...(grounding ? { grounding } : {}),
});
/** An output image whose conversation ends with `turn`. */
const outputWith = (seed: string, turn: ConversationTurn): ImageValue => picture(seed, [ask, turn]);

describe('answerDetailsOf', () => {
  it('gathers the thought texts and thought images of the answer, not its other parts', () => {
    const turn = answer([
      thought('planning'),
      { kind: 'text', text: 'the caption' },
      thoughtImage('t'),
      { kind: 'image', image: picture('o') },
      thought('   '),
    ]);
    expect(answerDetailsOf({ image: outputWith('a', turn) })).toEqual([
      { thoughtTexts: ['planning'], thoughtImages: [picture('t')] },
    ]);
  });

  it('keeps grounding, alone or with thoughts', () => {
    const grounding: GroundingInfo = {
      sources: [{ uri: 'https://example.com', title: 'ex' }],
      webSearchQueries: ['q'],
    };
    expect(answerDetailsOf({ image: outputWith('a', answer([], grounding)) })).toEqual([
      { grounding, thoughtTexts: [], thoughtImages: [] },
    ]);
    expect(answerDetailsOf({ image: outputWith('a', answer([thought('x')], grounding)) })).toEqual([
      { grounding, thoughtTexts: ['x'], thoughtImages: [] },
    ]);
  });

  it('has an entry only for an answer with grounding, a thought text or a thought image', () => {
    expect(answerDetailsOf({ image: outputWith('a', answer([thoughtImage('t')])) })).toEqual([
      { thoughtTexts: [], thoughtImages: [picture('t')] },
    ]);
    const plain = answer([{ kind: 'text', text: 'caption' }, thought(' ')]);
    expect(
      answerDetailsOf({ image: outputWith('a', plain), more: [outputWith('b', answer([thought('x')]))] }),
    ).toEqual([{ thoughtTexts: ['x'], thoughtImages: [] }]);
    expect(answerDetailsOf(undefined)).toEqual([]);
    expect(answerDetailsOf({ text: 'no images' })).toEqual([]);
  });

  it("reads the conversation's last turn, and only when the model spoke last", () => {
    const earlier = answer([thought('earlier')]);
    const latest = answer([thought('latest')]);
    expect(answerDetailsOf({ image: picture('a', [ask, earlier, ask, latest]) })).toEqual([
      { thoughtTexts: ['latest'], thoughtImages: [] },
    ]);
    const userLast: ConversationTurn = { role: 'user', parts: [thought('not an answer')] };
    expect(answerDetailsOf({ image: picture('a', [ask, earlier, userLast]) })).toEqual([]);
    expect(answerDetailsOf({ image: picture('a') })).toEqual([]);
  });

  it('gives one entry for images of one answer, even as separate copies of it', () => {
    const turn = answer([thought('shared'), thoughtImage('t', 'sig')]);
    const copy = structuredClone(turn);
    expect(
      answerDetailsOf({ images: [outputWith('a', turn), outputWith('b', turn), outputWith('c', copy)] }),
    ).toEqual([{ thoughtTexts: ['shared'], thoughtImages: [picture('t')] }]);
  });

  it('tells answers apart by their text, their images and the images’ signatures', () => {
    const entries = (turns: ConversationTurn[]) =>
      answerDetailsOf({ images: turns.map((turn, i) => outputWith(String(i), turn)) }).length;
    expect(entries([answer([thought('a')]), answer([thought('b')])])).toBe(2);
    expect(entries([answer([thoughtImage('x')]), answer([thoughtImage('y')])])).toBe(2);
    expect(entries([answer([thoughtImage('x', 's1')]), answer([thoughtImage('x', 's2')])])).toBe(2);
    // Parts are kept apart in the comparison: ['a', 'b'] is not the single text 'a' + 'b'.
    expect(entries([answer([thought('a'), thought('b')]), answer([thought('at:b')])])).toBe(2);
    expect(entries([answer([thought('a'), thought('b')]), answer([thought('a'), thought('b')])])).toBe(1);
  });
});
