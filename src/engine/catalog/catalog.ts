/**
 * The active model catalog: Peel's table plus the user's overrides. One module-level value,
 * because every consumer (validation, estimates, request building, the editor) must see the same
 * catalog, and threading it through every call would touch every signature for one setting.
 * The CLI sets overrides once per command; the browser when Settings change.
 */
import { IMAGE_MODELS } from './image-models';
import { applyOverrides, type ModelOverridesFile } from './overrides';
import { PRICES_FROM_WIRE_NOTES } from './sources';
import { TEXT_MODELS } from './text-models';
import type { CatalogModel, ModelKind } from './types';

export const BUILT_IN_MODELS: readonly CatalogModel[] = [...IMAGE_MODELS, ...TEXT_MODELS];

/** The model new nodes get and old defaults upgrade to. */
export const DEFAULT_MODEL = 'gemini-3.1-flash-image';

/** The date the image prices were read (shown with every estimate table). */
export const PRICES_READ_ON = PRICES_FROM_WIRE_NOTES.read;

let activeOverrides: ModelOverridesFile | undefined;
let active: readonly CatalogModel[] = BUILT_IN_MODELS;
let byId = new Map(active.map((model) => [model.id, model]));

export function setModelOverrides(overrides: ModelOverridesFile | undefined): void {
  activeOverrides = overrides;
  active = applyOverrides(BUILT_IN_MODELS, overrides);
  byId = new Map(active.map((model) => [model.id, model]));
}

export function modelOverrides(): ModelOverridesFile | undefined {
  return activeOverrides;
}

export function catalogModels(): readonly CatalogModel[] {
  return active;
}

export function catalogModel(id: string): CatalogModel | undefined {
  return byId.get(id);
}

/** Models a request may name today (not retired), optionally of one kind. */
export function currentModels(kind?: ModelKind): CatalogModel[] {
  return active.filter(
    (model) => model.lifecycle.status !== 'retired' && (kind === undefined || model.kind === kind),
  );
}

export interface Retirement {
  model: string;
  shutdown?: string;
  replacement?: string;
}

/** Set when the catalog says Google has shut this model down. */
export function retirementOf(id: string): Retirement | undefined {
  const model = byId.get(id);
  if (model?.lifecycle.status !== 'retired') return undefined;
  return {
    model: id,
    ...(model.lifecycle.shutdown ? { shutdown: model.lifecycle.shutdown } : {}),
    ...(model.lifecycle.replacement ? { replacement: model.lifecycle.replacement } : {}),
  };
}

/** "gemini-2.5-flash-image was shut down by Google on 2026-10-02; its replacement is ..." */
export function describeRetirement(retirement: Retirement): string {
  const when = retirement.shutdown ? ` on ${retirement.shutdown}` : '';
  const instead = retirement.replacement
    ? `; its replacement is ${retirement.replacement} (output and price differ)`
    : '; pick a current model';
  return `model ${retirement.model} was shut down by Google${when}${instead}`;
}

/** True when the price shown for this model comes from the user's override file. */
export function priceFromOverride(id: string): boolean {
  return byId.get(id)?.prices?.source.url === 'your model overrides file';
}
