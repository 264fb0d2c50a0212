import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { embeddedStartParams, openDatabase, pgliteTemplatePath } from './client.ts';
import { applyMigrations } from './migrate.ts';

/**
 * Builds the starting point of a new embedded database: a PGlite data directory with every
 * migration applied, as a gzipped tarball. A first start unpacks it instead of running initdb and
 * the migrations in the service process (measured: 3.9 s and 800 MB RSS -> 1.6 s and 285 MB).
 * Runs in `npm run build`; without the file the service simply initialises the database itself.
 */
export async function buildPgliteTemplate(target = pgliteTemplatePath): Promise<{ bytes: number; migrations: number }> {
  const instance = await PGlite.create({ startParams: embeddedStartParams });
  const database = await openDatabase({ pglite: instance });
  try {
    const { applied } = await applyMigrations(database);
    await instance.exec('CHECKPOINT');
    const dump = Buffer.from(await (await instance.dumpDataDir('gzip')).arrayBuffer());
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, dump);
    return { bytes: dump.length, migrations: applied.length };
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { bytes, migrations } = await buildPgliteTemplate();
  process.stdout.write(`PGlite-Vorlage mit ${migrations} Migrationen geschrieben (${Math.round(bytes / 1024)} KB).\n`);
}
