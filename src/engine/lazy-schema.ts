import type { z } from 'zod';

/**
 * A zod schema built on its first use, then kept. zod builds every schema when its module loads,
 * and the editor's first paint loads every node type's definition: the params schemas of types a
 * workflow does not use were built at each start for nothing.
 */
export function lazySchema<T extends z.ZodType>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}
