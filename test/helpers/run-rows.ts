import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A batch row's record as OUT/run.jsonl holds it. */
export interface RunRow {
  row: number;
  key: string;
  status: string;
  inputs: Record<string, unknown>;
  nodes: Array<{
    id: string;
    status: string;
    costUsd: number;
    files: string[];
    writeErrors?: Array<{ file: string; reason: string }>;
  }>;
  totals: { calls: number; cachedNodes: number; costUsd: number };
}

/** Every line of OUT/run.jsonl, parsed, in row order (lines are appended as rows finish). */
export function readRunRows(outDir: string): RunRow[] {
  const text = readFileSync(join(outDir, 'run.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RunRow)
    .sort((a, b) => a.row - b.row);
}
