// The CLI as `npx peel` runs it, reporting its own peak RSS and CPU time when it exits (for the
// batch-scaling bench): one JSON line on fd 3.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  writeSync(
    3,
    `${JSON.stringify({ maxRssKb: usage.maxRSS, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime })}\n`,
  );
});
await import('../bin/peel.mjs');
