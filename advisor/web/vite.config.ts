import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDirectory = path.dirname(fileURLToPath(import.meta.url));

/**
 * The advisors' web app, served by advisor/serve-web-app.ts under /advisor. Everything is bundled
 * (no CDN, no inline script) so the server's Content-Security-Policy can stay at 'self'.
 */
export default defineConfig({
  root: webDirectory,
  base: '/advisor/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: path.join(webDirectory, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    // Fluent UI alone is about 1 MB before compression; the warning would only repeat that.
    chunkSizeWarningLimit: 2_000,
  },
});
