import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../helpers/processes.ts';

const webDirectory = path.join(projectRoot, 'advisor', 'web');
export const builtIndexFile = path.join(webDirectory, 'dist', 'index.html');

async function newestSourceTime(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const entryPath = path.join(directory, entry.name);
    const time = entry.isDirectory() ? await newestSourceTime(entryPath) : (await stat(entryPath)).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/**
 * Builds advisor/web/dist when it is missing or older than its sources, so the browser tests
 * always drive the current app (the same `vite build` as `npm run build:web`, without a shell).
 */
export async function buildWebAppIfStale(): Promise<'built' | 'fresh'> {
  const sourceTime = Math.max(
    await newestSourceTime(path.join(webDirectory, 'src')),
    (await stat(path.join(webDirectory, 'index.html'))).mtimeMs,
    (await stat(path.join(webDirectory, 'vite.config.ts'))).mtimeMs,
  );
  if (existsSync(builtIndexFile) && (await stat(builtIndexFile)).mtimeMs >= sourceTime) return 'fresh';
  const { build } = await import('vite');
  await build({ configFile: path.join(webDirectory, 'vite.config.ts'), logLevel: 'warn' });
  return 'built';
}

/** vitest globalSetup entry: runs once per test run, before any file starts a server. */
export default async function setup(): Promise<void> {
  const started = Date.now();
  if ((await buildWebAppIfStale()) === 'built') process.stdout.write(`Arbeitsbereich gebaut (${Date.now() - started} ms)\n`);
}
