/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CliIO {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT. */
  signal: AbortSignal;
  /** Set when stderr is a terminal: live progress may redraw a status line there. */
  terminal?: { write: (text: string) => void; columns?: number };
}

export const EXIT = { ok: 0, nodeFailed: 1, invalid: 2, interrupted: 130 } as const;
