import { expect, it } from 'vitest';
import { Prisma } from '../../prisma/client.ts';
import { parseJson, utcDate } from '../../prisma/direct-sql.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { uniqueSuffix } from '../helpers/factories.ts';

// The statements every message runs go to the driver, not through Prisma: both databases must hand
// back the same values, and a Date must land in a timestamp column as Prisma stores it (UTC).
describeOnEachDatabase('SQL on the driver', (database) => {
  it('returns the same values on both databases, the text types as PostgreSQL prints them', async () => {
    const rows = await database().sql.query<Record<string, unknown>>(Prisma.sql`
      SELECT ${new Date('2030-05-05T10:00:00.123Z')}::timestamp AS "at", '{"a":[1,"ü"]}'::jsonb AS "doc", '[1,2]'::json AS "list",
        NULL::jsonb AS "nothing", 9007199254740993::int8 AS "big", 1.50::numeric AS "amount", DATE '2030-01-02' AS "day",
        ${42}::int AS "count", ${true}::boolean AS "flag", ${['x', 'ä']}::text[] AS "words", ${'Grüße'} AS "text"`);
    expect(rows).toEqual([
      {
        at: '2030-05-05 10:00:00.123',
        doc: '{"a": [1, "ü"]}',
        list: '[1,2]',
        nothing: null,
        big: '9007199254740993',
        amount: '1.50',
        day: '2030-01-02',
        count: 42,
        flag: true,
        words: ['x', 'ä'],
        text: 'Grüße',
      },
    ]);
    expect(utcDate(rows[0]!.at as string).toISOString()).toBe('2030-05-05T10:00:00.123Z');
    expect(parseJson(rows[0]!.doc as string)).toEqual({ a: [1, 'ü'] });
    expect(parseJson(null)).toBeNull();
  });

  it('stores a Date as Prisma does and reports the rows a statement changed', async () => {
    const email = `direkt-${uniqueSuffix()}@example.org`;
    const contact = await database().prisma.contact.create({ data: { email, name: 'Vorher' } });
    const at = new Date('2031-02-03T04:05:06.789Z');
    const changed = await database().sql.execute(Prisma.sql`UPDATE "Contact" SET "name" = ${'Nachher'}, "updatedAt" = ${at} WHERE "email" = ${email}`);
    expect(changed).toBe(1);
    expect(await database().sql.execute(Prisma.sql`UPDATE "Contact" SET "name" = 'x' WHERE "email" = ${`nie-${email}`}`)).toBe(0);
    const stored = await database().prisma.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(stored.name).toBe('Nachher');
    expect(stored.updatedAt.toISOString()).toBe(at.toISOString());
    const [read] = await database().sql.query<{ updatedAt: string }>(Prisma.sql`SELECT "updatedAt" FROM "Contact" WHERE "id" = ${contact.id}`);
    expect(utcDate(read!.updatedAt).getTime()).toBe(at.getTime());
  });

  it('raises the database error with its SQLSTATE', async () => {
    const email = `doppelt-${uniqueSuffix()}@example.org`;
    await database().prisma.contact.create({ data: { email } });
    await expect(database().sql.execute(Prisma.sql`INSERT INTO "Contact" ("id", "email", "updatedAt") VALUES (${`c-${uniqueSuffix()}`}, ${email}, ${new Date()})`)).rejects.toMatchObject({ code: '23505' });
  });
});
