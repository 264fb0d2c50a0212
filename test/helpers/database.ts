import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../../prisma/client.ts';

/** PGlite always; PostgreSQL too when the run has a server (TEST_DATABASE_URL). */
export const databaseKinds: DatabaseKind[] = inject('postgresUrl') ? ['pglite', 'postgresql'] : ['pglite'];

/** A migrated database: a fresh PGlite loaded from the run's template, or the run's PostgreSQL database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'postgresql') {
    const url = inject('postgresUrl');
    if (!url) throw new Error('no PostgreSQL server in this run');
    return openDatabase({ databaseUrl: url, maxConnections: 5 });
  }
  const template = await readFile(inject('pgliteTemplatePath'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([template]) });
  return openDatabase({ pglite });
}

/** The run's PostgreSQL URL, for tests that start the whole service against it. */
export function postgresUrl(): string | null {
  return inject('postgresUrl');
}

/**
 * A migrated database for the tests of one `describe` block, opened before and closed after them;
 * call the returned function inside a test to get it.
 */
export function useTestDatabase(kind: DatabaseKind): () => Database {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error('test database not open yet');
    return database;
  };
}

/**
 * Runs a suite once per database of the run (PGlite always, PostgreSQL when reachable), each with
 * a migrated database opened before and closed after it: `database()` inside a test returns it.
 */
export function describeOnEachDatabase(name: string, suite: (database: () => Database, kind: DatabaseKind) => void): void {
  describe.each(databaseKinds)(`${name} on %s`, (kind) => {
    suite(useTestDatabase(kind), kind);
  });
}
