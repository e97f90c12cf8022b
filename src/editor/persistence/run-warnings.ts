import type { RunEvent } from '../../engine/events';
import { addNotice } from './state';
import { reportStorageFull } from './storage-full';

/**
 * Shows a run's warnings in the storage banner: today a result that could not be cached (a later
 * run would pay for it again). The engine says each once per run, so one run shows one banner.
 */
export function showRunWarning(event: RunEvent): void {
  if (event.type !== 'run-warning') return;
  if (event.causeCode === 'quota_exceeded') {
    reportStorageFull(`the result of "${event.nodeId}" in the cache`, {
      consequence: 'This run keeps it, but later runs will pay for it again until the cache can be written.',
    });
    return;
  }
  const text = event.message.charAt(0).toUpperCase() + event.message.slice(1);
  addNotice('error', `${text}. Saved workflows are not affected.`);
}
