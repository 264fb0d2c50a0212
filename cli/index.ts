import { Command, CommanderError } from 'commander';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { isAppError } from '../errors.ts';
import { isDatabaseUnreachable } from '../prisma/client.ts';
import { addAdvisorCommands } from './advisor-commands.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { addDbCommands } from './db-commands.ts';
import { addImportCommands } from './import-commands.ts';
import { addKnowledgeCommands } from './knowledge-commands.ts';
import { addMailCommands } from './mail-commands.ts';
import { addPrivacyCommands } from './privacy-commands.ts';
import { addTeamsCommands } from './teams-commands.ts';

export type { CliIo } from './cli-io.ts';
import { germanCommanderMessage, speakGerman } from './german-commander.ts';

/** The `schulit` command: one file per command group. */
export function buildCli(config: Config, io: CliIo = processIo): Command {
  const program = new Command('schulit')
    .description('Schul-IT Assistent: Verwaltung von Datenbank, Stammdaten und Beraterzugängen')
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.error(text.trimEnd()), outputError: (text, write) => write(germanCommanderMessage(text)) })
    .exitOverride();
  speakGerman(program);
  const context = { config, io };
  for (const addCommands of [addDbCommands, addAdvisorCommands, addImportCommands, addTeamsCommands, addMailCommands, addKnowledgeCommands, addPrivacyCommands]) addCommands(program, context);
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo, environment = process.env): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.error(error.message);
      return 1;
    }
    throw error;
  }
  try {
    await buildCli(config, io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isAppError(error)) {
      io.error(`Fehler: ${error.german}`);
      io.error(`Error (${error.code}): ${error.message}`);
      return error.code === 'database_locked' ? 3 : 2;
    }
    if (isDatabaseUnreachable(error)) {
      const target = config.DATABASE_URL ? new URL(config.DATABASE_URL) : undefined;
      const where = target ? `${target.hostname}:${target.port || '5432'}${target.pathname}` : 'DATA_DIR';
      io.error(`Fehler: Die Datenbank (${where}) ist nicht erreichbar. Läuft der PostgreSQL-Server?`);
      io.error(`Error (unavailable): database ${where} unreachable (${String((error as { code?: string }).code ?? 'no code')})`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.error(`Fehler: Datei nicht gefunden: ${(error as NodeJS.ErrnoException).path ?? ''}`);
      return 2;
    }
    throw error;
  }
}
