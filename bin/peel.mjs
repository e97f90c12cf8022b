#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx peel` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { runFromProcess } = await import('../src/cli/main.ts');
await runFromProcess();
