import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../prisma/client.ts';
import { applyMigrations } from '../../prisma/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresUrl: string | null;
  }
}

/**
 * Migrates once per run: a PGlite database dumped to a tarball that every test file loads
 * (about 0.6 s instead of 2-3 s for a fresh one), and, when TEST_DATABASE_URL is set, a fresh
 * PostgreSQL database for this run that all files share (each test builds its own rows).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'schulit-test-'));
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await applyMigrations(database);
  const dump = await pglite.dumpDataDir('none');
  const templatePath = path.join(directory, 'template.tar');
  await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplatePath', templatePath);

  const serverUrl = process.env.TEST_DATABASE_URL;
  let runDatabaseName: string | undefined;
  if (serverUrl) {
    runDatabaseName = `schulit_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${runDatabaseName}"`);
    await admin.end();
    const runUrl = new URL(serverUrl);
    runUrl.pathname = `/${runDatabaseName}`;
    const server = await openDatabase({ databaseUrl: runUrl.toString() });
    await applyMigrations(server);
    await server.close();
    project.provide('postgresUrl', runUrl.toString());
  } else {
    project.provide('postgresUrl', null);
  }
  process.stdout.write(`Datenbanken dieses Laufs: PGlite${serverUrl ? ' und PostgreSQL' : ''}\n`);

  return async function teardown() {
    await rm(directory, { recursive: true, force: true });
    if (serverUrl && runDatabaseName) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${runDatabaseName}" WITH (FORCE)`);
      await admin.end();
    }
  };
}
