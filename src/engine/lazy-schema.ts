/**
 * A zod schema (or a set of them) built on its first use, then kept. zod builds every schema when
 * its module loads, and the editor's first paint loads every node type's definition, the file
 * format and the model catalog: schemas a start does not use were built at each start for nothing.
 */
export function lazySchema<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}
