import { create } from 'zustand';
import {
  type ComponentDiff,
  componentFileOf,
  describeComponentDiff,
  diffComponent,
  importComponents,
  replaceComponent,
} from '../../engine/components/library';
import { componentById } from '../../engine/components/ports';
import { COMPONENT_NODE_TYPE } from '../../engine/components/types';
import type { Position, Workflow } from '../../engine/workflow';
import { getPeelStore } from '../persistence/state';
import { applyWorkflowTransform, useDocumentStore } from '../store/document-store';
import { scopedDraft, scopedView } from '../store/edit-scope';
import { newNodeId, nodeIdSet } from '../store/ids';

/**
 * The component library, beside the saved workflows: each entry is a component file (a workflow
 * holding the component and those it uses, no nodes), kept in the settings table so no database
 * migration is needed. Works in memory when storage is unavailable.
 */
export interface LibraryComponent {
  id: string;
  name: string;
  savedAt: number;
  /** Id of the main component inside `file`. */
  componentId: string;
  file: Workflow;
}

const SETTING = 'peel.componentLibrary';

interface ComponentLibraryState {
  entries: LibraryComponent[];
  /** The entry just deleted, for Undo. */
  trashed: LibraryComponent | null;
  loaded: boolean;
}

export const useComponentLibrary = create<ComponentLibraryState>()(() => ({
  entries: [],
  trashed: null,
  loaded: false,
}));

export async function loadComponentLibrary(): Promise<void> {
  const stored = await getPeelStore()?.settings.get<LibraryComponent[]>(SETTING);
  useComponentLibrary.setState({ entries: Array.isArray(stored) ? stored : [], loaded: true });
}

async function persist(entries: LibraryComponent[]): Promise<string | null> {
  useComponentLibrary.setState({ entries });
  const store = getPeelStore();
  if (!store) return null;
  const result = await store.settings.set(SETTING, entries);
  return result.ok ? null : result.error.message;
}

const entries = () => useComponentLibrary.getState().entries;

function freeEntryId(name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'component';
  const taken = new Set(entries().map((entry) => entry.id));
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Saves a component of the open workflow; an entry of the same name is replaced (a new version). */
export async function saveComponentToLibrary(componentId: string, now = Date.now()): Promise<string | null> {
  const file = componentFileOf(useDocumentStore.getState().doc, componentId);
  if (!file.ok) return file.error.message;
  const def = componentById(file.value.components, componentId);
  if (!def) return 'the component is not in this workflow';
  const same = entries().find((entry) => entry.name === def.name);
  const entry: LibraryComponent = {
    id: same?.id ?? freeEntryId(def.name),
    name: def.name,
    savedAt: now,
    componentId,
    file: file.value,
  };
  return persist(same ? entries().map((e) => (e.id === same.id ? entry : e)) : [...entries(), entry]);
}

const renamedFile = (entry: LibraryComponent, name: string): Workflow => ({
  ...entry.file,
  name,
  components: (entry.file.components ?? []).map((c) => (c.id === entry.componentId ? { ...c, name } : c)),
});

export async function renameLibraryComponent(id: string, name: string): Promise<string | null> {
  const trimmed = name.trim();
  if (trimmed === '') return 'A component needs a name.';
  return persist(
    entries().map((e) => (e.id === id ? { ...e, name: trimmed, file: renamedFile(e, trimmed) } : e)),
  );
}

export async function duplicateLibraryComponent(id: string, now = Date.now()): Promise<string | null> {
  const entry = entries().find((e) => e.id === id);
  if (!entry) return 'no such component in the library';
  const name = `${entry.name} copy`;
  const copy = { ...entry, id: freeEntryId(name), name, savedAt: now, file: renamedFile(entry, name) };
  return persist([...entries(), copy]);
}

/** Removes an entry; `restoreLibraryComponent` (the Undo in the panel) puts it back in place. */
export async function deleteLibraryComponent(id: string): Promise<string | null> {
  const entry = entries().find((e) => e.id === id);
  if (!entry) return null;
  useComponentLibrary.setState({ trashed: entry });
  return persist(entries().filter((e) => e.id !== id));
}

export async function restoreLibraryComponent(): Promise<string | null> {
  const { trashed } = useComponentLibrary.getState();
  if (!trashed) return null;
  useComponentLibrary.setState({ trashed: null });
  return persist([...entries().filter((e) => e.id !== trashed.id), trashed]);
}

/**
 * Inserts an instance of a library component into the open workflow (or the opened component):
 * its definition joins the workflow's components (ids kept free) and the node lands at `position`,
 * one undo step. Returns the new node id.
 */
export function insertLibraryComponent(id: string, position: Position): string | undefined {
  const entry = entries().find((e) => e.id === id);
  if (!entry) return undefined;
  let nodeId: string | undefined;
  applyWorkflowTransform('Insert component', (doc) => {
    const imported = importComponents(doc, entry.file);
    const componentId = imported.ids.get(entry.componentId);
    if (!componentId) return undefined;
    // Inside an opened component the instance goes into that component's nodes.
    const next = structuredClone(imported.workflow);
    const target = scopedDraft(next as never) as unknown as Workflow;
    nodeId = newNodeId(COMPONENT_NODE_TYPE, nodeIdSet(scopedView(doc)));
    target.nodes.push({
      id: nodeId,
      type: COMPONENT_NODE_TYPE,
      position,
      params: { component: componentId },
    });
    return next;
  });
  return nodeId;
}

/** The library entry an instance's component came from: the one of the same name. */
export function libraryEntryFor(componentId: string): LibraryComponent | undefined {
  const def = componentById(useDocumentStore.getState().doc.components, componentId);
  return def ? entries().find((entry) => entry.name === def.name) : undefined;
}

export interface LibraryUpdate {
  entry: LibraryComponent;
  diff: ComponentDiff;
  lines: string[];
}

/** What "Update from library" would change; undefined when there is nothing in the library for it. */
export function planLibraryUpdate(componentId: string): LibraryUpdate | undefined {
  const entry = libraryEntryFor(componentId);
  const current = componentById(useDocumentStore.getState().doc.components, componentId);
  const next = entry ? componentById(entry.file.components, entry.componentId) : undefined;
  if (!entry || !current || !next) return undefined;
  const diff = diffComponent(current, next);
  return { entry, diff, lines: describeComponentDiff(diff) };
}

/** Applies the library's version to the component (every instance), with those it uses: one undo step. */
export function applyLibraryUpdate(componentId: string, entry: LibraryComponent): boolean {
  return applyWorkflowTransform('Update from library', (doc) => {
    const dependencies = {
      components: (entry.file.components ?? []).filter((c) => c.id !== entry.componentId),
    };
    const imported = importComponents(doc, dependencies);
    const main = componentById(entry.file.components, entry.componentId);
    if (!main) return undefined;
    const nodes = main.nodes.map((node) => {
      const ref =
        node.type === COMPONENT_NODE_TYPE ? imported.ids.get(String(node.params.component)) : undefined;
      return ref ? { ...node, params: { ...node.params, component: ref } } : node;
    });
    return replaceComponent(imported.workflow, componentId, { ...main, nodes });
  });
}
