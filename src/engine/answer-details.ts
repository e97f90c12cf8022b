/**
 * What came with a model's answer besides the answer itself: search grounding (sources and
 * suggestions) and thoughts (interim images and thinking text, parts marked `thought: true`).
 * Both ride on the model turn each output image carries, so they are cached with the outputs and
 * reach every consumer of a node's outputs (run store, run record) without a second channel.
 * Thought images are never outputs: they are shown, not exported.
 */
import type { GroundingInfo } from './grounding';
import { type ConversationTurn, type ImageValue, imagesOf, type NodeOutputs } from './values';

export interface AnswerDetails {
  grounding?: GroundingInfo;
  thoughtTexts: string[];
  thoughtImages: ImageValue[];
}

function answerTurn(image: ImageValue): ConversationTurn | undefined {
  const last = image.conversation?.at(-1);
  return last?.role === 'model' ? last : undefined;
}

function detailsOf(turn: ConversationTurn): AnswerDetails | undefined {
  const thoughtTexts: string[] = [];
  const thoughtImages: ImageValue[] = [];
  for (const part of turn.parts) {
    if (!part.thought) continue;
    if (part.kind === 'image') thoughtImages.push(part.image);
    else if (part.text.trim() !== '') thoughtTexts.push(part.text);
  }
  if (!turn.grounding && thoughtTexts.length === 0 && thoughtImages.length === 0) return undefined;
  return { ...(turn.grounding ? { grounding: turn.grounding } : {}), thoughtTexts, thoughtImages };
}

/**
 * One entry per distinct answer among a node's output images (variations are separate answers;
 * several images of one answer share its turn), in output order.
 */
export function answerDetailsOf(outputs: NodeOutputs | undefined): AnswerDetails[] {
  if (!outputs) return [];
  const images = Object.values(outputs).flatMap((value) => imagesOf(value));
  const seenKeys = new Set<string>();
  const answers: AnswerDetails[] = [];
  for (const image of images) {
    const turn = answerTurn(image);
    if (!turn) continue;
    // `image` and `images[0]` are the same answer; after a cache round-trip they are separate
    // objects, so the same answer is told by what its turn holds, not by identity.
    const key = turnKey(turn);
    if (seenKeys.has(key)) continue;
    seenKeys.add(key);
    const details = detailsOf(turn);
    if (details) answers.push(details);
  }
  return answers;
}

function turnKey(turn: ConversationTurn): string {
  return turn.parts
    .map((part) => {
      if (part.kind === 'text') return `t:${part.text}`;
      // Stryker disable next-line StringLiteral: any constant for a missing signature keys the same answers alike
      const signature = part.thoughtSignature ?? '';
      return `i:${part.image.hash}:${signature}`;
    })
    .join('|');
}
