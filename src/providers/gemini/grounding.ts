/**
 * Grounding results of a Google Search grounded answer, kept for display as Google requires:
 * the search suggestions (`searchEntryPoint.renderedContent`, Google's own HTML, shown only in a
 * sandboxed frame, never inserted into the page) and the sources: `groundingChunks[].web` for web
 * results, `groundingChunks[].image` for image search results (GroundingChunkImage in the SDK:
 * sourceUri, imageUri, title, domain; and `imageSearchQueries`: read 2026-12-02 from the
 * @google/genai 2.32.0 types and googleapis.github.io/java-genai GroundingChunkImage).
 */
import type { GroundingInfo, GroundingSource } from '../../engine/provider';

interface WireWebChunk {
  uri?: string | null;
  title?: string | null;
  domain?: string | null;
}

interface WireImageChunk {
  sourceUri?: string | null;
  imageUri?: string | null;
  title?: string | null;
  domain?: string | null;
}

export interface WireGroundingMetadata {
  webSearchQueries?: (string | null)[] | null;
  imageSearchQueries?: (string | null)[] | null;
  searchEntryPoint?: { renderedContent?: string | null } | null;
  groundingChunks?: Array<{ web?: WireWebChunk | null; image?: WireImageChunk | null } | null> | null;
}

/** Only http(s) links are kept: a source is shown as a link, and no other scheme belongs in one. */
function webLink(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function sourceFrom(
  chunk: NonNullable<WireGroundingMetadata['groundingChunks']>[number],
): GroundingSource | undefined {
  const web = chunk?.web;
  const webUri = webLink(web?.uri);
  if (web && webUri) {
    return {
      uri: webUri,
      ...(web.title ? { title: web.title } : {}),
      ...(web.domain ? { domain: web.domain } : {}),
    };
  }
  const image = chunk?.image;
  // An image result links to the page holding the image, not the image file.
  const page = webLink(image?.sourceUri);
  if (!image || !page) return undefined;
  const imageUri = webLink(image.imageUri);
  return {
    uri: page,
    ...(image.title ? { title: image.title } : {}),
    ...(image.domain ? { domain: image.domain } : {}),
    ...(imageUri ? { imageUri } : {}),
  };
}

const strings = (list: (string | null)[] | null | undefined): string[] =>
  (list ?? []).filter((query): query is string => !!query);

export function groundingFrom(metadata: WireGroundingMetadata | null | undefined): GroundingInfo | undefined {
  if (!metadata) return undefined;
  const sources: GroundingSource[] = [];
  for (const chunk of metadata.groundingChunks ?? []) {
    const source = sourceFrom(chunk);
    if (source) sources.push(source);
  }
  const rendered = metadata.searchEntryPoint?.renderedContent;
  const imageSearchQueries = strings(metadata.imageSearchQueries);
  return {
    ...(rendered ? { searchEntryPoint: rendered } : {}),
    sources,
    webSearchQueries: strings(metadata.webSearchQueries),
    ...(imageSearchQueries.length > 0 ? { imageSearchQueries } : {}),
  };
}
