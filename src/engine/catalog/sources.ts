import type { Source } from './types';

/**
 * Every source the catalog cites, with the day it was read. Google's own pages were not reachable
 * directly; where a figure comes only through a third party it is marked `unverified`.
 */
export const READ_ON = '2026-12-02';

export const PRICES_FROM_WIRE_NOTES: Source = {
  read: '2026-11-25',
  url: 'https://ai.google.dev/gemini-api/docs/pricing',
  note: 'as summarised in shared/gemini-wire-samples/README.md (read 2026-11-25); per-image prices of the preview ids (lumenfall.ai, Feb 2026: $0.045/$0.067/$0.101/$0.151 for 512/1K/2K/4K) agree with $60/1M image tokens',
};

export const DEPRECATIONS: Source = {
  read: READ_ON,
  url: 'https://ai.google.dev/gemini-api/docs/deprecations',
  note: "read on Google's own page 2026-12-02: gemini-3.1-flash-image and gemini-3-pro-image released 2026-05-28; gemini-3.1-flash-image-preview and gemini-3-pro-image-preview shut down 2026-06-25 (replacements the GA ids); gemini-2.5-flash-image shut down 2026-10-02 (also the changelog of 2026-05-28)",
};

export const CHANGELOG_NANO_BANANA_2_1: Source = {
  read: READ_ON,
  url: 'https://ai.google.dev/gemini-api/docs/changelog',
  note: 'Google changelog, 2026-10-06: gemini-nano-banana-2.1 GA (update of Nano Banana 2: 1K/2K/4K, 14 aspect ratios incl. 1:4, 4:1, 1:8, 8:1); gemini-3.1-flash-image deprecated, "no shutdown date announced", migrate to gemini-nano-banana-2.1. Third parties report the shutdown of gemini-3.1-flash-image on 2026-10-29 (github.com/BerriAI/litellm/discussions/44983; skills.sh/jpcaparas/skills/nanobanana, snapshot 2026-10-18): not on a Google page found, so not recorded as a shutdown date',
};

export const NANO_BANANA_2_1_PRICES: Source = {
  read: READ_ON,
  url: 'https://github.com/BerriAI/litellm/discussions/44983',
  unverified: true,
  note: "image output $30/1M ($0.0336 per 1K image), text input $1.50/1M, text output $7.50/1M (LiteLLM); $0.0336-$0.1134 per image 1K-4K and $0.014 per Google Search query (inference.sh/apps/google/gemini-nano-banana-2-1, updated 2026-11-06); Google pricing page not read directly; 2K image tokens not published in these sources (Nano Banana 2's 1680 assumed)",
};

export const DEPRECATIONS_TEXT: Source = {
  read: READ_ON,
  url: 'https://dev.to/aideprecations/what-to-do-before-gemini-25-pro-and-25-flash-are-retired-on-december-1-2026-5gg9',
  unverified: true,
  note: 'quotes Google deprecations page read 2026-11-10: gemini-2.5-pro and gemini-2.5-flash shut down 2026-12-01, replacements gemini-3.8-flash and gemini-3.5-flash-lite; Google page itself not read',
};

export const FLASH_LITE_IMAGE: Source = {
  read: READ_ON,
  url: 'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-1-flash-lite-image',
  note: 'Vertex model card (mirror): GA, released 2026-06-30, 14 images per prompt, 14 aspect ratios, 1K only, 65,536 input / 4,096 output tokens; prices $0.25 input, $30/1M image output (1120 tokens per 1K image = $0.0336), $1.50 text output via lumenfall.ai citing cloud.google.com/vertex-ai/generative-ai/pricing',
};

export const PREVIEW_ID_SHUTDOWN_UNKNOWN: Source = {
  read: READ_ON,
  url: 'https://ai.google.dev/gemini-api/docs/deprecations',
  unverified: true,
  note: 'shut down before 2026 (the id answers 404); the exact date was not found',
};

export const IMAGE_GENERATION_DOCS: Source = {
  read: READ_ON,
  url: 'https://ai.google.dev/gemini-api/docs/image-generation',
  note: 'imageConfig aspectRatio/imageSize, 512 only on 3.1 Flash Image, uppercase K; thinking levels MINIMAL/HIGH and web+image search grounding on Nano Banana 2 (seen through replicate.com/google/nano-banana-2 and modelstream.ai, 2026); Google page not read directly',
  unverified: true,
};

