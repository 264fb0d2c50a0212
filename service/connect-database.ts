import { createServer, type RequestListener, type Server } from 'node:http';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { isDatabaseUnreachable, openDatabase, type Database } from '../prisma/client.ts';
import { applyMigrations } from '../prisma/migrate.ts';
import { seedSampleData } from '../tickets/index.ts';

/** The HTTP server, bound before the database is ready; `serve` swaps in the full app. */
export async function openFrontDoor({ config, handler }: { config: Config; handler: RequestListener }): Promise<{ server: Server; port: number; serve(next: RequestListener): void }> {
  let current = handler;
  // Timeouts are checked every second (Node's default is every 30 s).
  const server = createServer({ connectionsCheckingInterval: 1000 }, (request, response) => current(request, response));
  // Slow clients cannot hold connections: headers within HTTP_HEADERS_TIMEOUT_MS, the whole
  // request within HTTP_REQUEST_TIMEOUT_MS, idle keep-alive closed, connections capped.
  server.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  server.maxConnections = config.HTTP_MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return {
    server,
    port,
    serve(next) {
      current = next;
    },
  };
}

/**
 * Opens the database; a PostgreSQL server that is not reachable is waited for with growing
 * pauses (0.5 s doubling up to DATABASE_RETRY_MAX_SECONDS), logged each time with host and port
 * (never the password). Anything else (wrong password, locked data directory) fails at once.
 */
export async function connectDatabase({ config, logger }: { config: Config; logger: Logger }): Promise<Database> {
  let delayMs = 500;
  for (let attempt = 1; ; attempt += 1) {
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    if (database.kind === 'pglite') return database;
    try {
      await probe(database);
      if (attempt > 1) logger.info({ location: database.location, attempt }, `Datenbank erreichbar (${database.location}) / database reachable`);
      return database;
    } catch (error) {
      void database.close().catch(() => undefined);
      if (!isDatabaseUnreachable(error)) throw error;
      const code = (error as { code?: string }).code ?? 'unknown';
      logger.error(
        { location: database.location, code, attempt, retryInMs: delayMs },
        `Datenbank nicht erreichbar (${database.location}, ${code}); neuer Versuch in ${Math.round(delayMs / 100) / 10} s / database unreachable, retrying`,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, config.DATABASE_RETRY_MAX_SECONDS * 1000);
    }
  }
}

/** One round trip, bounded: a server that accepts but never answers counts as unreachable. */
async function probe(database: Database, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('database probe timed out'), { code: 'probe_timeout' })), timeoutMs);
  });
  try {
    await Promise.race([database.withRawSession((session) => session.query('SELECT 1')), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Applies pending migrations and fills an empty database with the sample master data (when configured). */
export async function prepareDatabase({ config, database, logger }: { config: Config; database: Database; logger: Logger }): Promise<void> {
  const migrations = await applyMigrations(database);
  logger.info({ database: database.kind, location: database.location, applied: migrations.applied }, 'database ready');
  if (!config.SEED_SAMPLE_DATA) return;
  const { isSeeded } = await seedSampleData({ prisma: database.prisma });
  if (isSeeded) logger.info('sample master data loaded into the empty database');
}
