/**
 * What Google Search grounding returned with an answer, kept for display as Google requires
 * (https://ai.google.dev/gemini-api/docs/grounding/search-suggestions, read 2026-12-02): the
 * search suggestions shown exactly as sent, visible whenever the grounded answer is, and the
 * sources as links. It rides on the model turn that produced the answer, so it is cached with it.
 */
export interface GroundingSource {
  /** The page: `groundingChunks[].web.uri`, or for an image result `image.sourceUri` (the page holding the image). */
  uri: string;
  title?: string;
  domain?: string;
  /** Image search results only: `groundingChunks[].image.imageUri` (the image file itself). */
  imageUri?: string;
}

export interface GroundingInfo {
  /** `groundingMetadata.searchEntryPoint.renderedContent`: Google's search-suggestions chip (HTML and CSS). */
  searchEntryPoint?: string;
  sources: GroundingSource[];
  webSearchQueries: string[];
  /** `groundingMetadata.imageSearchQueries`, when image search was used. */
  imageSearchQueries?: string[];
}
