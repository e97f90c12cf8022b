/** node:http plumbing: bodies, common headers, CORS, safe writes. */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export const ALLOWED_HEADERS = [
  'x-goog-api-key',
  'content-type',
  'x-goog-api-client',
  'x-goog-user-project',
  'x-server-timeout',
  'authorization',
  'x-goog-upload-protocol',
  'x-goog-upload-command',
  'x-goog-upload-offset',
  'x-goog-upload-file-name',
  'x-goog-upload-header-content-length',
  'x-goog-upload-header-content-type',
];

export const EXPOSED_HEADERS =
  'x-goog-upload-url, x-goog-upload-status, x-goog-upload-control-url, x-goog-upload-chunk-granularity, x-goog-upload-size-received, content-type, content-length';

export const JSON_TYPE = 'application/json; charset=UTF-8';

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

export function commonHeaders(extra: OutgoingHttpHeaders = {}): OutgoingHttpHeaders {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin, X-Origin, Referer',
    Server: 'scaffolding on HTTPServer2',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'SAMEORIGIN',
    'X-Xss-Protection': '0',
    ...extra,
  };
}

export function isGone(res: ServerResponse): boolean {
  return res.destroyed || res.writableEnded || res.socket?.destroyed === true;
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  extra: OutgoingHttpHeaders = {},
): void {
  if (isGone(res)) return;
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(
    status,
    commonHeaders({ 'Content-Type': contentType, 'Content-Length': buf.length, ...extra }),
  );
  res.end(buf);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: OutgoingHttpHeaders = {},
): void {
  send(res, status, JSON.stringify(body, null, 2), JSON_TYPE, extra);
}

export function preflight(req: IncomingMessage, res: ServerResponse): void {
  const asked = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const allow = [...new Set([...ALLOWED_HEADERS, ...asked])].join(', ');
  res.writeHead(
    204,
    commonHeaders({
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': allow,
      'Access-Control-Max-Age': '3600',
    }),
  );
  res.end();
}

/** Google's HTML 404 for paths no API serves. */
export function sendHtml404(res: ServerResponse, path: string): void {
  const html = `<!DOCTYPE html>\n<html lang=en>\n<title>Error 404 (Not Found)!!1</title>\n<p><b>404.</b> <ins>That's an error.</ins>\n<p>The requested URL <code>${path.replace(/[<>&"]/g, '')}</code> was not found on this server.  <ins>That's all we know.</ins>\n`;
  send(res, 404, html, 'text/html; charset=UTF-8');
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms).unref()) : Promise.resolve();
}
