import type { BroadcastChannelLike, WriterLock, WriterLockOptions } from './writer-lock';

type Message = { type: 'probe' | 'held' | 'steal' | 'released'; from: string };

const isMessage = (data: unknown): data is Message =>
  typeof data === 'object' && data !== null && typeof (data as Message).from === 'string';

/**
 * Fallback where Web Locks are missing: the writer announces itself on a BroadcastChannel every
 * heartbeat; a tab that hears nobody within `probeMs` claims the lock, and a reader that stops
 * hearing the writer (closed or crashed tab) takes over after three missed heartbeats.
 */
export async function createBroadcastWriterLock(
  channel: BroadcastChannelLike,
  options: WriterLockOptions,
): Promise<WriterLock> {
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const probeMs = options.probeMs ?? 250;
  const tabId = crypto.randomUUID();
  let readOnly = true;
  let heardWriterAt = 0;
  let closed = false;
  const post = (type: Message['type']) => channel.postMessage({ type, from: tabId } satisfies Message);

  const becomeWriter = () => {
    readOnly = false;
    post('held');
  };
  const becomeReader = (reason: 'held-elsewhere' | 'taken-over') => {
    if (readOnly) return;
    readOnly = true;
    heardWriterAt = Date.now();
    options.onReadOnly?.(reason);
  };

  channel.onmessage = (event) => {
    const message = event.data;
    if (closed || !isMessage(message) || message.from === tabId) return;
    if (message.type === 'probe' && !readOnly) post('held');
    if (message.type === 'held') {
      heardWriterAt = Date.now();
      // Two tabs claimed at once: the smaller id keeps the lock, so exactly one writer remains.
      if (!readOnly && message.from < tabId) becomeReader('held-elsewhere');
    }
    if (message.type === 'steal' && !readOnly) becomeReader('taken-over');
    if (message.type === 'released' && readOnly) {
      becomeWriter();
      options.onWritable?.();
    }
  };

  post('probe');
  await new Promise((resolve) => setTimeout(resolve, probeMs));
  if (heardWriterAt === 0) becomeWriter();
  else options.onReadOnly?.('held-elsewhere');

  // Started only after probing: before that, silence means "not heard yet", not "writer gone".
  const timer = setInterval(() => {
    if (closed) return;
    if (!readOnly) post('held');
    else if (Date.now() - heardWriterAt > heartbeatMs * 3) {
      becomeWriter();
      options.onWritable?.();
    }
  }, heartbeatMs);

  return {
    mechanism: 'broadcast',
    get readOnly() {
      return readOnly;
    },
    async takeOver() {
      if (!readOnly) return;
      post('steal');
      becomeWriter();
    },
    release() {
      if (closed) return;
      if (!readOnly) post('released');
      closed = true;
      readOnly = true;
      clearInterval(timer);
      channel.close();
    },
  };
}
