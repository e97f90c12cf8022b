/**
 * The fake Gemini server's HTTP control API, from a test process (see test/fake-gemini/README.md).
 * Every scenario shares one fake server: call `resetFake` before each scenario.
 */

export type FakeFaultKind =
  | 'rateLimit'
  | 'dailyQuota'
  | 'unavailable503'
  | 'internal500'
  | 'imageSafety'
  | 'noImage'
  | 'promptBlock'
  | 'hang'
  | 'resetMidBody'
  | 'badBase64'
  | 'textOnly'
  | 'apiKeyInvalid'
  | 'referrerBlocked'
  | 'serviceBlocked'
  | 'notFound';

export interface FakeFaultRule {
  kind: FakeFaultKind;
  /** How many requests the rule applies to; default forever. */
  times?: number;
  /** Only requests whose prompt text contains this. */
  matchPromptIncludes?: string;
  matchModel?: string;
  /** rateLimit (default 1) and dailyQuota. */
  retryDelaySeconds?: number;
  /** Delay before the (faulty or normal) answer. */
  delayMs?: number;
}

export interface FakeRecordedRequest {
  method: string;
  path: string;
  model?: string;
  apiKey?: string;
  body: unknown;
  receivedAt: number;
}

async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`fake Gemini ${method} ${path}: ${response.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** Clears recorded requests, faults, batches and files, and sets the latency back to 0. */
export async function resetFake(baseUrl: string): Promise<void> {
  await control(baseUrl, 'POST', '/__fake/reset');
  await control(baseUrl, 'POST', '/__fake/latency', { ms: 0 });
}

export async function addFaults(baseUrl: string, ...rules: FakeFaultRule[]): Promise<void> {
  await control(baseUrl, 'POST', '/__fake/faults', rules);
}

export async function clearFaults(baseUrl: string): Promise<void> {
  await control(baseUrl, 'DELETE', '/__fake/faults');
}

/** Extra delay before every API answer (a slow but successful Gemini). */
export async function setLatency(baseUrl: string, ms: number): Promise<void> {
  await control(baseUrl, 'POST', '/__fake/latency', { ms });
}

export async function fakeRequests(baseUrl: string): Promise<FakeRecordedRequest[]> {
  return (await control(baseUrl, 'GET', '/__fake/requests')) as FakeRecordedRequest[];
}

const isGenerate = (request: FakeRecordedRequest) => /:(stream)?generateContent\b/i.test(request.path);

/** Only the model calls (generateContent / streamGenerateContent). */
export async function generateRequests(baseUrl: string): Promise<FakeRecordedRequest[]> {
  return (await fakeRequests(baseUrl)).filter(isGenerate);
}

export async function countGenerateRequests(baseUrl: string): Promise<number> {
  return (await generateRequests(baseUrl)).length;
}

/** All text parts of a recorded generate request, joined (to tell calls apart by prompt). */
export function promptOf(request: FakeRecordedRequest): string {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'text' && typeof child === 'string') texts.push(child);
        else if (key !== 'inlineData') walk(child);
      }
    }
  };
  walk((request.body as { contents?: unknown } | undefined)?.contents);
  return texts.join('\n');
}

/** Polls until `predicate` holds, or throws with `what` after `timeoutMs`. */
export async function waitUntil(
  predicate: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
