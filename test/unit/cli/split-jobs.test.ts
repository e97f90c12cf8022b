/** A list of batch requests -> jobs within the limits: groups kept whole, order kept, nothing lost. */
import { describe, expect, it } from 'vitest';
import { splitIntoJobs } from '../../../src/cli/batch-api/split-jobs';
import { type BatchRequest, toJsonlLine } from '../../../src/providers/gemini-batch';

const request = (key: string, text = 'a cat'): BatchRequest => ({
  key,
  model: 'gemini-2.5-flash-image',
  contents: [{ role: 'user', parts: [{ text }] }],
  responseModalities: ['IMAGE'],
});
const group = (owner: string, count: number, text?: string) => ({
  owner,
  requests: Array.from({ length: count }, (_, i) => request(`${owner}.${i}`, text)),
});
const bytesOf = (r: BatchRequest) => Buffer.byteLength(toJsonlLine(r)) + 1;

describe('splitIntoJobs', () => {
  it('packs groups in order up to the request limit, never splitting a group', () => {
    const groups = [group('a', 2), group('b', 1), group('c', 2), group('d', 3), group('e', 1)];
    const jobs = splitIntoJobs(groups, { maxRequests: 3, maxBytes: Number.MAX_SAFE_INTEGER });
    expect(jobs.map((job) => job.owners)).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
    expect(jobs.flatMap((job) => job.requests.map((r) => r.key))).toEqual(
      groups.flatMap((g) => g.requests.map((r) => r.key)),
    );
  });

  it('a group larger than the limit alone gets a job of its own rather than being dropped', () => {
    const jobs = splitIntoJobs([group('a', 1), group('big', 5), group('c', 1)], {
      maxRequests: 2,
      maxBytes: Number.MAX_SAFE_INTEGER,
    });
    expect(jobs.map((job) => job.requests.length)).toEqual([1, 5, 1]);
  });

  it('splits by the bytes of the JSONL input file, counting each line with its newline', () => {
    const one = bytesOf(request('a.0', 'x'.repeat(100)));
    const groups = ['a', 'b', 'c', 'd', 'e'].map((owner) => group(owner, 1, 'x'.repeat(100)));
    const jobs = splitIntoJobs(groups, { maxRequests: 1000, maxBytes: one * 2 });
    expect(jobs.map((job) => job.owners.length)).toEqual([2, 2, 1]);
    for (const job of jobs) expect(job.bytes).toBeLessThanOrEqual(one * 2);
    expect(jobs[0]?.bytes).toBe(one * 2);
  });

  it('no groups, no jobs', () => {
    expect(splitIntoJobs([], { maxRequests: 10, maxBytes: 10 })).toEqual([]);
  });
});
