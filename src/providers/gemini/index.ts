export { MAX_INLINE_IMAGE_BYTES, MAX_REQUEST_BYTES } from './limits';
export { createGeminiProvider, GEMINI_PROVIDER_ID, type GeminiProviderOptions } from './provider';
