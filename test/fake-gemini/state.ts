/** Everything one fake server instance remembers. */
import { BatchStore } from './batches';
import { FaultQueue } from './faults';
import { FileStore } from './files';
import type { RecordedRequest } from './types';

export class FakeState {
  url = '';
  latencyMs: number;
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultQueue();
  readonly files = new FileStore(() => this.url);
  readonly batches = new BatchStore(this.files, this.faults);

  constructor(
    readonly apiKey: string,
    private readonly defaultLatencyMs: number,
  ) {
    this.latencyMs = defaultLatencyMs;
  }

  /** Clears requests, faults, batches and files; latency goes back to its start value. */
  reset(): void {
    this.requests.length = 0;
    this.faults.clear();
    this.batches.clear();
    this.files.clear();
    this.latencyMs = this.defaultLatencyMs;
  }
}

export function isGenerateCall(r: RecordedRequest): boolean {
  return /:(stream)?generateContent(\?|$)/i.test(r.path);
}
