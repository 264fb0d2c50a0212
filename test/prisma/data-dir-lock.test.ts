import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../prisma/client.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

describe('embedded database lock', () => {
  it('refuses a second user of the data directory with a message naming it', async () => {
    const dataDir = await temporaryDirectory();
    const first = await openDatabase({ dataDir });
    try {
      const second = openDatabase({ dataDir });
      await expect(second).rejects.toMatchObject({ code: 'database_locked' });
      await expect(openDatabase({ dataDir })).rejects.toThrow(path.join(dataDir, 'pglite'));
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  it('takes over a lock left by a process that was killed', async () => {
    const dataDir = await temporaryDirectory();
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid ?? 0)));
    await mkdir(path.join(dataDir, 'pglite'), { recursive: true });
    await writeFile(path.join(dataDir, 'pglite', 'schulit.lock'), `${deadPid}\n`);
    const database = await openDatabase({ dataDir });
    expect(database.location).toBe(path.join(dataDir, 'pglite'));
    await database.close();
  });
});
