import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

export interface CliOutcome {
  code: number;
  stdout: string[];
  stderr: string[];
}

export const tempDir = (prefix = 'peel-cli-'): string => mkdtempSync(join(tmpdir(), prefix));

/** Runs the CLI in-process, as `peel <argv>` would, with its own cwd, env and abort signal. */
export async function runCli(
  argv: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; signal?: AbortSignal },
): Promise<CliOutcome> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    env: options.env ?? {},
    cwd: options.cwd,
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}
