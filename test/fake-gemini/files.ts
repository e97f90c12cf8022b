/** Files API: resumable upload (as @google/genai's files.upload speaks it), get, list, delete, download. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidArgument, type RpcError, rpcError } from './errors';
import { send, sendJson } from './http-util';
import { isoNow, newId } from './ids';
import { asRecord, asString, type Json } from './json';

interface UploadSession {
  meta: Json;
  mimeType: string;
  declaredSize: number;
  chunks: Buffer[];
  received: number;
}

export interface StoredFile {
  id: string;
  resource: Json;
  bytes: Buffer;
}

function header(req: IncomingMessage, name: string): string {
  return String(req.headers[name.toLowerCase()] ?? '').toLowerCase();
}

export function fileNotFound(id: string): RpcError {
  return rpcError(
    403,
    'PERMISSION_DENIED',
    `You do not have permission to access the File ${id} or it may not exist.`,
  );
}

export class FileStore {
  readonly files = new Map<string, StoredFile>();
  private sessions = new Map<string, UploadSession>();

  constructor(private readonly baseUrl: () => string) {}

  clear(): void {
    this.files.clear();
    this.sessions.clear();
  }

  /** Stores bytes as a file resource; returns it. */
  add(id: string, bytes: Buffer, mimeType: string, extra: Json = {}): StoredFile {
    const v = 'v1beta';
    const resource: Json = {
      name: `files/${id}`,
      ...(typeof extra.displayName === 'string' ? { displayName: extra.displayName } : {}),
      mimeType,
      sizeBytes: String(bytes.length),
      createTime: isoNow(),
      updateTime: isoNow(),
      expirationTime: isoNow(48 * 3600 * 1000),
      sha256Hash: Buffer.from(createHash('sha256').update(bytes).digest('hex')).toString('base64'),
      uri: `${this.baseUrl()}/${v}/files/${id}`,
      ...(extra.source === 'GENERATED'
        ? { downloadUri: `${this.baseUrl()}/download/${v}/files/${id}:download?alt=media` }
        : {}),
      state: 'ACTIVE',
      source: extra.source === 'GENERATED' ? 'GENERATED' : 'UPLOADED',
    };
    const file = { id, resource, bytes };
    this.files.set(id, file);
    return file;
  }

  get(nameOrId: string): StoredFile | undefined {
    return this.files.get(nameOrId.replace(/^files\//, ''));
  }

  /** POST /upload/{v}/files with X-Goog-Upload-Protocol: resumable, X-Goog-Upload-Command: start. */
  start(req: IncomingMessage, res: ServerResponse, body: unknown, apiVersion: string): void {
    if (
      header(req, 'x-goog-upload-protocol') !== 'resumable' ||
      header(req, 'x-goog-upload-command') !== 'start'
    ) {
      sendJson(
        res,
        400,
        invalidArgument('Only the resumable upload protocol is supported by fake-gemini.').body,
      );
      return;
    }
    const meta = asRecord(asRecord(body).file);
    const mimeType =
      String(req.headers['x-goog-upload-header-content-type'] ?? '') ||
      asString(meta.mimeType) ||
      'application/octet-stream';
    const declaredSize = Number(req.headers['x-goog-upload-header-content-length'] ?? meta.sizeBytes ?? 0);
    const uploadId = `AU${newId(40)}`;
    this.sessions.set(uploadId, { meta, mimeType, declaredSize, chunks: [], received: 0 });
    const url = `${this.baseUrl()}/upload/${apiVersion}/files?upload_id=${uploadId}&upload_protocol=resumable`;
    send(res, 200, '', 'text/plain; charset=utf-8', {
      'X-Goog-Upload-Status': 'active',
      'X-Goog-Upload-URL': url,
      'X-Goog-Upload-Control-URL': url,
      'X-Goog-Upload-Chunk-Granularity': '8388608',
    });
  }

  /** POST to the upload URL with X-Goog-Upload-Command: upload[, finalize] | query | cancel. */
  upload(req: IncomingMessage, res: ServerResponse, uploadId: string, bytes: Buffer): void {
    const session = this.sessions.get(uploadId);
    const statusHeaders = (status: string) => ({ 'X-Goog-Upload-Status': status });
    if (!session) {
      send(res, 404, 'Upload session not found.', 'text/plain; charset=utf-8', statusHeaders('final'));
      return;
    }
    const commands = header(req, 'x-goog-upload-command')
      .split(',')
      .map((c) => c.trim());
    if (commands.includes('cancel')) {
      this.sessions.delete(uploadId);
      send(res, 200, '', 'text/plain; charset=utf-8', statusHeaders('cancelled'));
      return;
    }
    if (commands.includes('upload')) {
      const offset = Number(req.headers['x-goog-upload-offset'] ?? session.received);
      if (offset !== session.received) {
        const h = { ...statusHeaders('active'), 'X-Goog-Upload-Size-Received': String(session.received) };
        send(res, 400, `Invalid upload offset ${offset}, expected ${session.received}.`, 'text/plain', h);
        return;
      }
      session.chunks.push(bytes);
      session.received += bytes.length;
    }
    if (!commands.includes('finalize')) {
      const h = { ...statusHeaders('active'), 'X-Goog-Upload-Size-Received': String(session.received) };
      send(res, 200, '', 'text/plain; charset=utf-8', h);
      return;
    }
    this.sessions.delete(uploadId);
    const wanted = asString(session.meta.name)?.replace(/^files\//, '');
    const id = wanted && /^[a-z0-9-]{1,40}$/.test(wanted) ? wanted : newId();
    if (this.files.has(id)) {
      sendJson(
        res,
        409,
        rpcError(409, 'ALREADY_EXISTS', `File files/${id} already exists.`).body,
        statusHeaders('final'),
      );
      return;
    }
    const file = this.add(id, Buffer.concat(session.chunks), session.mimeType, session.meta);
    sendJson(res, 200, { file: file.resource }, statusHeaders('final'));
  }

  getResource(res: ServerResponse, id: string): void {
    const file = this.get(id);
    if (file) sendJson(res, 200, file.resource);
    else sendJson(res, 403, fileNotFound(id).body);
  }

  list(res: ServerResponse, query: URLSearchParams): void {
    const all = [...this.files.values()].reverse();
    const size = Math.max(1, Math.min(100, Number(query.get('pageSize') ?? 10) || 10));
    const start = Number(query.get('pageToken') ?? 0) || 0;
    const page = all.slice(start, start + size).map((f) => f.resource);
    const next = start + size < all.length ? { nextPageToken: String(start + size) } : {};
    sendJson(res, 200, page.length > 0 ? { files: page, ...next } : {});
  }

  remove(res: ServerResponse, id: string): void {
    if (!this.files.delete(id)) sendJson(res, 403, fileNotFound(id).body);
    else sendJson(res, 200, {});
  }

  download(res: ServerResponse, id: string, query: URLSearchParams): void {
    const file = this.get(id);
    if (!file) sendJson(res, 403, fileNotFound(id).body);
    else if (query.get('alt') !== 'media') sendJson(res, 200, file.resource);
    else send(res, 200, file.bytes, String(file.resource.mimeType ?? 'application/octet-stream'));
  }
}
