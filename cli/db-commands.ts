import type { Command } from 'commander';
import { openDatabase } from '../prisma/client.ts';
import { applyMigrations } from '../prisma/migrate.ts';
import type { CommandContext } from './cli-io.ts';

/** `schulit db migrate`. */
export function addDbCommands(program: Command, { config, io }: CommandContext): void {
  const db = program.command('db').description('Datenbank');
  db.command('migrate')
    .description('Ausstehende Migrationen anwenden')
    .action(async () => {
      const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      try {
        const result = await applyMigrations(database);
        io.out(result.applied.length > 0 ? `Migrationen angewendet: ${result.applied.join(', ')}` : `Datenbank ist aktuell (${result.alreadyApplied} Migrationen).`);
      } finally {
        await database.close();
      }
    });
}
