import type { Config } from '../config.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
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

/** What every command group gets: the configuration, where to write, and the database to work on. */
export interface CommandContext {
  config: Config;
  io: CliIo;
  /** Runs one command's work on the database: its own connection, or the running service's (admin endpoint). */
  withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T>;
  /** Set when the command runs inside the service: its loaded knowledge base answers `ask`. */
  knowledge?: KnowledgeService;
}

/** The running service's database and knowledge base, when the CLI runs inside it. */
export interface CliHost {
  database: Database;
  knowledge: KnowledgeService;
}

/** Opens the database, migrated, for one command, and always closes it (releasing the PGlite lock). */
export async function withOwnDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await applyMigrations(database);
    return await work(database);
  } finally {
    await database.close();
  }
}
