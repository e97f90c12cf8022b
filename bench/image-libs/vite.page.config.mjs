import { fileURLToPath } from 'node:url';
export default {
  resolve: {
    alias: { jimp: fileURLToPath(new URL('../node_modules/jimp/dist/esm/index.js', import.meta.url)) },
  },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
};
