import { setImmediate } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import { DriverAdapterError, type SqlDriverAdapter, type SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

interface PostgresErrorCause {
  kind: string;
  code?: string;
  message?: string;
  detail?: string;
  column?: string;
}

/**
 * pglite-prisma-adapter 0.6 reports every database error as kind "postgres"; Prisma 6.19 only turns
 * the specific kinds (as @prisma/adapter-pg emits them) into its error codes (P2002 for a unique
 * violation, ...). This maps the kinds the application relies on, so both targets raise the same
 * PrismaClientKnownRequestError.
 */
function mapError(error: unknown): unknown {
  if (!(error instanceof DriverAdapterError)) return error;
  const cause = error.cause as PostgresErrorCause;
  if (cause.kind !== 'postgres') return error;
  const fields = cause.detail?.match(/Key \(([^)]+)\)/)?.[1]?.split(', ').map((field) => field.replace(/"/g, ''));
  const base = { originalCode: cause.code ?? 'UNKNOWN', originalMessage: cause.message ?? '' };
  switch (cause.code) {
    case '23505':
      return new DriverAdapterError({ ...base, kind: 'UniqueConstraintViolation', constraint: fields ? { fields } : undefined });
    case '23502':
      return new DriverAdapterError({ ...base, kind: 'NullConstraintViolation', constraint: cause.column ? { fields: [cause.column] } : undefined });
    case '23503':
      return new DriverAdapterError({ ...base, kind: 'ForeignKeyConstraintViolation', constraint: cause.column ? { fields: [cause.column] } : undefined });
    case '40001':
      return new DriverAdapterError({ ...base, kind: 'TransactionWriteConflict' });
    default:
      return error;
  }
}

// PGlite runs each query synchronously on this thread, and its promises resolve as microtasks: a
// chain of requests could run for seconds without the event loop reading a socket (health checks
// waited 1.8 s at p50 under 32 chat connections). Each query first yields one macrotask.
const yieldingMethods = new Set<PropertyKey>(['queryRaw', 'executeRaw']);

/**
 * Wraps every async method of `target` (and of the transactions it starts) with `mapError`; the
 * queries also yield to the event loop before they run.
 */
function withMappedErrors<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return function mapped(this: unknown, ...parameters: unknown[]) {
        const call = () => (value as (...values: unknown[]) => unknown).apply(object, parameters);
        const result = yieldingMethods.has(property) ? setImmediate().then(call) : call();
        if (!(result instanceof Promise)) return result;
        return result.then(
          (resolved: unknown) =>
            property === 'startTransaction' && resolved && typeof resolved === 'object' ? withMappedErrors(resolved) : resolved,
          (error: unknown) => {
            throw mapError(error);
          },
        );
      };
    },
  });
}

type QueryOptions = NonNullable<Parameters<PGlite['query']>[2]>;
type Parsers = NonNullable<QueryOptions['parsers']>;

/** Options without their `parsers`, after merging those into `instance.parsers` (once per parsers object). */
function withoutParsers(instance: PGlite, merged: WeakSet<Parsers>, options: QueryOptions | undefined): QueryOptions | undefined {
  if (!options?.parsers) return options;
  const { parsers, ...rest } = options;
  if (!merged.has(parsers)) {
    Object.assign(instance.parsers, parsers);
    merged.add(parsers);
  }
  return rest;
}

/**
 * The instance as the adapter sees it. pglite-prisma-adapter passes its type parsers with every
 * query, and PGlite then copies its ~320 own parsers into a new object per query (`{...own,
 * ...given}`): a one-row SELECT took 206-262 µs with them and 116 µs without. The adapter's parsers
 * are merged into the instance's once instead; raw sessions pass PGlite's original parsers
 * (`rawQueryParsers`), so both see the types exactly as before.
 */
function sharingParsers(instance: PGlite): { forAdapter: PGlite; rawQueryParsers: Parsers } {
  const rawQueryParsers: Parsers = { ...instance.parsers };
  const merged = new WeakSet<Parsers>();
  const strippingQuery = <T extends Pick<PGlite, 'query'>>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value = Reflect.get(object, property, object) as unknown;
        if (property === 'query') {
          return (sql: string, parameters?: unknown[], options?: QueryOptions) => object.query(sql, parameters, withoutParsers(instance, merged, options));
        }
        if (property === 'transaction') {
          return <R>(callback: (transaction: Transaction) => Promise<R>) => instance.transaction((transaction) => callback(strippingQuery(transaction)));
        }
        return typeof value === 'function' ? (value as (...values: unknown[]) => unknown).bind(object) : value;
      },
    });
  return { forAdapter: strippingQuery(instance), rawQueryParsers };
}

type Transaction = Parameters<Parameters<PGlite['transaction']>[0]>[0];

/**
 * The PGlite driver adapter factory for PrismaClient, with Prisma 6.19 error kinds, and the parsers
 * a raw query on the same instance must pass to see PGlite's own type parsing.
 */
export function createPGliteAdapter(instance: PGlite): { adapter: SqlDriverAdapterFactory; rawQueryParsers: Parsers } {
  const { forAdapter, rawQueryParsers } = sharingParsers(instance);
  return { adapter: adapterFactory(forAdapter), rawQueryParsers };
}

function adapterFactory(instance: PGlite): SqlDriverAdapterFactory {
  const factory = new PrismaPGlite(instance);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      return withMappedErrors(await factory.connect());
    },
  };
}
