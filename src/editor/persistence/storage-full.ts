import { putNotice, usePersistenceStore } from './state';

const STORAGE_FULL = 'storage-full';

/** What could not be saved since the storage-full banner appeared, in the order it happened. */
let unsaved: string[] = [];
/** What follows from them (a result not cached is paid for again), each said once. */
let consequences: string[] = [];
/** Whether one of them was a workflow's save: "saved workflows are not affected" is then not said. */
let workflowUnsaved = false;

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Browser storage is full and `item` ("run history", `the result of "gen" in the cache`) was
 * not saved. Every such failure while the banner is up joins one banner: a run on a full disk
 * used to stack five (history, cache, eviction reports), each saying the same thing its own way.
 * Dismissing it starts a new list. `workflow`: the item is a workflow's save; `consequence`: a
 * sentence saying what not saving it costs.
 */
export function reportStorageFull(
  item: string,
  options: { workflow?: boolean; consequence?: string } = {},
): void {
  const onScreen = usePersistenceStore.getState().notices.some((notice) => notice.key === STORAGE_FULL);
  if (!onScreen) {
    unsaved = [];
    consequences = [];
    workflowUnsaved = false;
  }
  if (!unsaved.includes(item)) unsaved.push(item);
  if (options.consequence && !consequences.includes(options.consequence))
    consequences.push(options.consequence);
  workflowUnsaved ||= options.workflow === true;
  // A failed save leaves the stored workflow as it was (the write is one transaction).
  const kept = workflowUnsaved
    ? 'The last saved version of each workflow is kept.'
    : 'Saved workflows are not affected.';
  putNotice(
    STORAGE_FULL,
    'error',
    [
      `Browser storage is full: could not save ${listOf(unsaved)}.`,
      ...consequences,
      kept,
      'Delete workflows you no longer need, or free space used by other sites.',
    ].join(' '),
  );
}
