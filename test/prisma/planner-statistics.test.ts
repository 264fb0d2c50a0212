import { expect, it } from 'vitest';
import { refreshPlannerStatistics } from '../../prisma/refresh-planner-statistics.ts';
import { computeTeamFigures } from '../../tickets/index.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createRequestTicket, createSchoolBoard } from '../helpers/factories.ts';

const plan = async (database: Awaited<ReturnType<typeof createTestDatabase>>, sql: string) =>
  ((await database.prisma.$queryRawUnsafe(`EXPLAIN ${sql}`)) as { 'QUERY PLAN': string }[]).map((row) => row['QUERY PLAN']).join('\n');

it('analyses the embedded tables that changed, as autovacuum would on a server', async () => {
  const database = await createTestDatabase('pglite');
  try {
    const prisma = database.prisma;
    const schoolBoard = await createSchoolBoard(prisma);
    const start = new Date('2031-05-05T08:00:00Z');
    for (let index = 0; index < 120; index += 1) {
      await createRequestTicket(prisma, { subject: `Frage ${index}`, schoolBoardId: schoolBoard.id, now: new Date(start.getTime() + index * 3_600_000) });
    }
    const reltuples = async () => Number(((await prisma.$queryRawUnsafe(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'Ticket'`)) as { n: number }[])[0]!.n);
    // Never analysed: the planner knows nothing about the rows.
    expect(await reltuples()).toBeLessThan(0);
    const rangeScan = `SELECT * FROM "Ticket" WHERE "createdAt" >= '2031-05-05'::timestamp`;
    const before = await plan(database, rangeScan);

    const analysed = await refreshPlannerStatistics(database);
    expect(analysed).toEqual(expect.arrayContaining(['Ticket', 'TicketEvent', 'SchoolBoard']));
    expect(await reltuples()).toBe(120);
    // The estimate now follows the data (all 120 rows match), where it guessed a few before.
    expect(before).not.toMatch(/rows=120\b/);
    expect(await plan(database, rangeScan)).toMatch(/rows=120\b/);

    // Under load one table per pass, the one changed most for its size.
    for (let index = 0; index < 80; index += 1) await createRequestTicket(prisma, { subject: `Welle ${index}`, schoolBoardId: schoolBoard.id, now: start });
    expect(await refreshPlannerStatistics(database, { limit: 1 })).toHaveLength(1);
    await refreshPlannerStatistics(database);

    // Nothing changed since: nothing to do. A few new rows stay under the threshold (50 + 10 %).
    expect(await refreshPlannerStatistics(database)).toEqual([]);
    for (let index = 0; index < 5; index += 1) await createRequestTicket(prisma, { subject: `Nachtrag ${index}`, schoolBoardId: schoolBoard.id, now: start });
    expect(await refreshPlannerStatistics(database)).not.toContain('Ticket');
    // The figures read every ticket of the period and stay right with the statistics in place.
    const figures = await computeTeamFigures({ prisma, weeks: 2, now: new Date('2031-05-12T12:00:00Z') });
    expect(figures.period.tickets).toBe(205);
  } finally {
    await database.close();
  }
});
