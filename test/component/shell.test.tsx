// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { acceptImageFile } from '../../src/editor/images/upload';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { listTemplates } from '../../src/editor/templates/catalog';
import { openInitialDocument } from '../../src/editor/templates/startup';
import { makePngHeaderOnly, makeTestPng } from '../../src/engine/image/test-images';
import { openMenu, resetStores } from './helpers';

const doc = () => useDocumentStore.getState().doc;

beforeEach(() => {
  localStorage.clear();
  resetStores();
});

describe('keyboard shortcuts', () => {
  it('select all, duplicate, delete, undo and redo', async () => {
    render(<App />);
    const pane = document.body;
    fireEvent.keyDown(pane, { key: 'a', ctrlKey: true });
    expect(useViewStore.getState().selectedNodes.size).toBe(5);
    act(() => useViewStore.setState({ selectedNodes: new Set(['p', 'g']) }));
    fireEvent.keyDown(pane, { key: 'd', ctrlKey: true });
    expect(doc().nodes).toHaveLength(7);
    expect(doc().edges.filter((edge) => edge.source === 'prompt' && edge.target === 'gen')).toHaveLength(1);
    expect([...useViewStore.getState().selectedNodes]).toEqual(['prompt', 'gen']);
    fireEvent.keyDown(pane, { key: 'Delete' });
    expect(doc().nodes).toHaveLength(5);
    fireEvent.keyDown(pane, { key: 'z', ctrlKey: true });
    expect(doc().nodes).toHaveLength(7);
    fireEvent.keyDown(pane, { key: 'z', ctrlKey: true, shiftKey: true });
    expect(doc().nodes).toHaveLength(5);
    fireEvent.keyDown(pane, { key: 'z', metaKey: true });
    fireEvent.keyDown(pane, { key: 'y', ctrlKey: true });
    expect(doc().nodes).toHaveLength(5);
  });

  it('copy and paste through the clipboard events', () => {
    render(<App />);
    act(() => useViewStore.setState({ selectedNodes: new Set(['p']) }));
    let copied = '';
    fireEvent.copy(document.body, {
      clipboardData: { setData: (_: string, text: string) => (copied = text) },
    });
    expect(JSON.parse(copied)).toMatchObject({ format: 'peel.clipboard', nodes: [{ id: 'p' }] });
    fireEvent.paste(document.body, { clipboardData: { getData: () => copied } });
    expect(doc().nodes.at(-1)).toMatchObject({ id: 'prompt', params: { text: 'a red fox' } });
    // Foreign text is not a clip: nothing but the in-memory clip is pasted.
    fireEvent.paste(document.body, { clipboardData: { getData: () => '{"nodes":[{"id":"<script>"}]}' } });
    expect(doc().nodes.at(-1)?.id).toBe('prompt-2');
  });

  it('typing in a field is not a canvas shortcut', () => {
    render(<App />);
    act(() => useViewStore.setState({ selectedNodes: new Set(['p']) }));
    fireEvent.keyDown(screen.getByTestId('prompt-text-p'), { key: 'Backspace' });
    expect(doc().nodes).toHaveLength(5);
  });

  it('"?" and the Help button list every shortcut', async () => {
    render(<App />);
    fireEvent.keyDown(document.body, { key: '?' });
    // The help panel is fetched the first time it opens (lazy-panels.tsx).
    expect((await screen.findByTestId('help-panel', {}, { timeout: 10_000 })).textContent).toContain(
      'Ctrl/⌘ + Enter',
    );
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('help-panel')).toBeNull();
    await userEvent.click(screen.getByTestId('help-button'));
    expect(screen.getByTestId('help-panel').textContent).toContain('Undo');
  });

  it('undo and redo buttons follow the history', async () => {
    render(<App />);
    expect((screen.getByTestId('undo-button') as HTMLButtonElement).disabled).toBe(true);
    act(() => commands.renameWorkflow('Foxes'));
    await userEvent.click(screen.getByTestId('undo-button'));
    expect(doc().name).toBe('Test');
    await userEvent.click(screen.getByTestId('redo-button'));
    expect(doc().name).toBe('Foxes');
  });
});

describe('templates', () => {
  it('lists the example workflows and opens one as a load (no history)', async () => {
    const templates = listTemplates();
    render(<App />);
    act(() => openMenu(screen.getByTestId('template-menu')));
    if (templates.length === 0) {
      expect(screen.getByText('No templates in this build.')).toBeTruthy();
      return;
    }
    expect(templates[0]?.file).toBe('text-to-image');
    act(() => commands.renameWorkflow('changed'));
    fireEvent.click(screen.getByTestId(`template-${templates[0]?.file}`));
    await waitFor(() => expect(doc().name).not.toBe('changed'));
    expect(useDocumentStore.getState().past).toHaveLength(0);
  });

  it('a first visit opens text-to-image with a dismissable hint', async () => {
    await act(() => openInitialDocument());
    render(<App />);
    expect(screen.getByTestId('first-run-hint')).toBeTruthy();
    expect(doc().nodes.some((node) => node.type === 'generate')).toBe(true);
    await userEvent.click(screen.getByTestId('dismiss-hint'));
    expect(screen.queryByTestId('first-run-hint')).toBeNull();
    await act(() => openInitialDocument());
    expect(useViewStore.getState().hintVisible).toBe(false);
  });
});

describe('image intake', () => {
  it('downscales an oversized image with a notice', async () => {
    const huge = makePngHeaderOnly(20000, 12000);
    const small = makeTestPng({ width: 3072, height: 1843 });
    const result = await acceptImageFile(new File([huge as BlobPart], 'huge.png'), async () => ({
      bytes: small,
      width: 3072,
      height: 1843,
    }));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.notice).toContain('resized to 3072x1843');
      expect(result.ref.mimeType).toBe('image/png');
    }
  });

  it('refuses an oversized image it cannot resize, saying why', async () => {
    const huge = makePngHeaderOnly(20000, 12000);
    const result = await acceptImageFile(new File([huge as BlobPart], 'huge.png'), async () => ({
      error: 'no canvas',
    }));
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('"huge.png" was refused: The image is 20000x12000 px'),
    });
  });
});