export const TEXT_PRICES_3_5_FLASH: Source = {
  read: READ_ON,
  url: 'https://simonwillison.net/2026/May/19/gemini-35-flash/',
  note: 'GA 2026-05-19 at $1.50 input / $9 output per 1M tokens (also apidog.com, tinker-ai.com); 1,048,576 input tokens. Re-checked 2026-12-02: the same $1.50 / $9.00 in verbatim transcripts of ai.google.dev/gemini-api/docs/pricing (github.com/api-evangelist/deepmind plans/deepmind-plans-pricing.yml, page read 2026-10-07; api-evangelist/gemini, read 2026-09-20)',
};

export const TEXT_PRICES_3_1_FLASH_LITE: Source = {
  read: READ_ON,
  url: 'https://24-ai.news/en/news/2026-05-25/gemini-flash-lite-preview-shutdown/',
  note: "GA 2026-05-07 (preview shut down 2026-05-25); $0.25 input / $1.50 output per 1M (modelcompare.dev, ai-primer.com). Re-checked 2026-12-02: $0.25 / $1.50 (output including thinking) in vercel.com/ai-gateway/models/gemini-3.1-flash-lite and macaron.im (quoting Google's pricing page of 2026-03-03 for the preview); the GA row of Google's page was not among the transcripts found",
};

/**
 * Google's pricing page as transcribed verbatim (each figure "found verbatim in the fetched page
 * text") by api-evangelist; Google's page itself was not read directly this session.
 */
const PRICING_TRANSCRIPT =
  "ai.google.dev/gemini-api/docs/pricing as transcribed in github.com/api-evangelist/deepmind plans/deepmind-plans-pricing.yml (page read 2026-10-07) and api-evangelist/gemini plans/gemini-plans-pricing.yml (read 2026-09-20); Google's page not read directly";

export const TEXT_PRICES_3_5_FLASH_LITE: Source = {
  read: READ_ON,
  url: 'https://ai.google.dev/gemini-api/docs/pricing',
  unverified: true,
  note: `$0.30 input (text / image / video / audio) and $2.50 output per 1M tokens; Batch API 50% off. From ${PRICING_TRANSCRIPT}. Thinking tokens per call are Peel's assumption (zero by default per docs.apiyi.com)`,
};

export const TEXT_PRICES_3_8_FLASH: Source = {
  read: READ_ON,
  url: 'https://ai.google.dev/gemini-api/docs/pricing',
  unverified: true,
  note: `$0.75 input / $3.75 output (including thinking) per 1M tokens through 2026-12-31, then $1.50 / $7.50 from 2027-01-01; Peel records the 2027 prices so that an estimate and the budget cap are never below what Google bills (until 2026-12-31 they read up to twice the bill). From ${PRICING_TRANSCRIPT}`,
};

export const TEXT_PRICES_2_5_FLASH_LITE: Source = {
  read: READ_ON,
  url: 'https://ai.google.dev/gemini-api/docs/pricing',
  unverified: true,
  note: `$0.40 output per 1M tokens from ${PRICING_TRANSCRIPT}; the $0.10 input is from third parties only (aifreeapi.com/en/posts/gemini-api-pricing-2026, nicolalazzari.ai, 2026)`,
};

export const OPENROUTER_IDS: Source = {
  read: READ_ON,
  url: 'https://openrouter.ai/docs/features/multimodal/image-generation',
  unverified: true,
  note: 'OpenRouter names Google models google/<gemini id> and takes image_config {aspect_ratio, image_size} (github.com/OpenRouterTeam/python-sdk/issues/25); the GA ids themselves were not confirmed on openrouter.ai/models',
};

export const VERTEX_IDS: Source = {
  read: READ_ON,
  url: 'https://cloud.google.com/vertex-ai/generative-ai/docs/models',
  note: 'Vertex uses the same ids as the Gemini API for these models (lumenfall.ai provider tables, Vertex model cards)',
};

export const GROUNDING_PRICE: Source = {
  read: READ_ON,
  url: 'https://vercel.com/ai-gateway/models/google/gemini-3.1-flash-image-preview',
  unverified: true,
  note: 'Search grounding listed at $14 per 1,000 grounded requests; Google pricing page not read directly',
};
