import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts', 'test/web/build-web-app.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: forks keep PGlite's WebAssembly memory per file and let files run in parallel.
    pool: 'forks',
  },
});
