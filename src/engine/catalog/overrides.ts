/**
 * User overrides of the catalog (prices, limits, extra models) from a JSON file: `--models FILE`,
 * `PEEL_MODELS`, or Settings import. Validated strictly: an unknown field is an error, not a guess.
 */
import { z } from 'zod';
import { lazySchema } from '../lazy-schema';
import { err, ok, type PeelError, peelError, type Result } from '../result';
import type { CatalogModel, ImageSize, ModelPrices, ThinkingLevel } from './types';

/**
 * The overrides file's schema, built on first use: most starts have no overrides to read, and its
 * hundred-odd zod schemas were built on every page load as the editor's modules were evaluated.
 */
function buildOverridesSchema() {
  const usd = z.number().finite().min(0);
  const imageSize = z.enum(['512', '1K', '2K', '4K']);
  const thinkingLevel = z.enum(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']);

  const PricesOverride = z.strictObject({
    inputPerMillion: usd.optional(),
    textOutputPerMillion: usd.optional(),
    imageOutputPerMillion: usd.optional(),
    imageTokensBySize: z.partialRecord(imageSize, z.number().int().min(0)).optional(),
    batchDiscount: z.number().min(0).max(1).optional(),
    groundedRequestUsd: usd.optional(),
    typicalThoughtTokens: z
      .partialRecord(z.enum(['default', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH']), z.number().int().min(0))
      .optional(),
  });

  const LimitsOverride = z.strictObject({
    maxReferenceImages: z.number().int().min(0).max(100).optional(),
    aspectRatios: z.array(z.string().regex(/^\d{1,2}:\d{1,2}$/)).optional(),
    imageSizes: z.array(imageSize).optional(),
    defaultImageSize: imageSize.optional(),
    inputTokenLimit: z.number().int().min(1).optional(),
    outputTokenLimit: z.number().int().min(1).optional(),
  });

  const CapabilitiesOverride = z.strictObject({
    thinkingLevels: z.array(thinkingLevel).optional(),
    thoughts: z.boolean().optional(),
    searchGrounding: z.boolean().optional(),
    imageSearch: z.boolean().optional(),
    systemInstruction: z.boolean().optional(),
    sampling: z.boolean().optional(),
    safetySettings: z.boolean().optional(),
    imageOnlyOutput: z.boolean().optional(),
  });

  const ModelOverride = z.strictObject({
    displayName: z.string().min(1).max(200).optional(),
    kind: z.enum(['image', 'text']).optional(),
    prices: PricesOverride.optional(),
    limits: LimitsOverride.optional(),
    capabilities: CapabilitiesOverride.optional(),
  });

  const file = z.strictObject({
    /** Read on this date (shown beside override prices). */
    read: z.iso.date().optional(),
    note: z.string().max(2000).optional(),
    models: z.record(z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'must be a model id'), ModelOverride),
  });
  return { file, model: ModelOverride };
}

const schemaOfOverrides = lazySchema(buildOverridesSchema);

export type ModelOverridesFile = z.infer<ReturnType<typeof buildOverridesSchema>['file']>;
type ModelOverride = z.infer<ReturnType<typeof buildOverridesSchema>['model']>;

/** Parses override JSON text; every problem is listed with its path. */
export function parseModelOverrides(text: string, origin: string): Result<ModelOverridesFile, PeelError[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return err([
      peelError(
        'invalid_input',
        `${origin} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`,
      ),
    ]);
  }
  const parsed = schemaOfOverrides().file.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map((issue) =>
      peelError('invalid_input', `${origin}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`),
    ),
  );
}

const NO_CAPABILITIES = {
  thinkingLevels: [] as ThinkingLevel[],
  thoughts: false,
  searchGrounding: false,
  imageSearch: false,
  systemInstruction: false,
  sampling: false,
  safetySettings: false,
  imageOnlyOutput: false,
};

function mergePrices(
  base: ModelPrices | undefined,
  override: NonNullable<ModelOverride['prices']>,
  read: string,
): ModelPrices | undefined {
  const inputPerMillion = override.inputPerMillion ?? base?.inputPerMillion;
  const textOutputPerMillion = override.textOutputPerMillion ?? base?.textOutputPerMillion;
  // A model needs at least input and text-output rates to be priced at all.
  if (inputPerMillion === undefined || textOutputPerMillion === undefined) return base;
  const imageOutputPerMillion = override.imageOutputPerMillion ?? base?.imageOutputPerMillion;
  const imageTokensBySize = { ...base?.imageTokensBySize, ...override.imageTokensBySize };
  const groundedRequestUsd = override.groundedRequestUsd ?? base?.groundedRequestUsd;
  return {
    inputPerMillion,
    textOutputPerMillion,
    ...(imageOutputPerMillion !== undefined ? { imageOutputPerMillion } : {}),
    imageTokensBySize,
    batchDiscount: override.batchDiscount ?? base?.batchDiscount ?? 0.5,
    ...(groundedRequestUsd !== undefined ? { groundedRequestUsd } : {}),
    typicalThoughtTokens: { ...base?.typicalThoughtTokens, ...override.typicalThoughtTokens },
    source: { read, url: 'your model overrides file', note: 'price from your override' },
  };
}

/** The catalog with the overrides applied; models the catalog lacks are added. */
export function applyOverrides(
  models: readonly CatalogModel[],
  overrides: ModelOverridesFile | undefined,
): CatalogModel[] {
  if (!overrides) return [...models];
  const read = overrides.read ?? 'unknown date';
  const byId = new Map(models.map((model) => [model.id, model]));
  for (const [id, override] of Object.entries(overrides.models)) {
    const base = byId.get(id);
    const source = { read, url: 'your model overrides file' };
    const kind = override.kind ?? base?.kind ?? 'image';
    const limits = {
      aspectRatios: [],
      imageSizes: [] as ImageSize[],
      source,
      ...base?.limits,
      ...override.limits,
    };
    const prices = override.prices ? mergePrices(base?.prices, override.prices, read) : base?.prices;
    byId.set(id, {
      id,
      displayName: override.displayName ?? base?.displayName ?? id,
      kind,
      lifecycle: base?.lifecycle ?? { status: 'ga', source },
      limits,
      capabilities: { ...NO_CAPABILITIES, source, ...base?.capabilities, ...override.capabilities },
      routes: base?.routes ?? {
        gemini: { id, imageConfig: kind === 'image' ? ['aspectRatio', 'imageSize'] : [], source },
      },
      ...(prices ? { prices } : {}),
      origin: 'override',
    });
  }
  return [...byId.values()];
}
