import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../project-root.ts';

/** Where `npm run build:web` puts the advisors' web app. */
export const webAppDirectory = path.join(projectRoot, 'advisor', 'web', 'dist');

/**
 * Serves the built advisors' web app under /advisor: hashed assets with long caching, and
 * index.html for every other path so deep links such as /advisor/tickets/SIT-2026-00001 work.
 */
export function createWebAppRouter({ directory = webAppDirectory }: { directory?: string } = {}): Router {
  const router = Router();
  const indexFile = path.join(directory, 'index.html');
  router.use('/assets', express.static(path.join(directory, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.use(express.static(directory, { index: false, maxAge: 0 }));
  router.get(/.*/, (_request, response) => {
    if (!existsSync(indexFile)) {
      response
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Die Arbeitsoberfläche ist noch nicht gebaut. Bitte „npm run build:web“ ausführen (geschieht bei „npm install“ automatisch).');
      return;
    }
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(indexFile);
  });
  return router;
}
