import { setImmediate } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import type { Prisma } from './generated/client.ts';

/**
 * Parameterised SQL straight on the driver, for the few statements every message runs. Prisma 6.19
 * sends even `$queryRaw` through its query compiler and result mapping: on the embedded database a
 * one-row insert took 690-950 µs that way and 300-320 µs on the driver (a chat turn runs two or
 * three such statements). Everything else stays with Prisma.
 *
 * Both databases hand back the same values: text, integers up to int4, booleans and arrays of
 * those as the drivers parse them; json, jsonb, timestamp, date, bigint and numeric as PostgreSQL's
 * text (`parseJson`, `utcDate` turn them into values). A timestamptz result (now(), ...) differs
 * between the two: cast it to timestamp. A Date parameter is sent as its ISO instant, which a
 * timestamp column stores as UTC, as Prisma does.
 */
export interface DirectSql {
  query<Row>(statement: Prisma.Sql): Promise<Row[]>;
  /** Runs a statement and returns the rows it changed. */
  execute(statement: Prisma.Sql): Promise<number>;
}

/** PostgreSQL type ids whose values stay text (see DirectSql). */
const textTypes = { json: 114, jsonb: 3802, timestamp: 1114, date: 1082, int8: 20, numeric: 1700 } as const;
const asText = (value: string) => value;

const parameters = (values: unknown[]) => values.map((value) => (value instanceof Date ? value.toISOString() : value));

/**
 * On PGlite: the instance's own parsers gain text for those types (the Prisma adapter parses them
 * the same way), so no query passes parsers (PGlite copies its ~320 parsers per query that does).
 * Each statement first yields one macrotask, as the adapter's do, so sockets are read between them.
 */
export function createPGliteSql(instance: PGlite): DirectSql {
  for (const typeId of Object.values(textTypes)) instance.parsers[typeId] = asText;
  const run = async (statement: Prisma.Sql) => {
    await setImmediate();
    return instance.query(statement.text, parameters(statement.values));
  };
  return {
    async query<Row>(statement: Prisma.Sql) {
      return (await run(statement)).rows as Row[];
    },
    async execute(statement) {
      return (await run(statement)).affectedRows ?? 0;
    },
  };
}

export function createPostgresSql(pool: Pool, getTypeParser: (typeId: number) => (value: string) => unknown): DirectSql {
  const textTypeIds = new Set<number>(Object.values(textTypes));
  const types = { getTypeParser: (typeId: number) => (textTypeIds.has(typeId) ? asText : getTypeParser(typeId)) };
  const run = (statement: Prisma.Sql) => pool.query({ text: statement.text, values: parameters(statement.values), types });
  return {
    async query<Row>(statement: Prisma.Sql) {
      return (await run(statement)).rows as Row[];
    },
    async execute(statement) {
      return (await run(statement)).rowCount ?? 0;
    },
  };
}

/** A json or jsonb value as DirectSql returns it. */
export const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** A timestamp (without time zone, as Prisma stores UTC) as DirectSql returns it. */
export const utcDate = (text: string): Date => new Date(`${text.replace(' ', 'T')}Z`);
