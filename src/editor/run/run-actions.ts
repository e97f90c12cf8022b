import type { RunRequest } from './run-controller';

/**
 * What buttons and shortcuts call to run. The run machinery (executor, cache, run recorder,
 * image operations) is not needed to paint the editor, so run-controller.ts is its own chunk,
 * fetched on the first run or when the browser is idle after first paint (preload.ts).
 */
export const loadRunController = () => import('./run-controller');

/** Starts a run of the current document (see run-controller.ts). */
export async function startRun(request?: RunRequest): Promise<void> {
  const controller = await loadRunController();
  await controller.startRun(request);
}

/** Cancels the current run. A run is going only if the controller has loaded, so this is immediate. */
export function cancelRun(): void {
  void loadRunController().then((controller) => controller.cancelRun());
}

/** Cancels the run of workflow tab `owner`, on screen or in the background (see run-controller.ts). */
export function cancelRunOf(owner: string | null): void {
  void loadRunController().then((controller) => controller.cancelRunOf(owner));
}
