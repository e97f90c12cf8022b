// @vitest-environment jsdom
import './setup-dom';
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uniqueWorkflowName } from '../../src/editor/persistence/unique-name';
import { bootEditor, type Editor, inspect, settle, uniqueDbName } from './persistence-harness';

let editor: Editor | undefined;
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  dbName = uniqueDbName();
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
});

describe('library names', () => {
  it('picks the first free "(n)" suffix', () => {
    expect(uniqueWorkflowName('Product scenes', [])).toBe('Product scenes');
    expect(uniqueWorkflowName('Product scenes', ['Product scenes'])).toBe('Product scenes (2)');
    expect(uniqueWorkflowName('Product scenes', ['Product scenes', 'Product scenes (2)'])).toBe(
      'Product scenes (3)',
    );
    expect(uniqueWorkflowName('Product scenes (2)', ['Product scenes (2)'])).toBe('Product scenes (3)');
  });

  it('a second copy of a template is saved as "Name (2)" and shown under that name', async () => {
    editor = await bootEditor({ dbName });
    const doc = editor.documentStore.useDocumentStore.getState().doc;
    // The first copy was edited, so it keeps its tab and its name.
    act(() => editor?.documentStore.commands.setLabel(doc.nodes[0]?.id ?? '', 'kept'));
    const copy = { ...doc };
    editor.session.wantsUniqueName(copy);
    await act(() => editor?.session.adoptAsNewWorkflow(copy));
    await settle();
    const store = await inspect(dbName);
    const names = (await store.workflows.list()).map((entry) => entry.name).sort();
    store.close();
    expect(names).toEqual([doc.name, `${doc.name} (2)`]);
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe(`${doc.name} (2)`);
  });

  it('a copy opened over the untouched starter takes its name as well as its place', async () => {
    editor = await bootEditor({ dbName });
    const doc = editor.documentStore.useDocumentStore.getState().doc;
    const copy = { ...doc };
    editor.session.wantsUniqueName(copy);
    await act(() => editor?.session.adoptAsNewWorkflow(copy));
    await settle();
    const store = await inspect(dbName);
    const names = (await store.workflows.list()).map((entry) => entry.name);
    const trashed = (await store.workflows.listDeleted()).map((entry) => entry.name);
    store.close();
    expect(names).toEqual([doc.name]);
    expect(trashed).toEqual([doc.name]);
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe(doc.name);
  });
});
