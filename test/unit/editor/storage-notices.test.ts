import { beforeEach, describe, expect, it } from 'vitest';
import {
  addNotice,
  dismissNotice,
  initialPersistenceState,
  usePersistenceStore,
} from '../../../src/editor/persistence/state';

const shown = () => usePersistenceStore.getState().notices.map((notice) => notice.text);

beforeEach(() => usePersistenceStore.setState(initialPersistenceState()));

describe('storage notices', () => {
  it('a message already on screen is not stacked again, even with others between', () => {
    addNotice('error', 'Browser storage is full: could not save run history.');
    addNotice('info', 'Storage was full while saving run history; there was nothing left to clear.');
    addNotice('error', 'Browser storage is full: could not save run history.');
    addNotice('info', 'Storage was full while saving run history; there was nothing left to clear.');
    expect(shown()).toEqual([
      'Browser storage is full: could not save run history.',
      'Storage was full while saving run history; there was nothing left to clear.',
    ]);
  });

  it('once dismissed, the same message can show again', () => {
    addNotice('error', 'Saving failed.');
    const [first] = usePersistenceStore.getState().notices;
    dismissNotice(first?.id ?? -1);
    expect(shown()).toEqual([]);
    addNotice('error', 'Saving failed.');
    expect(shown()).toEqual(['Saving failed.']);
  });

  it('keeps the five newest different messages', () => {
    for (let i = 1; i <= 7; i++) addNotice('info', `message ${i}`);
    expect(shown()).toEqual(['message 3', 'message 4', 'message 5', 'message 6', 'message 7']);
  });
});
