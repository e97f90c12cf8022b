/**
 * How each access route names a Gemini image model and which image settings it forwards.
 * Workflows always name Gemini ids; a route maps the id and never substitutes another model
 * ("never substitute silently"). One small table, so the model catalog can later back it.
 *
 * Facts read on 2026-12-02 (search tool):
 * - Vertex AI serves the Gemini image models under the same ids through
 *   `publishers/google/models/{id}`, with the same `imageConfig` (aspectRatio, imageSize)
 *   and the same prices as the Gemini API (cloud.google.com/vertex-ai/generative-ai/docs/
 *   models/gemini/3-1-flash-image; getmaxim.ai Vertex cost table: $0.50 in / $60 per 1M image
 *   tokens for 3.1 Flash Image, equal to the Gemini API).
 * - OpenRouter ids: `google/gemini-2.5-flash-image`, `google/gemini-3-pro-image-preview`,
 *   `google/gemini-3.1-flash-image-preview` are on openrouter.ai model pages;
 *   `google/gemini-3.1-flash-image` appears in third-party docs (forgedemy.org, 2026);
 *   `google/gemini-3-pro-image` is assumed by the same naming and NOT confirmed.
 *   No OpenRouter id for a Flash-Lite image model was found: it is not mapped.
 * - OpenRouter `image_config`: `aspect_ratio` and `image_size` ("1K", "2K", "4K") for Gemini
 *   models (openrouter.ai/docs/features/multimodal/image-generation). A 512 px size ("0.5K")
 *   was reported in March 2026 to reach Google under the wrong field name and fail, so it is
 *   not forwarded (doublepost.link OpenRouter Discord thread 1484099048100073484).
 */

import { catalogModel, catalogModels } from './catalog';

export const ROUTE_IDS = ['gemini', 'vertex', 'openrouter'] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

// `includes` compares with ===, so anything that is not one of the ids (strings or not) is false.
export const isRouteId = (value: unknown): value is RouteId =>
  (ROUTE_IDS as readonly unknown[]).includes(value);

export const ROUTE_LABELS: Record<RouteId, string> = {
  gemini: 'Gemini API',
  vertex: 'Vertex AI',
  openrouter: 'OpenRouter',
};

/**
 * The id the route's API expects for a Gemini model id, or undefined when it has none.
 * The model catalog holds each route's id (overrides included); this never invents one.
 */
export function routeModelId(route: RouteId, geminiModelId: string): string | undefined {
  const model = catalogModel(geminiModelId);
  if (!model) return route === 'openrouter' ? undefined : geminiModelId;
  return model.routes[route]?.id;
}

/** The Gemini id behind a route's id (the fake server and records use it). */
export function geminiIdForRouteModel(route: RouteId, routeId: string): string | undefined {
  if (route !== 'openrouter') return routeId;
  return catalogModels().find((model) => model.routes.openrouter?.id === routeId)?.id;
}

export type ImageConfigField = 'aspectRatio' | 'imageSize';

/**
 * Whether the route forwards an image setting (optionally: this value of it) to the model.
 * The model's own limits (which ratios and sizes it offers) are checked separately.
 */
export function routeAcceptsImageConfig(
  route: RouteId,
  geminiModelId: string,
  field: ImageConfigField,
  value?: string,
): boolean {
  const mapping = catalogModel(geminiModelId)?.routes[route];
  if (mapping && !mapping.imageConfig.includes(field)) return false;
  if (route !== 'openrouter') return true;
  if (field === 'aspectRatio') return true;
  return value === undefined || value === '1K' || value === '2K' || value === '4K';
}

/** Whether an Edit can continue the conversation (thought signatures included) on this route. */
export function routeKeepsConversation(route: RouteId): boolean {
  // OpenRouter's chat completions carry assistant text and `reasoning_details`, but no documented
  // way to send back an assistant image with its Gemini thought signature (checked 2026-12-02).
  return route !== 'openrouter';
}

export const CONVERSATION_NOT_KEPT = 'conversation not kept on this route';
