import { z } from 'zod';

/**
 * The page's Content-Security-Policy forbids eval (it holds API keys). zod probes for eval with
 * `new Function` on its first object parse: the browser refuses, and reports the refusal as a
 * policy violation on every load (DevTools' Issues, any report endpoint). Jitless parsing never
 * probes. main.tsx imports this first, before any module can parse.
 */
z.config({ jitless: true });
