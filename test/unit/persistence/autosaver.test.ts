import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AutosaveStatus, createAutosaver, installFlushOnHide } from '../../../src/persistence/autosaver';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function recording() {
  const saved: string[] = [];
  let failNext = 0;
  let failure: unknown = new Error('disk on fire');
  const save = vi.fn(async (doc: string) => {
    if (failNext > 0) {
      failNext--;
      if (failure instanceof Error) throw failure;
      return failure;
    }
    saved.push(doc);
    return { ok: true };
  });
  return {
    saved,
    save,
    failTimes: (times: number, how: unknown = new Error('disk on fire')) => {
      failNext = times;
      failure = how;
    },
  };
}

describe('createAutosaver', () => {
  it('debounces changes into one save of the latest document', async () => {
    const target = recording();
    const autosaver = createAutosaver({ save: target.save, delayMs: 500 });
    const states: AutosaveStatus['state'][] = [];
    autosaver.subscribe((status) => states.push(status.state));
    autosaver.schedule('a');
    await vi.advanceTimersByTimeAsync(300);
    autosaver.schedule('ab');
    await vi.advanceTimersByTimeAsync(300);
    expect(target.save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(target.saved).toEqual(['ab']);
    expect(states).toEqual(['pending', 'pending', 'saving', 'saved']);
    expect(autosaver.status).toMatchObject({ state: 'saved', message: 'All changes saved' });
  });

  it('reports every failed write and retries with the next change', async () => {
    const target = recording();
    const autosaver = createAutosaver({ save: target.save, delayMs: 100 });
    const errors: string[] = [];
    autosaver.subscribe((status) => {
      if (status.state === 'error') errors.push(status.message);
    });
    target.failTimes(2);
    autosaver.schedule('v1');
    await vi.advanceTimersByTimeAsync(100);
    expect(autosaver.status.state).toBe('error');
    autosaver.schedule('v2');
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toEqual(['Not saved: disk on fire', 'Not saved: disk on fire']);
    autosaver.schedule('v3');
    await vi.advanceTimersByTimeAsync(100);
    expect(target.saved).toEqual(['v3']);
    expect(autosaver.status.state).toBe('saved');
  });

  it('treats a failure value as a failed write and keeps its code', async () => {
    const target = recording();
    const autosaver = createAutosaver({ save: target.save, delayMs: 100 });
    target.failTimes(1, { ok: false, error: { code: 'conflict', message: 'changed in another tab' } });
    autosaver.schedule('mine');
    const status = await autosaver.flush();
    expect(status).toMatchObject({
      state: 'error',
      errorCode: 'conflict',
      message: 'Not saved: changed in another tab',
    });
    // flush retries the document that failed, even without a new change.
    expect(await autosaver.flush()).toMatchObject({ state: 'saved' });
    expect(target.saved).toEqual(['mine']);
  });

  it('never overlaps saves: a change during a save is saved after it', async () => {
    let release: () => void = () => undefined;
    const order: string[] = [];
    const autosaver = createAutosaver({
      delayMs: 10,
      save: async (doc: string) => {
        order.push(`start ${doc}`);
        if (doc === 'slow') await new Promise<void>((resolve) => (release = resolve));
        order.push(`end ${doc}`);
      },
    });
    autosaver.schedule('slow');
    await vi.advanceTimersByTimeAsync(10);
    autosaver.schedule('next');
    await vi.advanceTimersByTimeAsync(50);
    expect(order).toEqual(['start slow']);
    release();
    await autosaver.flush();
    expect(order).toEqual(['start slow', 'end slow', 'start next', 'end next']);
  });

  it('flush saves pending changes at once; with nothing pending it does nothing', async () => {
    const target = recording();
    const autosaver = createAutosaver({ save: target.save, delayMs: 10_000 });
    expect(await autosaver.flush()).toMatchObject({ state: 'idle' });
    autosaver.schedule('x');
    await autosaver.flush();
    expect(target.saved).toEqual(['x']);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(target.save).toHaveBeenCalledTimes(1);
  });
});

describe('installFlushOnHide', () => {
  it('flushes on pagehide and on visibilitychange to hidden, until uninstalled', async () => {
    const target = new EventTarget();
    const flush = vi.fn(async () => ({ state: 'saved' as const, message: '' }));
    let hidden = false;
    const uninstall = installFlushOnHide({ flush }, target, () => hidden);
    target.dispatchEvent(new Event('visibilitychange'));
    expect(flush).toHaveBeenCalledTimes(0);
    hidden = true;
    target.dispatchEvent(new Event('visibilitychange'));
    target.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(2);
    uninstall();
    target.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(2);
  });
});
