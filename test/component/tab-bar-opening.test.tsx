// @vitest-environment jsdom
import './setup-dom';
import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { initialPersistenceState, usePersistenceStore } from '../../src/editor/persistence/state';
import { commands } from '../../src/editor/store/document-store';
import { TabBar } from '../../src/editor/tabs/TabBar';
import { initialTabsState, useTabsStore } from '../../src/editor/tabs/tabs-store';

beforeEach(() => {
  usePersistenceStore.setState(initialPersistenceState());
  useTabsStore.setState(initialTabsState());
  commands.loadWorkflow({ format: 'peel.workflow', version: 1, name: 'Mascot sheet', nodes: [], edges: [] });
});

describe('the tab bar while storage opens', () => {
  it('shows the document on screen as its one tab, inert, until storage lists the tabs', () => {
    render(<TabBar />);
    const bar = screen.getByTestId('tab-bar');
    expect(bar.hasAttribute('inert')).toBe(true);
    expect(bar.getAttribute('aria-busy')).toBe('true');
    expect(screen.getAllByRole('tab', { hidden: true }).map((tab) => tab.textContent)).toEqual([
      'Mascot sheet',
    ]);

    act(() => useTabsStore.setState({ tabs: [{ id: 'w1', name: 'Mascot sheet' }], activeId: 'w1' }));
    const ready = screen.getByTestId('tab-bar');
    expect(ready.hasAttribute('inert')).toBe(false);
    expect(ready.hasAttribute('aria-busy')).toBe(false);
    expect(screen.getByTestId('tab-close-w1')).toBeTruthy();
  });

  it('shows no bar without storage (one document in memory, no tabs)', () => {
    usePersistenceStore.setState({ mode: 'memory', memoryReason: 'IndexedDB is unavailable' });
    render(<TabBar />);
    expect(screen.queryByTestId('tab-bar')).toBeNull();
  });
});
