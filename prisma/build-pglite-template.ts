import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { embeddedStartParams, openDatabase, pgliteTemplateDirectory } from './client.ts';
import { applyMigrations } from './migrate.ts';

/**
 * Builds the starting point of a new embedded database: a PGlite data directory with every
 * migration applied. A first start copies it (plain file copies, no WebAssembly) instead of
 * running initdb and the migrations in the service process (measured: opening an empty data
 * directory 3.9 s and 800 MB RSS -> 1.0 s and 217 MB). Runs in `npm run build`; without it the service initialises the
 * database itself.
 */
export async function buildPgliteTemplate(target = pgliteTemplateDirectory): Promise<{ migrations: number }> {
  await rm(target, { recursive: true, force: true });
  const instance = await PGlite.create(target, { startParams: embeddedStartParams });
  const database = await openDatabase({ pglite: instance });
  try {
    const { applied } = await applyMigrations(database);
    await instance.exec('CHECKPOINT');
    return { migrations: applied.length };
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { migrations } = await buildPgliteTemplate();
  process.stdout.write(`PGlite-Vorlage mit ${migrations} Migrationen unter ${pgliteTemplateDirectory} angelegt.\n`);
}
