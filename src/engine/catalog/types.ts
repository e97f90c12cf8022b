/**
 * The shape of one model in Peel's catalog. The catalog is data: every figure carries the date it
 * was read and where, and a figure that could not be confirmed says so (`unverified`).
 */

export type ImageSize = '512' | '1K' | '2K' | '4K';
export type ModelKind = 'image' | 'text';
export type LifecycleStatus = 'ga' | 'preview' | 'deprecated' | 'retired';
/** `generationConfig.thinkingConfig.thinkingLevel` values, as the REST API spells them. */
export type ThinkingLevel = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';
/** Routes a model call can take; each maps the Gemini id to its own id (never another model). */
export type RouteName = 'gemini' | 'vertex' | 'openrouter';
/** `imageConfig` fields (Gemini/Vertex spelling; OpenRouter's `image_config` uses snake_case). */
export type ImageConfigField = 'aspectRatio' | 'imageSize';

/** Where a figure comes from: read on `read` (YYYY-MM-DD) at `url`. */
export interface Source {
  read: string;
  url: string;
  /** Set when the figure could not be confirmed from Google's own pages. */
  unverified?: true;
  note?: string;
}

export interface Lifecycle {
  status: LifecycleStatus;
  released?: string;
  /** Shutdown date (past for retired models, announced for deprecated ones). */
  shutdown?: string;
  /** The model Google recommends instead; a catalog id. */
  replacement?: string;
  source: Source;
}

export interface ModelLimits {
  /** Reference (input) images per request. */
  maxReferenceImages?: number;
  aspectRatios: readonly string[];
  imageSizes: readonly ImageSize[];
  defaultImageSize?: ImageSize;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  source: Source;
}

export interface ModelCapabilities {
  /** Empty: the thinking level cannot be chosen (the model may still think). */
  thinkingLevels: readonly ThinkingLevel[];
  /** The model thinks and can return interim "thought" images/text (includeThoughts). */
  thoughts: boolean;
  /** `tools: [{ googleSearch: {} }]`. */
  searchGrounding: boolean;
  /** `googleSearch.searchTypes.imageSearch` (Nano Banana 2 only). */
  imageSearch: boolean;
  systemInstruction: boolean;
  /** temperature / topP / seed in generationConfig. */
  sampling: boolean;
  safetySettings: boolean;
  /** `responseModalities: ['IMAGE']` (no text part asked for). */
  imageOnlyOutput: boolean;
  source: Source;
}

export interface RouteMapping {
  /** The id this route knows the model by. */
  id: string;
  /** The imageConfig fields this route accepts for this model. */
  imageConfig: readonly ImageConfigField[];
  source: Source;
}

export type ModelRoutes = Partial<Record<RouteName, RouteMapping>>;

/** USD; output priced by modality (image tokens at the image rate, text and thinking at the text rate). */
export interface ModelPrices {
  inputPerMillion: number;
  textOutputPerMillion: number;
  imageOutputPerMillion?: number;
  /** Output image tokens billed per generated image, by size. */
  imageTokensBySize?: Partial<Record<ImageSize, number>>;
  /** Batch API multiplier on every price. */
  batchDiscount: number;
  /** USD per grounded request (Google Search), when billed separately. */
  groundedRequestUsd?: number;
  /** Typical thinking tokens per call by level (the model's default under `default`), for estimates only. */
  typicalThoughtTokens: Partial<Record<ThinkingLevel | 'default', number>>;
  source: Source;
}

export interface CatalogModel {
  id: string;
  displayName: string;
  kind: ModelKind;
  lifecycle: Lifecycle;
  limits: ModelLimits;
  capabilities: ModelCapabilities;
  routes: ModelRoutes;
  /** Absent: price unknown (the estimate says so; a budget cap refuses the call). */
  prices?: ModelPrices;
  /** Where this entry came from when it is not Peel's own table. */
  origin?: 'catalog' | 'override' | 'live-list';
}
