import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';

export interface DataDirLock {
  release(): Promise<void>;
}

const lockFileName = 'schulit.lock';

/**
 * PGlite allows one process per data directory and does not guard against a second one itself,
 * which would corrupt the database. A pid file created with O_EXCL is that guard; a lock left by a
 * process that no longer runs (kill -9) is taken over.
 */
export async function acquireDataDirLock(directory: string): Promise<DataDirLock> {
  const lockPath = path.join(directory, lockFileName);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      let isReleased = false;
      return {
        async release() {
          if (isReleased) return;
          isReleased = true;
          await rm(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && isProcessAlive(owner)) {
        throw new AppError(
          'database_locked',
          `The embedded database in ${directory} is in use by process ${owner} (for example the running server). ` +
            'Stop it first, or use a PostgreSQL server (DATABASE_URL) to run both.',
          {
            german:
              `Die eingebettete Datenbank in ${directory} wird bereits von Prozess ${owner} verwendet ` +
              '(zum Beispiel vom laufenden Server). Beenden Sie ihn zuerst oder verwenden Sie einen ' +
              'PostgreSQL-Server (DATABASE_URL), dann können beide gleichzeitig laufen.',
            details: { dataDir: directory, pid: owner },
          },
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new AppError('database_locked', `Could not lock the data directory ${directory}.`, {
    german: `Das Datenverzeichnis ${directory} konnte nicht gesperrt werden.`,
  });
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
