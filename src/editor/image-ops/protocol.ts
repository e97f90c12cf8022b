import type { EncodedImage, ImageOpRequest } from '../../engine/image-ops';
import type { Result } from '../../engine/result';

/** Main thread -> worker. */
export interface ImageOpMessage {
  id: number;
  request: ImageOpRequest;
}

/** Worker -> main thread. */
export interface ImageOpReply {
  id: number;
  result: Result<EncodedImage[]>;
}
