import type { z } from 'zod';
import { deepFreeze, isDeepFrozen } from './deep-frozen';

type ParseResult<T> = z.ZodSafeParseResult<T>;

/** Parse results per params object, per schema (a node's type decides its schema). */
const parsedBy = new WeakMap<object, Map<z.ZodType<unknown>, ParseResult<unknown>>>();
/**
 * A node's params through its definition's schema. Params frozen all the way down (the editor's
 * documents: immer freezes what it produces) cannot change, so each is parsed once per schema:
 * validation, list expansion and the port helpers each parsed every node again, tens of ms per
 * pass on a 500-node graph, after every edit. Other params (the CLI's loaded files) are parsed
 * each time. The result is shared: callers must not change it (its data is frozen to make sure).
 */
export function parseParams<T>(schema: z.ZodType<T>, params: unknown): ParseResult<T> {
  if (params === null || typeof params !== 'object' || !isDeepFrozen(params)) return schema.safeParse(params);
  let bySchema = parsedBy.get(params);
  const known = bySchema?.get(schema);
  if (known) return known as ParseResult<T>;
  const parsed = schema.safeParse(params);
  if (parsed.success) deepFreeze(parsed.data);
  if (!bySchema) {
    bySchema = new Map();
    parsedBy.set(params, bySchema);
  }
  bySchema.set(schema, parsed);
  return parsed;
}

/** parseParams for a node whose definition may be missing (an unknown type): undefined then. */
export function parseDefined(
  definition: { params: z.ZodType<unknown> } | undefined,
  params: unknown,
): ParseResult<unknown> | undefined {
  return definition ? parseParams(definition.params, params) : undefined;
}
