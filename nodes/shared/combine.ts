import { z } from 'zod';

/**
 * How a node pairs two *many* values arriving on its inputs: `cross` (every pairing, the default)
 * or `zip` (element by element; unequal lengths are a validation error). Optional with no default,
 * so files without it parse to the same params (and cache keys) as before; the expansion strips
 * it from each instance, since it decides which calls exist, not what one call is.
 */
export const combineField = z.enum(['cross', 'zip']).optional();
