/** Expected failures travel as values; throw only for broken invariants. */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_format'
  | 'schema'
  | 'newer_version'
  | 'migration_failed'
  | 'unknown_node_type'
  | 'invalid_params'
  | 'missing_input'
  | 'port_mismatch'
  | 'unknown_port'
  | 'unknown_node'
  | 'duplicate_id'
  | 'cycle'
  | 'too_many_edges'
  | 'unknown_input'
  | 'invalid_input'
  | 'upstream_failed'
  /** Two *many* values zipped at one node hold different numbers of elements. */
  | 'length_mismatch'
  | 'budget_exceeded'
  | 'cancelled'
  | 'safety_blocked'
  | 'no_image'
  | 'api_key_rejected'
  | 'api_key_missing'
  | 'model_not_found'
  | 'model_retired'
  | 'rate_limited'
  | 'daily_quota'
  | 'credits_exhausted'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'invalid_request'
  | 'bad_response'
  | 'image_invalid'
  | 'image_too_large'
  | 'io'
  | 'internal';

export interface PeelError {
  code: ErrorCode;
  message: string;
  nodeId?: string;
  /** JSON path into the workflow file, e.g. `nodes[3].params.aspectRatio`. */
  path?: string;
}

export type Result<T, E = PeelError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E = PeelError>(error: E): { ok: false; error: E } => ({ ok: false, error });

export function peelError(code: ErrorCode, message: string, extra: Partial<PeelError> = {}): PeelError {
  return { code, message, ...extra };
}

/** `nodes[3].params.aspectRatio` from ['nodes', 3, 'params', 'aspectRatio']. */
export function formatJsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}

export function describeError(error: PeelError): string {
  const where = error.path ?? (error.nodeId ? `node ${error.nodeId}` : undefined);
  return where ? `${where}: ${error.message}` : error.message;
}
