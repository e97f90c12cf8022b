/** `name`, or `name (2)`, `name (3)`, … : the first one no workflow in `taken` has. */
export function uniqueWorkflowName(name: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  const stem = name.replace(/ \(\d+\)$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})`;
    if (!used.has(candidate)) return candidate;
  }
}
