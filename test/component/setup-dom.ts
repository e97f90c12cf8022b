/**
 * jsdom lacks what React Flow and the image code need. Minimal stand-ins, imported by each
 * component test file (after `// @vitest-environment jsdom`).
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

/** Reports each observed element once, as a browser does on observe, so React Flow measures nodes. */
class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    queueMicrotask(() =>
      this.callback(
        [{ target, contentRect: target.getBoundingClientRect() } as unknown as ResizeObserverEntry],
        this as unknown as ResizeObserver,
      ),
    );
  }
  unobserve(): void {}
  disconnect(): void {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    // React Flow reads the zoom from `scale(k)` in the viewport transform.
    const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
    this.m22 = scale ? Number(scale) : 1;
  }
}

const g = globalThis as unknown as Record<string, unknown>;
g.ResizeObserver ??= ResizeObserverStub;
g.DOMMatrixReadOnly ??= DOMMatrixReadOnlyStub;

let urlCounter = 0;
export const createdUrls: string[] = [];
export const revokedUrls: string[] = [];
URL.createObjectURL = (blob: Blob) => {
  const url = `blob:peel-test/${++urlCounter}-${blob.size}`;
  createdUrls.push(url);
  return url;
};
URL.revokeObjectURL = (url: string) => {
  revokedUrls.push(url);
};

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// React Flow measures with offsetWidth/Height; jsdom reports 0. The canvas gets a screen-sized
// box (so every test node is in view) and everything else a node-sized one.
const isCanvas = (element: HTMLElement) => element.classList.contains('react-flow');
Object.defineProperties(HTMLElement.prototype, {
  offsetWidth: {
    configurable: true,
    get(this: HTMLElement) {
      return isCanvas(this) ? 4000 : 280;
    },
  },
  offsetHeight: {
    configurable: true,
    get(this: HTMLElement) {
      return isCanvas(this) ? 3000 : 200;
    },
  },
});

afterEach(() => {
  cleanup();
});
