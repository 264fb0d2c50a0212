import type { Database } from './client.ts';

/** The tables an erasure changes; their old row versions may still hold what was erased. */
export const tablesWithPersonalData = ['Ticket', 'Message', 'Booking', 'TicketEvent', 'Conversation', 'Answer', 'OutboxMessage', 'Contact', 'ChatVerification', 'ProcessedInboundMessage'];

/**
 * After an erasure on the embedded database, nothing of the old rows may stay in the files under
 * DATA_DIR: PostgreSQL keeps dead row versions in the table and index files until they are reused,
 * and the write-ahead log keeps the inserts. VACUUM FULL rewrites the tables and their indexes; with
 * WAL recycling off, a checkpoint after a segment switch removes the old log segments instead of
 * keeping them for reuse. A PostgreSQL server is left to its operators (autovacuum, backups).
 * Returns whether anything was done.
 */
export async function purgeOldRowVersions(database: Database, tables: readonly string[] = tablesWithPersonalData): Promise<boolean> {
  if (database.kind !== 'pglite') return false;
  await database.withRawSession(async (session) => {
    for (const table of tables) await session.executeScript(`VACUUM FULL "${table.replaceAll('"', '')}"`);
    await session.executeScript('SET wal_recycle = off; CHECKPOINT;');
    await session.query('SELECT pg_switch_wal()');
    await session.executeScript('CHECKPOINT; RESET wal_recycle;');
  });
  return true;
}
