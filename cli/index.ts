import { Command, CommanderError } from 'commander';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { isAppError } from '../errors.ts';
import { isDatabaseUnreachable } from '../prisma/client.ts';
import { addAdvisorCommands } from './advisor-commands.ts';
import { processIo, withOwnDatabase, type CliHost, type CliIo, type CommandContext } from './cli-io.ts';
import { addDbCommands } from './db-commands.ts';
import { addImportCommands } from './import-commands.ts';
import { addKnowledgeCommands } from './knowledge-commands.ts';
import { addMailCommands } from './mail-commands.ts';
import { addPrivacyCommands } from './privacy-commands.ts';
import { addTeamsCommands } from './teams-commands.ts';

export type { CliIo } from './cli-io.ts';
import { forwardToService, isForwardable } from './forward-to-service.ts';
import { germanCommanderMessage, speakGerman } from './german-commander.ts';

/** The `schulit` command: one file per command group. */
export function buildCli(config: Config, io: CliIo = processIo, host?: CliHost): Command {
  const program = new Command('schulit')
    .description('Schul-IT Assistent: Verwaltung von Datenbank, Stammdaten und Beraterzugängen')
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.error(text.trimEnd()), outputError: (text, write) => write(germanCommanderMessage(text)) })
    .exitOverride();
  speakGerman(program);
  const context: CommandContext = host
    ? { config, io, withDatabase: (work) => work(host.database), knowledge: host.knowledge }
    : { config, io, withDatabase: (work) => withOwnDatabase(config, work) };
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
  return runProgram(buildCli(config, io), argv, config, io);
}

/** Parses and runs argv on a built program; errors become German messages and an exit code. */
export async function runProgram(program: Command, argv: string[], config: Config, io: CliIo): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isAppError(error)) {
      // The embedded database belongs to the running service: admin commands run inside it instead.
      if (error.code === 'database_locked' && !config.DATABASE_URL && isForwardable(argv)) {
        const forwarded = await forwardToService(config.DATA_DIR, argv, io);
        if (forwarded !== undefined) return forwarded;
      }
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
