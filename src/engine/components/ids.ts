import { NODE_ID_PATTERN } from '../workflow';

/** "Scene maker" → "sceneMaker": a readable id made of the letters and digits of a name. */
export function idFromName(name: string, fallback = 'component'): string {
  // Stryker disable next-line MethodExpression: without trim, filter(Boolean) drops the empty end words; without the filter, only an empty name leaves an empty word, which joins to '' all the same
  const words = name
    .normalize('NFKD')
    .replace(
      // Stryker disable next-line Regex: without the +, runs of separators only make empty words, which filter(Boolean) drops
      /[^A-Za-z0-9]+/g,
      ' ',
    )
    .trim()
    .split(' ')
    .filter(Boolean);
  const id = words
    .map((word, index) =>
      index === 0
        ? word.charAt(0).toLowerCase() + word.slice(1)
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join('')
    .slice(0, 48);
  return NODE_ID_PATTERN.test(id) ? id : fallback;
}

/** `base`, else `base-2`, `base-3`, ...: the first not taken. */
export function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** `base`, else `base_2`, ...: port names allow no hyphen. */
export function freePortName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
