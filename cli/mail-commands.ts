import type { Command } from 'commander';
import { AppError } from '../errors.ts';
import { createEngine } from '../handlers/create-engine.ts';
import { createLogger } from '../logger.ts';
import type { Database } from '../prisma/client.ts';
import { createEngineDeps } from '../service/create-engine-deps.ts';
import { createEmailIntake, imapSettingsOf, mailSettingsOf } from '../service/create-email-intake.ts';
import { loadKnowledge } from '../service/load-knowledge.ts';
import { loadMailboxState, saveMailboxState } from '../tickets/index.ts';
import type { CommandContext } from './cli-io.ts';

/** The email channel over the engine, wired exactly as the server wires it. */
async function mailIntake({ config }: CommandContext, database: Database) {
  const logger = createLogger({ level: 'warn', destination: process.stderr });
  const loaded = await loadKnowledge({ config, database, logger });
  const engine = createEngine(createEngineDeps({ database, knowledge: loaded.knowledge, models: loaded.models, mail: mailSettingsOf(config), logger }));
  return { email: createEmailIntake({ config, engine, logger }), logger };
}

/** `schulit mail ingest` (MTA pipe delivery) and `schulit mail poll` (one IMAP pass). */
export function addMailCommands(program: Command, context: CommandContext): void {
  const { config, io, withDatabase } = context;
  const mail = program.command('mail').description('E-Mail');
  mail
    .command('ingest')
    .description('Eine Mail (RFC 5322) von der Standardeingabe übernehmen, z. B. als MTA-Pipe-Zustellung')
    .option('--sender <adresse>', 'Absender des Umschlags (Postfix: ${sender}, Exim: $sender_address; leer bei Zustellberichten); ohne Angabe gilt die Umgebungsvariable SENDER')
    .action(async (options: { sender?: string }) => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      if (chunks.length === 0) throw new AppError('invalid_input', 'No mail on stdin', { german: 'Auf der Standardeingabe kam keine Mail an.' });
      await withDatabase(async (database) => {
        const { email } = await mailIntake(context, database);
        // Postfix pipe(8) and local(8) and Exim's pipe transport pass the envelope sender as
        // ${sender} / $sender_address or in the SENDER environment variable; empty means <>.
        const envelopeSender = options.sender ?? process.env.SENDER;
        const outcome = await email.ingest(Buffer.concat(chunks), { envelopeSender: envelopeSender === undefined ? undefined : envelopeSender.replace(/^<|>$/g, '') }).finally(() => email.close());
        io.out(`Mail: ${outcome.outcome}${'ticketNumber' in outcome ? ` (${outcome.ticketNumber})` : ''}`);
      });
    });
  mail
    .command('poll')
    .description('Das IMAP-Postfach einmal abrufen (IMAP_HOST, IMAP_USER, …)')
    .action(async () => {
      const settings = imapSettingsOf(config);
      if (!settings) throw new AppError('invalid_input', 'IMAP not configured', { german: 'IMAP ist nicht eingerichtet: IMAP_HOST und IMAP_USER fehlen.' });
      await withDatabase(async (database) => {
        const { pollMailboxOnce } = await import('../email/poll-imap.ts');
        const { email, logger } = await mailIntake(context, database);
        const position = { load: (mailbox: string) => loadMailboxState({ prisma: database.prisma, mailbox }), save: (mailbox: string, uidValidity: string, lastUid: number) => saveMailboxState({ prisma: database.prisma, mailbox, uidValidity, lastUid }) };
        const processed = await pollMailboxOnce({ settings, position, ingest: email.ingest, logger }).finally(() => email.close());
        io.out(`IMAP: ${processed} Mail(s) verarbeitet.`);
      });
    });
}
