// The renderer build: renderer/ → dist/renderer. `base: './'` because the app
// loads index.html from a file:// URL inside the package; the web host serves
// the same files from its root.
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // Monaco is large by nature; it is loaded once from disk, not over a network.
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', strictPort: true, port: 5173 },
});
