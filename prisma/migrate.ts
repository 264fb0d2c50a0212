import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database, RawSession } from './client.ts';
import { projectRoot } from '../project-root.ts';

const migrationsDirectory = path.join(projectRoot, 'prisma', 'migrations');

// Any fixed number: serialises migrations of several instances starting at once on one server.
const migrationLockKey = 4_711_2026;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations from prisma/migrations in order, in-process, and records them in
 * Prisma's own `_prisma_migrations` table, so `prisma migrate status` agrees. In-process because
 * PGlite allows one process per data directory: the Prisma CLI cannot open it while we hold it,
 * and starting the CLI costs ~20 s where this costs well under one.
 */
export async function applyMigrations(database: Database): Promise<MigrationResult> {
  return database.withRawSession((session) => applyPending(session, database.kind === 'postgresql'));
}

async function applyPending(session: RawSession, isServer: boolean): Promise<MigrationResult> {
  await session.executeScript(`
    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    );`);
  if (isServer) {
    await session.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
  }
  try {
    const names = (await readdir(migrationsDirectory, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const done = new Set(
      (
        await session.query<{ migration_name: string }>(
          'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
      ).map((row) => row.migration_name),
    );
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = await readFile(path.join(migrationsDirectory, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      await session.executeScript(`BEGIN;\n${sql}\nCOMMIT;`).catch(async (error: unknown) => {
        await session.executeScript('ROLLBACK;').catch(() => undefined);
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      });
      await session.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)',
        [randomUUID(), checksum, name],
      );
      applied.push(name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    if (isServer) {
      await session.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
    }
  }
}
