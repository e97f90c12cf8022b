/** Writes a generate Outcome to the wire: unary JSON or SSE (`data: {json}\r\n\r\n`). */
import type { ServerResponse } from 'node:http';
import { commonHeaders, isGone, JSON_TYPE, send, sendJson, sleep } from './http-util';
import type { Outcome } from './outcome';

const SSE_TYPE = 'text/event-stream';

function cut(res: ServerResponse, partial: string): void {
  res.write(partial);
  // Let the partial bytes leave before the connection dies.
  setTimeout(() => res.socket?.destroy(), 20).unref();
}

export async function writeGenerate(
  res: ServerResponse,
  outcome: Outcome,
  stream: boolean,
  latencyMs: number,
): Promise<void> {
  if (outcome.kind === 'hang') return; // never answer: the client aborts, or close() destroys the socket
  await sleep(latencyMs + outcome.delayMs);
  if (isGone(res)) return;
  if (outcome.kind === 'raw') return send(res, outcome.status, outcome.body, outcome.contentType);
  if (outcome.kind === 'error') {
    // The real API sends stream errors as a plain JSON body labelled text/event-stream.
    if (stream) send(res, outcome.error.status, JSON.stringify(outcome.error.body, null, 2), SSE_TYPE);
    else sendJson(res, outcome.error.status, outcome.error.body);
    return;
  }
  const { body, chunks } = outcome.answer;
  if (!stream) {
    const text = JSON.stringify(body, null, 2);
    if (!outcome.resetMidBody) return send(res, 200, text, JSON_TYPE);
    res.writeHead(
      200,
      commonHeaders({ 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) }),
    );
    return cut(res, text.slice(0, Math.floor(text.length / 2)));
  }
  res.writeHead(200, commonHeaders({ 'Content-Type': SSE_TYPE, 'Content-Disposition': 'attachment' }));
  for (const [i, chunk] of chunks.entries()) {
    const event = `data: ${JSON.stringify(chunk)}\r\n\r\n`;
    if (outcome.resetMidBody && (i === 1 || chunks.length === 1)) {
      return cut(res, event.slice(0, Math.floor(event.length / 2)));
    }
    res.write(event);
    await sleep(5);
    if (isGone(res)) return;
  }
  res.end();
}
