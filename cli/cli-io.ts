import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../prisma/client.ts';
import { applyMigrations } from '../prisma/migrate.ts';

/** Output goes through these so tests can run the CLI in-process. */
export interface CliIo {
  out(text: string): void;
  error(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};

/** What every command group gets: the configuration and where to write. */
export interface CommandContext {
  config: Config;
  io: CliIo;
}

/** Opens the database, migrated, for one command, and always closes it (releasing the PGlite lock). */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await applyMigrations(database);
    return await work(database);
  } finally {
    await database.close();
  }
}
