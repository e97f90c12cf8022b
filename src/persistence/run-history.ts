import type { PeelDatabase } from './database';
import type { PersistenceResult } from './errors';
import type { QuotaGuard } from './quota-guard';
import type { RunRecord } from './records';
import { defaultLockManager, type LockManagerLike, runLockName } from './run-locks';

export interface DailySpend {
  /** `YYYY-MM-DD` in local time unless `dayOf` says otherwise. */
  day: string;
  costUsd: number;
  calls: number;
  runs: number;
}

export interface WorkflowSpend {
  workflowId: string;
  workflowName: string;
  costUsd: number;
  calls: number;
  runs: number;
}

export interface RunHistoryOptions {
  /** Defaults to `navigator.locks`; null disables the live-run check. */
  locks?: LockManagerLike | null;
}

export function localDay(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const addSpend = <T extends { costUsd: number; calls: number; runs: number }>(into: T, run: RunRecord): T => {
  into.costUsd += run.totals.costUsd;
  into.calls += run.totals.calls;
  into.runs += 1;
  return into;
};

/** Queries over recorded runs, and the startup sweep for runs whose tab went away. */
export class RunHistory {
  private readonly locks: LockManagerLike | undefined;

  constructor(
    private readonly db: PeelDatabase,
    private readonly guard: QuotaGuard,
    options: RunHistoryOptions = {},
  ) {
    this.locks = options.locks === null ? undefined : (options.locks ?? defaultLockManager());
  }

  /** Newest first; per workflow when `workflowId` is given. */
  async list(options: { workflowId?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const limit = options.limit ?? 50;
    if (options.workflowId === undefined)
      return this.db.runs.orderBy('startedAt').reverse().limit(limit).toArray();
    return this.db.runs
      .where('[workflowId+startedAt]')
      .between([options.workflowId, -Infinity], [options.workflowId, Infinity])
      .reverse()
      .limit(limit)
      .toArray();
  }

  async get(runId: string): Promise<RunRecord | undefined> {
    return this.db.runs.get(runId);
  }

  /** Spend per day, oldest day first, for runs started in [since, until). */
  async spendPerDay(
    options: { since?: number; until?: number; dayOf?: (ms: number) => string } = {},
  ): Promise<DailySpend[]> {
    const dayOf = options.dayOf ?? localDay;
    const runs = await this.db.runs
      .where('startedAt')
      .between(options.since ?? -Infinity, options.until ?? Infinity, true, false)
      .toArray();
    const days = new Map<string, DailySpend>();
    for (const run of runs) {
      const day = dayOf(run.startedAt);
      days.set(day, addSpend(days.get(day) ?? { day, costUsd: 0, calls: 0, runs: 0 }, run));
    }
    return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  /** Spend per workflow, largest first. */
  async spendPerWorkflow(): Promise<WorkflowSpend[]> {
    const totals = new Map<string, WorkflowSpend>();
    await this.db.runs.each((run) => {
      const known = totals.get(run.workflowId) ?? {
        workflowId: run.workflowId,
        workflowName: run.workflowName,
        costUsd: 0,
        calls: 0,
        runs: 0,
      };
      totals.set(run.workflowId, addSpend(known, run));
    });
    return [...totals.values()].sort((a, b) => b.costUsd - a.costUsd);
  }

  /**
   * At startup: a run with no end belonged to a tab that closed or crashed. It becomes
   * 'interrupted' (with no end time: when it stopped is unknown), as do its nodes that were in flight. Nothing is re-submitted; outputs that
   * finished stay. Runs still held by a live tab (Web Locks) are left alone.
   */
  async markInterruptedRuns(): Promise<PersistenceResult<{ runIds: string[] }>> {
    const live = await this.liveLockNames();
    return this.guard.write('interrupted runs', () =>
      this.db.transaction('rw', this.db.runs, async () => {
        const runIds: string[] = [];
        await this.db.runs
          .where('status')
          .equals('running')
          .modify((run) => {
            if (live.has(runLockName(run.id))) return;
            run.status = 'interrupted';
            run.interrupted = true;
            for (const node of Object.values(run.nodes))
              if (node.status === 'running') node.status = 'interrupted';
            runIds.push(run.id);
          });
        return { runIds };
      }),
    );
  }

  private async liveLockNames(): Promise<Set<string>> {
    if (!this.locks?.query) return new Set();
    try {
      const snapshot = await this.locks.query();
      return new Set((snapshot.held ?? []).map((lock) => lock.name ?? ''));
    } catch {
      // Unable to ask: treat every unfinished run as interrupted, the safe reading after a crash.
      return new Set();
    }
  }
}
