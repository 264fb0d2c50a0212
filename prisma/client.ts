import { access, copyFile, cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaClient } from './generated/client.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { createPGliteSql, createPostgresSql, type DirectSql } from './direct-sql.ts';
import { createPGliteAdapter } from './pglite-adapter.ts';
import { projectRoot } from '../project-root.ts';

export { PrismaClient };
export { Prisma } from './generated/client.ts';
export type * from './generated/client.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

/** An open database: the Prisma client plus what migrations and shutdown need. */
export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** The statements every message runs, straight on the driver (see direct-sql.ts). */
  sql: DirectSql;
  /** Runs `work` on one raw connection outside Prisma (migrations need session-level locks). */
  withRawSession<T>(work: (session: RawSession) => Promise<T>): Promise<T>;
  /** Human-readable location for messages: the data directory or the server host, never a password. */
  location: string;
  close(): Promise<void>;
}

export interface RawSession {
  /** Runs a multi-statement SQL script. */
  executeScript(sql: string): Promise<void>;
  /** Runs one query with parameters and returns its rows. */
  query<Row>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; unset = embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** An already created PGlite instance (tests load one from a dump). */
  pglite?: PGlite;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

/**
 * PostgreSQL settings of the embedded database, sized for a service process rather than a
 * database server: PGlite's own defaults (160 MB shared buffers, 64 MB maintenance memory) end
 * up resident in the process, because WebAssembly memory only grows. Measured on the shipped
 * data: RSS after opening 294 -> 163 MB, open 0.9 -> 0.6 s.
 */
export const embeddedStartParams = [
  ...PGlite.defaultStartParams,
  // ANALYZE samples 300 rows per unit of the statistics target: 3,000 rows instead of 30,000 keep
  // each analysis near 25 ms on the one thread (TicketEvent at 14,000 rows: 125-165 -> 25-32 ms).
  ...['shared_buffers=16MB', 'work_mem=2MB', 'maintenance_work_mem=16MB', 'temp_buffers=2MB', 'wal_buffers=512kB', 'default_statistics_target=10'].flatMap((setting) => ['-c', setting]),
];

/** The migrated, empty database a first start is copied from (built by `npm run build`, see build-pglite-template.ts). */
export const pgliteTemplateDirectory = path.join(projectRoot, 'dist', 'pglite-template');

/** Whether a PGlite data directory holds a database (PostgreSQL's PG_VERSION marks a complete one). */
async function holdsDatabase(directory: string): Promise<boolean> {
  return access(path.join(directory, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/**
 * Copies the template into a new data directory, PG_VERSION last: a copy cut short (a crash, a
 * full disk) leaves no marker, so the next start copies again instead of opening half a database.
 */
async function copyTemplate(directory: string): Promise<void> {
  await cp(pgliteTemplateDirectory, directory, { recursive: true, filter: (source) => source !== path.join(pgliteTemplateDirectory, 'PG_VERSION') });
  await copyFile(path.join(pgliteTemplateDirectory, 'PG_VERSION'), path.join(directory, 'PG_VERSION'));
}

/** The one factory for database access: PGlite under DATA_DIR, or a PostgreSQL server. */
export async function openDatabase({
  databaseUrl,
  dataDir = './data',
  pglite,
  maxConnections = 10,
}: OpenDatabaseOptions): Promise<Database> {
  if (databaseUrl) return await openPostgres(databaseUrl, maxConnections);
  if (pglite) return wrapPGlite(pglite, 'in-memory', undefined);
  const directory = path.resolve(dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const lock = await acquireDataDirLock(directory);
  try {
    if (!(await holdsDatabase(directory)) && (await holdsDatabase(pgliteTemplateDirectory))) await copyTemplate(directory);
    const instance = await PGlite.create(directory, { startParams: embeddedStartParams });
    return wrapPGlite(instance, directory, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

function wrapPGlite(instance: PGlite, location: string, lock: DataDirLock | undefined): Database {
  const { adapter, rawQueryParsers } = createPGliteAdapter(instance);
  const prisma = new PrismaClient({ adapter });
  return {
    kind: 'pglite',
    prisma,
    sql: createPGliteSql(instance),
    location,
    async withRawSession(work) {
      return work({
        async executeScript(sql) {
          await instance.exec(sql);
        },
        async query<Row>(sql: string, parameters: unknown[] = []) {
          return (await instance.query<Row>(sql, parameters, { parsers: rawQueryParsers })).rows;
        },
      });
    },
    async close() {
      await prisma.$disconnect();
      if (!instance.closed) await instance.close();
      await lock?.release();
    },
  };
}

/** The PostgreSQL driver loads only when a server is configured (it costs ~35 ms of every embedded start). */
async function openPostgres(databaseUrl: string, maxConnections: number): Promise<Database> {
  const [{ PrismaPg }, { default: pg }] = await Promise.all([import('@prisma/adapter-pg'), import('pg')]);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const url = new URL(databaseUrl);
  return {
    kind: 'postgresql',
    prisma,
    sql: createPostgresSql(pool, pg.types.getTypeParser),
    location: `${url.hostname}:${url.port || '5432'}${url.pathname}`,
    async withRawSession(work) {
      const client = await pool.connect();
      try {
        return await work({
          async executeScript(sql) {
            await client.query(sql);
          },
          async query<Row>(sql: string, parameters: unknown[] = []) {
            return (await client.query(sql, parameters)).rows as Row[];
          },
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Errors that mean "the database server is not there (yet)", worth waiting for. */
const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P03', 'probe_timeout']);

export function isDatabaseUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && unreachableCodes.has(code)) return true;
  // pg reports a dropped handshake without a code.
  return error instanceof Error && /Connection terminated|connection timeout/i.test(error.message);
}
