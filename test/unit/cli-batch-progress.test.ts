import { describe, expect, it, vi } from 'vitest';
import { BatchProgress } from '../../src/cli/batch-progress';
import type { CliIO } from '../../src/cli/cli-io';

function io(terminal: boolean) {
  const lines: string[] = [];
  const raw: string[] = [];
  const value: CliIO = {
    stdout: () => undefined,
    stderr: (line) => lines.push(line),
    env: {},
    cwd: '/',
    signal: new AbortController().signal,
    ...(terminal ? { terminal: { write: (text: string) => raw.push(text), columns: 200 } } : {}),
  };
  return { value, lines, raw };
}

const finish = (calls: number, costUsd: number, status: 'ran' | 'cached' = 'ran') =>
  ({ type: 'node-finish', runId: 'r', nodeId: 'g', status, at: 0, durationMs: 1, calls, costUsd }) as const;

describe('batch progress', () => {
  it('counts rows, calls, cached nodes, failures, spend against the estimate, waits, elapsed and ETA', () => {
    let now = 0;
    const out = io(false);
    const progress = new BatchProgress(out.value, {
      total: 10,
      alreadyDone: 2,
      estimateUsd: 0.4,
      now: () => now,
    });
    progress.onEvent(finish(1, 0.04));
    progress.onEvent(finish(0, 0, 'cached'));
    progress.onEvent({
      type: 'node-waiting',
      runId: 'r',
      nodeId: 'g',
      reason: 'rate_limited',
      message: 'waiting',
      attempt: 1,
      resumeAt: 0,
    });
    now = 4_000;
    progress.rowFinished(true);
    progress.rowFinished(false);
    expect(progress.status()).toBe(
      'rows 4/10 · 1 call, 1 cached · 1 failed · $0.04 of ~$0.40 · 1 rate-limit wait · 0:04 elapsed, ETA 0:12',
    );
    progress.stop();
  });

  it('off a terminal: plain lines now and then, never a control character', () => {
    let now = 0;
    const out = io(false);
    const progress = new BatchProgress(out.value, {
      total: 3,
      alreadyDone: 0,
      estimateUsd: null,
      now: () => now,
    });
    progress.rowFinished(true);
    now = 6_000;
    progress.rowFinished(true);
    progress.io.stderr('warning: something');
    progress.stop();
    expect(out.lines).toEqual([
      'progress: rows 2/3 · 0 calls, 0 cached · 0 failed · $0.00 · 0 rate-limit waits · 0:06 elapsed, ETA 0:03',
      'warning: something',
    ]);
    expect(out.raw).toEqual([]);
  });

  it('on a terminal: one status line redrawn in place; other lines print above it; stop leaves a clean line', async () => {
    const out = io(true);
    const progress = new BatchProgress(out.value, { total: 2, alreadyDone: 0, estimateUsd: 0.1 });
    progress.rowFinished(true);
    await vi.waitFor(() => expect(out.raw.length).toBeGreaterThan(0), { timeout: 5000 });
    expect(out.raw.at(-1)?.startsWith('\r\x1b[2Krows 1/2 · ')).toBe(true);
    progress.io.stderr('error: row 2 failed');
    expect(out.raw.at(-1)).toBe('\r\x1b[2K');
    expect(out.lines).toEqual(['error: row 2 failed']);
    progress.stop();
    const after = out.raw.length;
    await new Promise((done) => setTimeout(done, 300));
    expect(out.raw.length).toBe(after);
  });
});
