import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: new URL('./bare', import.meta.url).pathname,
  plugins: [react()],
  logLevel: 'warn',
});
