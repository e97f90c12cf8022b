import { err, ok, peelError, type Result } from '../../src/engine/result';

/**
 * A list answer as structured output returns it: a JSON array of strings. Anything else is a bad
 * answer, never split into lines. Blank items are dropped; items past `maxItems` are cut (the
 * schema asks for at most that many, and the estimate and budget counted no more).
 */
export function parseListAnswer(text: string, maxItems: number): Result<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return err(peelError('bad_response', `the model did not answer a JSON list: "${text.slice(0, 80)}"`));
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string'))
    return err(peelError('bad_response', 'the model answered JSON that is not a list of texts'));
  const items = parsed.map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) return err(peelError('bad_response', 'the model answered an empty list'));
  return ok(items.slice(0, maxItems));
}
