import { groupDigits } from './group-digits';
import { formatJsonPath, type PeelError, peelError } from './result';

export const GUARD_LIMITS = {
  maxDepth: 64,
  /** Prompts, names, labels: generous, but a 1 MB prompt is a mistake or an attack. */
  maxStringLength: 100_000,
  /** Base64 image data: a 7 MB image is about 9.4 MB of base64. */
  maxDataStringLength: 10 * 1024 * 1024,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Google API keys: 39 characters starting with AIza. */
export const API_KEY_PATTERN = /AIza[0-9A-Za-z_-]{35}/g;
export const REMOVED_KEY_TEXT = '[removed API key]';

export interface GuardOutcome {
  value: unknown;
  errors: PeelError[];
  warnings: string[];
}

/**
 * Walks parsed JSON once: rejects prototype keys and oversize or too-deep values, and strips
 * anything shaped like an API key (with a warning) so it can never be saved again.
 */
export function guardParsedJson(input: unknown): GuardOutcome {
  const errors: PeelError[] = [];
  const warnings: string[] = [];
  const path: (string | number)[] = [];

  const visit = (value: unknown, key: string | number | undefined): unknown => {
    if (errors.length > 50) return value;
    if (typeof value === 'string') {
      const limit = key === 'data' ? GUARD_LIMITS.maxDataStringLength : GUARD_LIMITS.maxStringLength;
      if (value.length > limit) {
        errors.push(
          peelError(
            'schema',
            `text is ${groupDigits(value.length)} characters; the limit is ${groupDigits(limit)}`,
            {
              path: formatJsonPath(path),
            },
          ),
        );
        return value;
      }
      if (key !== 'data' && API_KEY_PATTERN.test(value)) {
        API_KEY_PATTERN.lastIndex = 0;
        warnings.push(`${formatJsonPath(path)}: an API key was found in the file and removed`);
        return value.replace(API_KEY_PATTERN, REMOVED_KEY_TEXT);
      }
      API_KEY_PATTERN.lastIndex = 0;
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    if (path.length >= GUARD_LIMITS.maxDepth) {
      errors.push(
        peelError('schema', `nested deeper than ${GUARD_LIMITS.maxDepth} levels`, {
          path: formatJsonPath(path),
        }),
      );
      return value;
    }
    if (Array.isArray(value)) {
      return value.map((item, index) => {
        path.push(index);
        const out = visit(item, index);
        path.pop();
        return out;
      });
    }
    const out: Record<string, unknown> = {};
    for (const childKey of Object.keys(value)) {
      path.push(childKey);
      if (FORBIDDEN_KEYS.has(childKey)) {
        errors.push(
          peelError('schema', `the key "${childKey}" is not allowed`, { path: formatJsonPath(path) }),
        );
      } else {
        out[childKey] = visit((value as Record<string, unknown>)[childKey], childKey);
      }
      path.pop();
    }
    return out;
  };

  const value = visit(input, undefined);
  return { value, errors, warnings };
}
