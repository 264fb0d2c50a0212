import { stat } from 'node:fs/promises';
import { request } from 'node:http';
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
  it('starts on an empty data directory, seeds sample data, answers /readyz, and admin commands run inside it meanwhile', async () => {
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

    // While the service owns the embedded database, `advisor` and `ask` run inside it ...
    const added = await runSchulit(['advisor', 'add', '--name', 'Max Muster', '--email', 'max@example.org', '--role', 'admin'], environment);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Berater Max Muster <max@example.org> (admin) angelegt.');
    const maxToken = added.stdout.trim().split(/\s+/).at(-1) ?? '';
    const me = await fetch(`http://127.0.0.1:${port}/api/advisor/me`, { headers: { authorization: `Bearer ${maxToken}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { advisor: { email: string } }).advisor.email).toBe('max@example.org');
    const duplicate = await runSchulit(['advisor', 'add', '--name', 'Max', '--email', 'max@example.org'], environment);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('Fehler:');
    const asked = await runSchulit(['ask', 'Wer stellt den Antrag beim LFI?'], environment);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toMatch(/Quelle|Quellen/);

    // ... only with the service's token, and other commands still wait for the service to stop.
    const forged = await new Promise<number>((resolve, reject) => {
      const call = request({ socketPath: path.join(dataDir, 'admin.sock'), path: '/cli', method: 'POST', headers: { authorization: 'Bearer falsch', 'content-type': 'application/json' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      call.on('error', reject);
      call.end(JSON.stringify({ argv: ['advisor', 'add', '--name', 'Eve', '--email', 'eve@example.org'] }));
    });
    expect(forged).toBe(401);
    expect((await stat(path.join(dataDir, 'admin-token'))).mode & 0o077).toBe(0);
    const refused = await runSchulit(['db', 'migrate'], environment);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('wird bereits von Prozess');
    expect(refused.stderr).toContain(path.join(dataDir, 'pglite'));

    service.child.kill('SIGTERM');
    expect(await waitForExit(service.child)).toBe(0);
    await expect(stat(path.join(dataDir, 'admin-token'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(path.join(dataDir, 'admin.sock'))).rejects.toMatchObject({ code: 'ENOENT' });

    const database = await openDatabase({ dataDir });
    try {
      expect(await database.prisma.schoolBoard.count()).toBe(8);
      expect(await database.prisma.school.count()).toBe(8);
      const advisor = await database.prisma.advisor.findUniqueOrThrow({ where: { email: 'erika@example.org' }, include: { tokens: true } });
      expect(advisor.tokens.map((stored) => stored.tokenHash)).toEqual([hashToken(token)]);
      expect(JSON.stringify(advisor)).not.toContain(token);
      expect(await database.prisma.advisor.count({ where: { email: 'max@example.org' } })).toBe(1);
      expect(await database.prisma.advisor.count({ where: { email: 'eve@example.org' } })).toBe(0);
    } finally {
      await database.close();
    }
    // Without the service the CLI works on the database itself again.
    const after = await runSchulit(['advisor', 'tokens', '--email', 'max@example.org'], environment);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain(maxToken.slice(0, 8));
  }, 180_000);

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
