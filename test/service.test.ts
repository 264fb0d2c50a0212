import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../prisma/client.ts';
import { hashToken } from '../tickets/add-advisor.ts';
import {
  childEnvironment,
  freePort,
  runSchulit,
  startServiceProcess,
  temporaryDirectory,
  waitForExit,
  waitForOk,
} from './helpers/processes.ts';
import type { ChildProcess } from 'node:child_process';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the service as operators run it', () => {
  it('starts on an empty data directory, seeds sample data, answers /readyz, and the CLI refuses meanwhile', async () => {
    const dataDir = await temporaryDirectory();
    const port = await freePort();
    const environment = childEnvironment({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });

    const before = await runSchulit(['advisor', 'add', '--name', 'Erika Beispiel', '--email', 'erika@example.org'], environment);
    expect(before.code, before.stderr).toBe(0);
    const token = before.stdout.trim().split(/\s+/).at(-1) ?? '';
    expect(token).toMatch(/^sit_[\w-]{32}$/);

    const service = startServiceProcess(environment);
    started.push(service.child);
    await waitForOk(`http://127.0.0.1:${port}/readyz`, 60_000);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });

    const refused = await runSchulit(['advisor', 'add', '--name', 'Max', '--email', 'max@example.org'], environment);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('wird bereits von Prozess');
    expect(refused.stderr).toContain(path.join(dataDir, 'pglite'));

    service.child.kill('SIGTERM');
    expect(await waitForExit(service.child)).toBe(0);

    const database = await openDatabase({ dataDir });
    try {
      expect(await database.prisma.schoolBoard.count()).toBe(8);
      expect(await database.prisma.school.count()).toBe(8);
      const advisor = await database.prisma.advisor.findUniqueOrThrow({ where: { email: 'erika@example.org' }, include: { tokens: true } });
      expect(advisor.tokens.map((stored) => stored.tokenHash)).toEqual([hashToken(token)]);
      expect(JSON.stringify(advisor)).not.toContain(token);
      expect(await database.prisma.advisor.count({ where: { email: 'max@example.org' } })).toBe(0);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('stops at start with every configuration problem listed', async () => {
    const service = startServiceProcess(childEnvironment({ PORT: 'viele', LOG_LEVEL: 'laut' }));
    started.push(service.child);
    expect(await waitForExit(service.child)).toBe(1);
    expect(service.output()).toContain('PORT');
    expect(service.output()).toContain('LOG_LEVEL');
  });

  it('imports master data from the command line and prints a report', async () => {
    const dataDir = await temporaryDirectory();
    const environment = childEnvironment({ DATA_DIR: dataDir });
    const file = path.join(dataDir, 'traeger.csv');
    await import('node:fs/promises').then(({ writeFile }) => writeFile(file, 'Name;Art;Region\nAmt Neverin;Amt;Seenplatte\nX;Bezirk;\n'));
    const result = await runSchulit(['import', 'school-boards', file], environment);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Schulträger: 1 neu, 0 geändert, 0 unverändert, 1 abgelehnt.');
    expect(result.stdout).toContain('Zeile 3: Unbekannte Art „Bezirk“');
    const missing = await runSchulit(['import', 'schools', path.join(dataDir, 'fehlt.csv')], environment);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Datei nicht gefunden');
  }, 60_000);
});
