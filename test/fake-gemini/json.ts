/** Tiny helpers for poking at untyped JSON. */

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Json {
  return isRecord(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Deep copy with every `inlineData.data` string replaced by its length. */
export function shrinkInlineData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shrinkInlineData);
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'inlineData' || key === 'inline_data') && isRecord(v) && typeof v.data === 'string') {
      out[key] = { ...v, data: v.data.length };
    } else {
      out[key] = shrinkInlineData(v);
    }
  }
  return out;
}
