/**
 * CLI: `npm run fake-gemini` starts the fake Gemini API on PORT (default 8787).
 * FAKE_GEMINI_KEY sets the accepted key; FAKE_GEMINI_LATENCY_MS adds latency;
 * FAKE_GEMINI_FAULTS=rateLimit,imageSafety,... queues each fault once, in order.
 */
import { DEFAULT_API_KEY, FAULT_KINDS, isFaultKind, startFakeGemini } from './server';

const port = Number(process.env.PORT ?? 8787);
const apiKey = process.env.FAKE_GEMINI_KEY || DEFAULT_API_KEY;
const latencyMs = Number(process.env.FAKE_GEMINI_LATENCY_MS ?? 0) || 0;
const faults = (process.env.FAKE_GEMINI_FAULTS ?? '')
  .split(',')
  .map((f) => f.trim())
  .filter(Boolean);

const unknown = faults.filter((f) => !isFaultKind(f));
if (unknown.length > 0) {
  console.error(`Unknown fault kind(s): ${unknown.join(', ')}. Known: ${FAULT_KINDS.join(', ')}`);
  process.exit(2);
}

const fake = await startFakeGemini({ port, apiKey, latencyMs });
for (const kind of faults) if (isFaultKind(kind)) fake.addFault({ kind, times: 1 });

console.log(`fake-gemini listening on ${fake.url}`);
console.log(`API key: ${apiKey}`);
if (faults.length > 0) console.log(`Queued faults (once each): ${faults.join(', ')}`);
console.log('Control: POST /__fake/faults, POST /__fake/reset, GET /__fake/requests');

const stop = () => {
  fake.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
