/**
 * A fetch for the SDK's `httpOptions.fetch` that keeps the body text of a successful answer: the
 * SDK (2.32) drops fields Peel needs (`finishMessage`, batch stats and errors).
 */
export function captureBody(): { fetch: typeof fetch; body: () => string | undefined; json: () => unknown } {
  let text: string | undefined;
  return {
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (!response.ok) return response;
      text = await response.text();
      return new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
    body: () => text,
    json: () => {
      try {
        return text === undefined ? undefined : JSON.parse(text);
      } catch {
        return undefined;
      }
    },
  };
}
