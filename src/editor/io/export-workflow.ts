import { exportWorkflowJson } from '../../engine/export';
import { serializeWorkflow } from '../../engine/save';
import type { Workflow } from '../../engine/workflow';
import { editorAssets } from '../images/assets';
import { settingsSecrets, useSettingsStore } from '../settings/settings-store';

/** The workflow file text with images embedded (no redaction: for in-memory use, not for sharing). */
export function workflowFileText(workflow: Workflow, embedImages = true): string {
  return serializeWorkflow(workflow, { embedImages, getImage: (hash) => editorAssets.getSync(hash) });
}

/** The user's keys (every route's) must never leave the machine inside a file. */
export const exportSecrets = (): string[] => settingsSecrets(useSettingsStore.getState());

/** Canonical v1 JSON for a download: reference images embedded or left out, the API key removed. */
export function exportDocumentText(workflow: Workflow, embedImages = true): string {
  return exportWorkflowJson(workflow, {
    embedImages,
    getImage: (hash) => editorAssets.getSync(hash),
    secrets: exportSecrets(),
  });
}

/** Whether downloads embed the workflow: the setting, and (for an export node) its own switch. */
export function shouldEmbedWorkflow(nodeSwitch = true): boolean {
  return nodeSwitch && useSettingsStore.getState().embedWorkflowInImages;
}

/** A file name safe on every OS, from a workflow name. */
export function safeFileName(name: string, fallback = 'peel-workflow'): string {
  const cleaned = [...name]
    .map((char) => (char.charCodeAt(0) < 32 ? '-' : char))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned;
}
