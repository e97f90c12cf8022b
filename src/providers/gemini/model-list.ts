/**
 * The Gemini API's model list through the SDK (`models.list`, every page), for the live check.
 * One request per page; errors come back as ProviderErrors like a generate call's.
 */
import type { ListedModel } from '../../engine/catalog';
import type { ProviderError } from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';
import { redactSecrets } from '../redact';
import { providerErrorFromThrown } from './errors';

export interface ModelListOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  apiVersion?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Enough pages for any real list; a server that never stops paging is cut off here. */
const MAX_PAGES = 20;

export async function listGeminiModels(
  options: ModelListOptions,
): Promise<Result<ListedModel[], ProviderError>> {
  const apiVersion = options.apiVersion ?? 'v1beta';
  try {
    const { GoogleGenAI } = await import('@google/genai');
    const ai = new GoogleGenAI({
      vertexai: false,
      apiKey: options.apiKey,
      apiVersion,
      ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
    });
    const pager = await ai.models.list({
      config: { pageSize: 100, ...(options.signal ? { abortSignal: options.signal } : {}) },
    });
    const models: ListedModel[] = [];
    let pages = 1;
    for (;;) {
      for (const model of pager.page) {
        const id = (model.name ?? '').replace(/^models\//, '');
        if (id === '') continue;
        models.push({
          id,
          ...(model.displayName ? { displayName: model.displayName } : {}),
          methods: model.supportedActions ?? [],
          ...(model.inputTokenLimit !== undefined ? { inputTokenLimit: model.inputTokenLimit } : {}),
        });
      }
      if (!pager.hasNextPage() || pages >= MAX_PAGES) break;
      await pager.nextPage();
      pages++;
    }
    return ok(models);
  } catch (thrown) {
    const error = providerErrorFromThrown(thrown, {
      model: 'models.list',
      apiVersion,
      aborted: options.signal?.aborted ?? false,
    });
    return err({ ...error, message: redactSecrets(error.message, [options.apiKey]) });
  }
}
