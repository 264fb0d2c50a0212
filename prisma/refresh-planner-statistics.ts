import { startPeriodicTask, type PeriodicTask } from '../periodic-task.ts';
import type { Database } from './client.ts';

/**
 * The embedded database has no autovacuum (PGlite runs PostgreSQL in single-user mode, without
 * background workers), so its tables are never analysed on their own: the planner then guesses a
 * handful of rows for every table and picks nested loops that cost seconds once the tables hold
 * thousands of rows (the team figures: 4 s instead of 40 ms at 4,000 tickets). This analyses the
 * tables autovacuum would: changed by more than 50 rows plus a tenth of their size since the last
 * analysis, or holding rows and never analysed. A PostgreSQL server runs autovacuum itself.
 * Returns the tables analysed.
 */
export async function refreshPlannerStatistics(database: Database, { limit = Number.POSITIVE_INFINITY }: { limit?: number } = {}): Promise<string[]> {
  if (database.kind !== 'pglite') return [];
  // The changes this process made are counted in its own memory and reach pg_stat_user_tables at
  // most once a second; flushed first, a burst of writes just before is seen too.
  await database.prisma.$executeRaw`SELECT pg_stat_force_next_flush()`;
  // The most changed relative to its size first.
  const stale = await database.prisma.$queryRaw<{ table: string }[]>`
    SELECT s."relname" AS "table" FROM pg_stat_user_tables s JOIN pg_class c ON c."oid" = s."relid"
    WHERE s."schemaname" = current_schema()
      AND (s."n_mod_since_analyze" > 50 + 0.1 * greatest(c."reltuples", 0) OR (c."reltuples" < 0 AND pg_relation_size(c."oid") > 0))
    ORDER BY s."n_mod_since_analyze" / (1 + greatest(c."reltuples", 0)) DESC, s."relname"`;
  const chosen = stale.slice(0, limit).map(({ table }) => table);
  for (const table of chosen) await database.prisma.$executeRawUnsafe(`ANALYZE "${table.replaceAll('"', '""')}"`);
  return chosen;
}

/**
 * Analyses every stale table once at start, then checks every `intervalMs` and analyses the most
 * stale one: an analysis blocks the embedded database's one thread, so under load they are spread
 * out instead of several at once. See refreshPlannerStatistics.
 */
export function startPlannerStatistics({ database, intervalMs = 15_000, onError }: { database: Database; intervalMs?: number; onError: (error: unknown) => void }): PeriodicTask<number, string[]> {
  const task = startPeriodicTask<number, string[]>({ intervalMs: database.kind === 'pglite' ? intervalMs : 0, pass: (limit = 1) => refreshPlannerStatistics(database, { limit }), onError });
  if (database.kind === 'pglite') void task.runOnce(Number.POSITIVE_INFINITY);
  return task;
}
