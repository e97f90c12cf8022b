import { useEffect, useState } from 'react';
import { nodeRegistry } from '../../../nodes/registry';
import { planRun } from '../../engine/plan';
import { validateWorkflow } from '../../engine/validate';
import type { Workflow } from '../../engine/workflow';
import { editorAssets } from '../images/assets';
import { useSettingsStore } from '../settings/settings-store';
import { useDocumentStore } from '../store/document-store';
import { useRunStore } from '../store/run-store';
import { useViewStore } from '../store/view-store';
import { getNodeCache } from './cache-provider';
import { DIAGNOSTICS_DEBOUNCE_MS } from './diagnostics';
import { providerIdFor } from './provider-factory';

/** What re-rolling the selected nodes would cost: the calls that run would make, and their price. */
export interface RerollEstimate {
  calls: number;
  /** Null when some model is not in the price table. */
  usd: number | null;
}

/**
 * Plans the run the re-roll button starts (the whole graph, the selected nodes past the cache once,
 * the rest from it), without calling anything. Null when the graph cannot run.
 */
export async function estimateReroll(
  doc: Workflow,
  selected: readonly string[],
): Promise<RerollEstimate | null> {
  const report = validateWorkflow(doc, nodeRegistry);
  if (report.graphErrors.length > 0) return null;
  const plan = await planRun(doc, report, {
    registry: nodeRegistry,
    providerId: providerIdFor(useSettingsStore.getState()),
    cache: getNodeCache(),
    assets: editorAssets,
    reroll: new Set(selected),
  }).catch(() => null);
  return plan ? { calls: plan.calls, usd: plan.usd } : null;
}

/** The re-roll estimate for the current selection, kept fresh as the document, selection and cache change. */
export function useRerollEstimate(): RerollEstimate | null {
  const doc = useDocumentStore((state) => state.doc);
  const selection = useViewStore((state) => state.selectedNodes);
  const running = useRunStore((state) => state.running);
  const provider = useSettingsStore((state) => state.provider);
  const [estimate, setEstimate] = useState<RerollEstimate | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the provider and the end of a run change what is cached or billed
  useEffect(() => {
    if (selection.size === 0 || running) {
      setEstimate(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void estimateReroll(doc, [...selection]).then((next) => {
        if (current) setEstimate(next);
      });
    }, DIAGNOSTICS_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [doc, selection, running, provider]);
  return estimate;
}
