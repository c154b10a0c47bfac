import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Single-file components in renderer tests (their files opt into happy-dom with a comment).
  plugins: [vue()],
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['node_modules/**', 'tests/e2e/artifacts/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'threads',
    reporters: ['default', './tests/helpers/summaryReporter.ts'],
  },
});
