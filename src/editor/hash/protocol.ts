/** Messages between the page and the hash worker. */
export interface HashRequest {
  id: number;
  bytes: Uint8Array;
}

export type HashReply = { id: number; hash: string } | { id: number; error: string };
