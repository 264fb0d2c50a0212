import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../../prisma/client.ts';
import { applyMigrations } from '../../prisma/migrate.ts';
import { databaseKinds, useTestDatabase } from '../helpers/database.ts';
import { projectRoot } from '../helpers/processes.ts';

describe('applyMigrations on a fresh embedded database', () => {
  it('creates the schema once and is a no-op afterwards', async () => {
    const database = await openDatabase({ pglite: await PGlite.create() });
    try {
      // Every migration folder, in the order of its timestamp, starting with the initial schema.
      const folders = (await readdir(path.join(projectRoot, 'prisma/migrations'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
      expect(folders[0]).toBe('20261201000000_init');
      const first = await applyMigrations(database);
      expect(first.applied).toEqual(folders);
      const second = await applyMigrations(database);
      expect(second).toEqual({ applied: [], alreadyApplied: folders.length });
      const rows = await database.withRawSession((session) =>
        session.query<{ migration_name: string; checksum: string }>('SELECT migration_name, checksum FROM "_prisma_migrations"'),
      );
      expect(rows).toHaveLength(folders.length);
      expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(await database.prisma.ticket.count()).toBe(0);
    } finally {
      await database.close();
    }
  });
});

describe.each(databaseKinds)('migrated schema on %s', (kind) => {
  const openDatabase = useTestDatabase(kind);
  let database: Database;
  beforeAll(() => {
    database = openDatabase();
  });

  it('re-running migrations changes nothing', async () => {
    expect((await applyMigrations(database)).applied).toEqual([]);
  });

  it('raises Prisma error codes the application relies on (unique violation = P2002)', async () => {
    const name = `Doppelt ${Math.random()}`;
    await database.prisma.schoolBoard.create({ data: { name, kind: 'amt' } });
    await expect(database.prisma.schoolBoard.create({ data: { name, kind: 'amt' } })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('rolls back an interactive transaction that throws', async () => {
    const name = `Rollback ${Math.random()}`;
    await expect(
      database.prisma.$transaction(async (transaction) => {
        await transaction.schoolBoard.create({ data: { name, kind: 'amt' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await database.prisma.schoolBoard.count({ where: { name } })).toBe(0);
  });

  it('stores JSON, arrays, enums and timestamps faithfully', async () => {
    const board = await database.prisma.schoolBoard.create({ data: { name: `Rundreise ${Math.random()}`, kind: 'kreisfreie_stadt' } });
    const ticket = await database.prisma.ticket.create({
      data: {
        number: `SIT-1999-${Math.floor(Math.random() * 99_999)}`,
        subject: 'Änderung des Förderjahres – Grundschule „Am See“',
        category: 'rop_aenderung',
        channel: 'email',
        schoolBoardId: board.id,
        facts: { schools: ['90000101'], reason: 'Baumaßnahme verzögert' },
        missingFacts: ['requestedYear'],
        dueAt: new Date('2026-12-03T10:00:00.000Z'),
      },
    });
    const loaded = await database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { schoolBoard: true } });
    expect(loaded.subject).toBe('Änderung des Förderjahres – Grundschule „Am See“');
    expect(loaded.facts).toEqual({ schools: ['90000101'], reason: 'Baumaßnahme verzögert' });
    expect(loaded.missingFacts).toEqual(['requestedYear']);
    expect(loaded.dueAt?.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(loaded.schoolBoard?.kind).toBe('kreisfreie_stadt');
    expect(loaded.status).toBe('neu');
  });
});
