import { answerDetailsOf } from '../engine/answer-details';
import type { RunEvent } from '../engine/events';
import type { ImageValue, NodeOutputs } from '../engine/values';

const describeImage = (image: ImageValue) => ({
  hash: image.hash,
  mimeType: image.mimeType,
  bytes: image.bytes.length,
});

/** Outputs without their bytes or conversations: what a log line can carry. */
export function summarizeOutputs(outputs: NodeOutputs): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(outputs)) {
    if (typeof value === 'string') summary[name] = value;
    else if (Array.isArray(value))
      summary[name] = (value as Array<string | ImageValue>).map((item) =>
        typeof item === 'string' ? item : describeImage(item),
      );
    else summary[name] = describeImage(value);
  }
  return summary;
}

/** A RunEvent as one JSON line for `--json`. */
export function eventToJsonLine(event: RunEvent, extra: Record<string, unknown> = {}): string {
  if (event.type === 'node-finish') {
    const { outputs, exports, ...rest } = event;
    // Search grounding travels with the answer: its queries and sources (not Google's HTML).
    const grounding = answerDetailsOf(outputs).flatMap(({ grounding: found }) =>
      found ? [{ webSearchQueries: found.webSearchQueries, sources: found.sources }] : [],
    );
    return JSON.stringify({
      ...rest,
      ...(outputs ? { outputs: summarizeOutputs(outputs) } : {}),
      ...(grounding.length > 0 ? { grounding } : {}),
      ...(exports ? { exports: exports.map((file) => file.baseName) } : {}),
      ...extra,
    });
  }
  return JSON.stringify({ ...event, ...extra });
}
