import { formatUsd } from '../engine/cost';
import type { RunEvent } from '../engine/events';
import type { CliIO } from './cli-io';

export interface ProgressOptions {
  /** Rows in the batch, and how many an earlier run already finished. */
  total: number;
  alreadyDone: number;
  estimateUsd: number | null;
  /** Seconds between plain progress lines when stderr is not a terminal. */
  plainEverySeconds?: number;
  now?: () => number;
}

const REDRAW_MS = 200;

const clock = (ms: number): string => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
};

/**
 * A batch's progress on stderr. On a terminal: one status line, redrawn in place (other lines are
 * printed above it). Elsewhere (CI, a pipe, a file): plain lines now and then, no control
 * sequences. Either way a summary line at the end.
 */
export class BatchProgress {
  private rowsDone = 0;
  private calls = 0;
  private cached = 0;
  private failures = 0;
  private spent = 0;
  private waits = 0;
  private shown = false;
  private lastPlain: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly startedAt: number;
  private readonly now: () => number;
  /** Lines for the user, printed without breaking the status line. */
  readonly io: CliIO;

  constructor(
    private readonly base: CliIO,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.lastPlain = this.startedAt;
    this.io = { ...base, stderr: (line) => this.printAbove(line) };
    if (base.terminal) {
      this.timer = setInterval(() => this.draw(), REDRAW_MS);
      this.timer.unref?.();
    }
  }

  onEvent(event: RunEvent): void {
    if (event.type === 'node-waiting') this.waits++;
    if (event.type === 'node-finish') {
      this.calls += event.calls;
      if (event.status === 'cached') this.cached++;
      this.spent += event.costUsd ?? 0;
    }
  }

  rowFinished(ok: boolean): void {
    this.rowsDone++;
    if (!ok) this.failures++;
    if (!this.base.terminal) {
      const every = (this.options.plainEverySeconds ?? 5) * 1000;
      if (this.now() - this.lastPlain >= every) {
        this.lastPlain = this.now();
        this.base.stderr(`progress: ${this.status()}`);
      }
    }
  }

  /** rows 120/2000 · 118 calls, 2 cached · 1 failed · $4.12 of ~$69.00 · 3 waits · 0:42, ETA 10:31 */
  status(): string {
    const done = this.options.alreadyDone + this.rowsDone;
    const elapsed = this.now() - this.startedAt;
    const left = this.options.total - done;
    const eta = this.rowsDone > 0 && left > 0 ? `, ETA ${clock((elapsed / this.rowsDone) * left)}` : '';
    const estimate = this.options.estimateUsd === null ? '' : ` of ~${formatUsd(this.options.estimateUsd)}`;
    return [
      `rows ${done}/${this.options.total}`,
      `${this.calls} call${this.calls === 1 ? '' : 's'}, ${this.cached} cached`,
      `${this.failures} failed`,
      `${formatUsd(this.spent)}${estimate}`,
      `${this.waits} rate-limit wait${this.waits === 1 ? '' : 's'}`,
      `${clock(elapsed)} elapsed${eta}`,
    ].join(' · ');
  }

  elapsedText(): string {
    return `${clock(this.now() - this.startedAt)} elapsed`;
  }

  private draw(): void {
    const terminal = this.base.terminal;
    if (!terminal) return;
    const width = Math.max(20, (terminal.columns ?? 100) - 1);
    terminal.write(`\r\x1b[2K${this.status().slice(0, width)}`);
    this.shown = true;
  }

  private printAbove(line: string): void {
    if (this.base.terminal && this.shown) {
      this.base.terminal.write('\r\x1b[2K');
      this.shown = false;
    }
    this.base.stderr(line);
  }

  /** Stops redrawing and leaves the terminal on a clean line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.base.terminal && this.shown) this.base.terminal.write('\r\x1b[2K');
    this.shown = false;
  }
}
