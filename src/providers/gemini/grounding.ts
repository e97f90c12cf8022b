/**
 * Grounding results of a Google Search grounded answer, kept for display as Google requires:
 * the search suggestions (`searchEntryPoint.renderedContent`, Google's own HTML, shown only in a
 * sandboxed frame, never inserted into the page) and the sources (`groundingChunks[].web`).
 */
import type { GroundingInfo } from '../../engine/provider';

export interface WireGroundingMetadata {
  webSearchQueries?: (string | null)[] | null;
  searchEntryPoint?: { renderedContent?: string | null } | null;
  groundingChunks?: Array<{ web?: { uri?: string | null; title?: string | null } | null } | null> | null;
}

export function groundingFrom(metadata: WireGroundingMetadata | null | undefined): GroundingInfo | undefined {
  if (!metadata) return undefined;
  const sources: GroundingInfo['sources'] = [];
  for (const chunk of metadata.groundingChunks ?? []) {
    const uri = chunk?.web?.uri;
    if (!uri) continue;
    const title = chunk?.web?.title;
    sources.push({ uri, ...(title ? { title } : {}) });
  }
  const rendered = metadata.searchEntryPoint?.renderedContent;
  return {
    ...(rendered ? { searchEntryPoint: rendered } : {}),
    sources,
    webSearchQueries: (metadata.webSearchQueries ?? []).filter((query): query is string => !!query),
  };
}
