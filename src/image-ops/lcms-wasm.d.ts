/** lcms-wasm ships no types: its Emscripten factory, typed for what colour-management.ts uses. */
declare module 'lcms-wasm' {
  export function instantiate(options?: { wasmBinary?: ArrayBuffer | Uint8Array }): Promise<unknown>;
}
