import { spawn } from 'node:child_process';
import { access, cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../prisma/client.ts';
import { applyMigrations } from '../prisma/migrate.ts';
import { childEnvironment, freePort, projectRoot, temporaryDirectory, waitForExit, waitForOk } from './helpers/processes.ts';
import type { ChildProcess } from 'node:child_process';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `npm start`: the compiled service in dist/, as `npm ci` (postinstall) or `npm run build` leaves it. */
function startBuiltService(environment: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [path.join(projectRoot, 'dist', 'main.js')], { cwd: projectRoot, env: environment });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.push(child);
  return { child, output: () => output };
}

describe('the production build (npm start)', () => {
  it('starts from dist/ on an empty data directory from the migrated template, answers with citations, serves the workspace, and starts again on the same directory', async () => {
    await access(path.join(projectRoot, 'dist', 'main.js'));
    await access(path.join(projectRoot, 'dist', 'pglite-template', 'PG_VERSION'));
    const dataDir = await temporaryDirectory();
    const port = await freePort();
    const environment = childEnvironment({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    const base = `http://127.0.0.1:${port}`;

    const first = startBuiltService(environment);
    await waitForOk(`${base}/readyz`, 60_000);
    // The template already holds every migration: a first start applies none itself.
    expect(first.output()).toContain('"applied":[]');
    expect(first.output()).toMatch(/"startup":\{"processMs":\d+/);
    const chat = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { email: 'amt@example.org' }, text: 'Ist WLAN förderfähig?' }) });
    expect(chat.status).toBe(200);
    const reply = JSON.stringify(await chat.json());
    expect(reply).toContain('förderfähig');
    expect(reply).toContain('Schulisches WLAN');
    const workspace = await fetch(`${base}/advisor/`);
    expect(workspace.status).toBe(200);
    expect(await workspace.text()).toContain('<div id="root">');
    first.child.kill('SIGTERM');
    expect(await waitForExit(first.child)).toBe(0);

    const second = startBuiltService(environment);
    await waitForOk(`${base}/readyz`, 60_000);
    expect(second.output()).toMatch(/"added":0,"updated":0,"unchanged":[1-9]\d*/);
    second.child.kill('SIGTERM');
    expect(await waitForExit(second.child)).toBe(0);
  }, 120_000);

  it('copies the template again when an earlier copy was cut short (no PG_VERSION yet), and opens a complete database', async () => {
    const template = path.join(projectRoot, 'dist', 'pglite-template');
    await access(path.join(template, 'PG_VERSION'));
    const dataDir = await temporaryDirectory();
    // What a crash during the first copy leaves: most files, not the marker, one directory missing.
    await cp(template, path.join(dataDir, 'pglite'), { recursive: true, filter: (source) => source !== path.join(template, 'PG_VERSION') });
    await rm(path.join(dataDir, 'pglite', 'global'), { recursive: true });
    const database = await openDatabase({ dataDir });
    try {
      expect((await applyMigrations(database)).applied).toEqual([]);
      expect(await database.prisma.ticket.count()).toBe(0);
    } finally {
      await database.close();
    }
  });
});
