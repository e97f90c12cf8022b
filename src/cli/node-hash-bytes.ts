/** The CLI's content hash: Node's own SHA-256 (OpenSSL, native speed), behind the engine's async HashBytes. */
import { createHash } from 'node:crypto';
import type { HashBytes } from '../engine/hash-bytes';

export const nodeHashBytes: HashBytes = async (bytes) => createHash('sha256').update(bytes).digest('hex');
