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
export async function refreshPlannerStatistics(database: Database): Promise<string[]> {
  if (database.kind !== 'pglite') return [];
  const stale = await database.prisma.$queryRaw<{ table: string }[]>`
    SELECT s."relname" AS "table" FROM pg_stat_user_tables s JOIN pg_class c ON c."oid" = s."relid"
    WHERE s."schemaname" = current_schema()
      AND (s."n_mod_since_analyze" > 50 + 0.1 * greatest(c."reltuples", 0) OR (c."reltuples" < 0 AND pg_relation_size(c."oid") > 0))
    ORDER BY s."relname"`;
  for (const { table } of stale) await database.prisma.$executeRawUnsafe(`ANALYZE "${table.replaceAll('"', '""')}"`);
  return stale.map(({ table }) => table);
}

/** Checks every `intervalMs` (and once at once) which tables need fresh statistics; see refreshPlannerStatistics. */
export function startPlannerStatistics({ database, intervalMs = 60_000, onError }: { database: Database; intervalMs?: number; onError: (error: unknown) => void }): PeriodicTask<void, string[]> {
  const task = startPeriodicTask<void, string[]>({ intervalMs: database.kind === 'pglite' ? intervalMs : 0, pass: () => refreshPlannerStatistics(database), onError });
  if (database.kind === 'pglite') void task.runOnce();
  return task;
}
