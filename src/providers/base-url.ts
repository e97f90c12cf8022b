/**
 * Whether a base URL would send the API key in clear text: plain `http://` to a host that is not
 * this machine. Loopback (a local proxy, the fake server) never leaves the machine, so it is fine.
 * An unparsable URL is not judged here (the request itself reports it).
 */
export function sendsKeyInClear(baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  return !isLoopbackHost(url.hostname);
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // The whole 127.0.0.0/8 block is loopback (URL normalises 127.1 and friends to dotted quads).
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
