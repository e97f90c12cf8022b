/** "1 call", "2 calls", "0 runs": a number with its noun in the right number. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * Dollar figures for a column and its total, all with the same number of decimals (2 to 4): the
 * fewest that shows every value exactly, so the rows as shown add up to the total as shown.
 */
export function usdColumn(values: readonly number[], total: number): { rows: string[]; total: string } {
  const all = [...values, total];
  let decimals = 2;
  while (decimals < 4 && all.some((value) => Math.abs(Number(value.toFixed(decimals)) - value) > 1e-9))
    decimals++;
  const show = (value: number) => `$${value.toFixed(decimals)}`;
  return { rows: values.map(show), total: show(total) };
}
