import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../prisma/client.ts';

// The Prisma adapter's type parsers are merged into the PGlite instance once instead of being
// passed (and copied into a new object of ~320 parsers) with every query. Both sides must still
// see their own types: Prisma the adapter's, raw sessions PGlite's.
describe('type parsers shared between Prisma and raw sessions on one PGlite', () => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    vi.restoreAllMocks();
  });

  it('gives raw sessions PGlite types and Prisma its own, in any order, and hands PGlite no parsers per query', async () => {
    const pglite = await PGlite.create();
    database = await openDatabase({ pglite });
    const select = `SELECT '2026-12-05 10:00:00+00'::timestamptz AS at, '{"a":1}'::jsonb AS doc, 9007199254740993::int8 AS big, '\\x0102'::bytea AS bytes`;
    type Row = { at: unknown; doc: unknown; big: unknown; bytes: unknown };
    const raw = () => database!.withRawSession((session) => session.query<Row>(select));

    const before = (await raw())[0]!;
    expect(before.at).toBeInstanceOf(Date);
    expect(before.doc).toEqual({ a: 1 });

    const query = vi.spyOn(pglite, 'query');
    const [viaPrisma] = await database.prisma.$queryRawUnsafe<Row[]>(select);
    expect(viaPrisma!.at).toBeInstanceOf(Date);
    expect((viaPrisma!.at as Date).toISOString()).toBe('2026-12-05T10:00:00.000Z');
    expect(viaPrisma!.doc).toEqual({ a: 1 });
    expect(viaPrisma!.big).toBe(9007199254740993n);
    expect([...(viaPrisma!.bytes as Uint8Array)]).toEqual([1, 2]);
    const adapterCalls = query.mock.calls.filter(([sql]) => sql === select);
    expect(adapterCalls.length).toBe(1);
    expect(adapterCalls[0]![2]).not.toHaveProperty('parsers');

    // After the adapter's parsers were merged into the instance, raw sessions still get PGlite's.
    const after = (await raw())[0]!;
    expect(after).toEqual(before);
    expect(after.at).toBeInstanceOf(Date);
    expect(after.doc).toEqual({ a: 1 });
  });

  it('keeps Prisma types inside an interactive transaction', async () => {
    database = await openDatabase({ pglite: await PGlite.create() });
    const rows = await database.prisma.$transaction(async (transaction) =>
      transaction.$queryRawUnsafe<{ at: unknown; doc: unknown }[]>(`SELECT '2026-12-05 10:00:00+00'::timestamptz AS at, '[1,2]'::json AS doc`),
    );
    expect(rows[0]!.at).toBeInstanceOf(Date);
    expect(rows[0]!.doc).toEqual([1, 2]);
  });
});
