/**
 * Compares the catalog with a route's model list (models.list): which current catalog models this
 * key can use, which are gone, and which image-capable models the API offers that the catalog
 * lacks (usable, with "price unknown").
 */
import { catalogModels } from './catalog';

export interface ListedModel {
  id: string;
  displayName?: string;
  methods: readonly string[];
  inputTokenLimit?: number;
}

export interface LiveCheck {
  /** Current catalog models the list has. */
  usable: string[];
  /** Current catalog models the list lacks (shut down, or not open to this key). */
  missing: string[];
  /** Retired catalog models the list still has (Google's shutdown may lag). */
  retiredButListed: string[];
  /** Image models the list has and the catalog does not: usable, price unknown. */
  unknownImageModels: ListedModel[];
}

/**
 * models.list does not say what a model outputs; Google's image models carry "image" in their id
 * (gemini-*-image, imagen-*), and only generateContent models can run in a Peel node.
 */
export function looksImageCapable(model: ListedModel): boolean {
  return /image/i.test(model.id) && model.methods.includes('generateContent');
}

export function compareWithList(listed: readonly ListedModel[]): LiveCheck {
  const listedIds = new Set(listed.map((model) => model.id));
  const known = new Set(catalogModels().map((model) => model.id));
  const usable: string[] = [];
  const missing: string[] = [];
  const retiredButListed: string[] = [];
  for (const model of catalogModels()) {
    const retired = model.lifecycle.status === 'retired';
    if (listedIds.has(model.id)) (retired ? retiredButListed : usable).push(model.id);
    else if (!retired) missing.push(model.id);
  }
  const unknownImageModels = listed.filter((model) => !known.has(model.id) && looksImageCapable(model));
  return { usable, missing, retiredButListed, unknownImageModels };
}
