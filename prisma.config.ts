import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { loadConfig } from './config.ts';

/**
 * Prisma CLI configuration. `engine: "js"` keeps the CLI on its bundled WebAssembly engines, so
 * nothing is downloaded (without it Prisma 6.19 fetches native engines and fails offline).
 * The service itself migrates in-process (`schulit db migrate`); the adapter here serves the
 * CLI's own commands such as `prisma migrate status`, run while the service is stopped.
 */
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const config = loadConfig();
    if (config.DATABASE_URL) {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      return new PrismaPg({ connectionString: config.DATABASE_URL });
    }
    const { mkdirSync } = await import('node:fs');
    const { PGlite } = await import('@electric-sql/pglite');
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    const directory = path.resolve(config.DATA_DIR, 'pglite');
    mkdirSync(directory, { recursive: true });
    return new PrismaPGlite(new PGlite(directory));
  },
});
