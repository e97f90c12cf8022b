/**
 * A whole number with its thousands grouped by commas, as `toLocaleString('en')` writes it
 * ("20,000"). Messages built while modules load must not use Intl: the first number formatted
 * through it costs Chromium 12-25 ms to load its locale data, on every page start.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
