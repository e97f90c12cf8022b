import { MAX_IMPORT_IMAGE_BYTES } from '../../engine/import-json';
import type { PeelError } from '../../engine/result';

/** The query parameter of a link that opens a workflow file: `/?open=<url of a .json or .png>`. */
export const OPEN_LINK_PARAM = 'open';

/** A linked workflow file, fetched (or why not). */
export type LinkedFile =
  | { ok: true; bytes: Uint8Array; source: string }
  | { ok: false; source: string; errors: PeelError[] };

/**
 * What a link asks to open: the file's address, resolved against the page, or why it is refused.
 * Only files from Peel's own site: the page holds API keys, so its content security policy lets
 * it read nothing else (and a `javascript:` or `data:` address is never fetched).
 */
export function linkedFileUrl(href: string): { url: URL } | { refused: string } | undefined {
  const page = new URL(href);
  const target = page.searchParams.get(OPEN_LINK_PARAM);
  if (target === null) return undefined;
  if (target.trim() === '') return { refused: 'the link names no file to open' };
  let url: URL;
  try {
    url = new URL(target, page);
  } catch {
    return { refused: `the link's file address "${target}" is not an address` };
  }
  if (url.origin !== page.origin)
    return {
      refused: `Peel opens linked files only from its own site (${page.origin}); download ${url.href} and drop it on the canvas instead`,
    };
  return { url };
}

/** The page address without the open parameter: a reload must not import the file a second time. */
export function withoutOpenParam(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(OPEN_LINK_PARAM);
  return url.toString();
}

function sourceName(url: URL): string {
  const file = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  return `"${file || url.host}" (linked)`;
}

const formatLimit = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;

const failure = (source: string, message: string): LinkedFile => ({
  ok: false,
  source,
  errors: [{ code: 'io', message }],
});

/** The linked file a page address asks for (fetched, or why not), or undefined without a link. */
export function openLinkedFile(href: string, fetcher: typeof fetch = fetch): Promise<LinkedFile> | undefined {
  const linked = linkedFileUrl(href);
  if (linked === undefined) return undefined;
  if ('refused' in linked) return Promise.resolve(failure('the link', linked.refused));
  return fetchLinkedFile(linked.url, fetcher);
}

/**
 * Fetches a linked workflow file. Sends no cookies or credentials; refuses a file over the import
 * limit before and while reading it. The bytes then go through the same strict, inert import as a
 * dropped file: opening a link never runs anything.
 */
export async function fetchLinkedFile(
  url: URL,
  fetcher: typeof fetch = fetch,
  limit = MAX_IMPORT_IMAGE_BYTES,
): Promise<LinkedFile> {
  const source = sourceName(url);
  let response: Response;
  try {
    response = await fetcher(url, { credentials: 'omit', redirect: 'follow' });
  } catch {
    return failure(source, `could not fetch ${url.href}: the server did not answer`);
  }
  if (!response.ok)
    return failure(source, `could not fetch ${url.href}: the server answered ${response.status}`);
  // A site that answers every unknown address with its start page (as single-page apps do) sends
  // HTML for a file that is not there: say so, instead of "not valid JSON".
  if (/^text\/html\b/i.test(response.headers.get('content-type') ?? ''))
    return failure(
      source,
      `could not open ${url.href}: the server answered with a web page, not a workflow file (is the address right?)`,
    );
  const tooBig = `the linked file is larger than the import limit (${formatLimit(limit)})`;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return failure(source, tooBig);
  if (!response.body) return { ok: true, source, bytes: new Uint8Array(await response.arrayBuffer()) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > limit) {
        await reader.cancel();
        return failure(source, tooBig);
      }
      chunks.push(value);
    }
  } catch {
    return failure(source, `could not fetch ${url.href}: the download was interrupted`);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, source, bytes };
}
