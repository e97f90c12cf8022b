#!/usr/bin/env node
// Runs the browser end-to-end suite in Debian's Chromium. Without Chromium: a failure under CI,
// elsewhere one clear line saying the suite was skipped and how to install it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
);
const chromium = candidates.find((path) => existsSync(path));
if (!chromium) {
  const hint = 'install it with: sudo apt-get install chromium (or set CHROMIUM_PATH)';
  if (process.env.CI === 'true') {
    console.error(`e2e: Chromium not found; ${hint}`);
    process.exit(1);
  }
  console.log(`e2e: skipped, Chromium not found; ${hint}`);
  process.exit(0);
}
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'test/e2e/vitest.e2e.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: chromium },
  },
);
process.exit(result.status ?? 1);
