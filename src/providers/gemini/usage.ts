/**
 * Billed usage from Gemini's usageMetadata. Output is priced by modality, so image tokens are
 * separated from text tokens; thinking is reported apart from the candidates and billed as text.
 */
import { costFromUsage, type Usage } from '../../engine/cost';
import type { WireUsage } from './wire';

const count = (value: number | null | undefined): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

/**
 * `answerHasImage` covers answers without per-modality details: their candidate tokens are then
 * counted as image tokens, so the estimate errs towards the higher price rather than the lower.
 */
export function usageFromMetadata(metadata: WireUsage | null | undefined, answerHasImage: boolean): Usage {
  const candidates = count(metadata?.candidatesTokenCount);
  const details = metadata?.candidatesTokensDetails;
  const imageTokens = Array.isArray(details)
    ? details
        .filter((detail) => detail?.modality?.toUpperCase() === 'IMAGE')
        .reduce((sum, detail) => sum + count(detail.tokenCount), 0)
    : answerHasImage
      ? candidates
      : 0;
  const promptTokens = count(metadata?.promptTokenCount);
  const thoughtsTokens = count(metadata?.thoughtsTokenCount);
  const textOutputTokens = Math.max(0, candidates - imageTokens);
  const reportedTotal = count(metadata?.totalTokenCount);
  return {
    promptTokens,
    imageOutputTokens: imageTokens,
    textOutputTokens,
    thoughtsTokens,
    totalTokens: reportedTotal > 0 ? reportedTotal : promptTokens + candidates + thoughtsTokens,
  };
}

export interface BilledUsage {
  usage: Usage;
  costUsd: number | null;
}

export function billedUsage(model: string, metadata: WireUsage | null | undefined, answerHasImage: boolean) {
  const usage = usageFromMetadata(metadata, answerHasImage);
  return { usage, costUsd: costFromUsage(model, usage) } satisfies BilledUsage;
}
