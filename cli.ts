import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { AppError, isAppError } from './errors.ts';
import { isDatabaseUnreachable, openDatabase, type Database } from './prisma/client.ts';
import { applyMigrations } from './prisma/migrate.ts';
import { addAdvisor } from './tickets/add-advisor.ts';
import type { ImportReport } from './tickets/import-school-boards.ts';
import { importSchoolBoards } from './tickets/import-school-boards.ts';
import { importSchools } from './tickets/import-schools.ts';
import { createAiModels } from './knowledge/create-ai-models.ts';
import { evaluateKnowledge, readEvalQuestions } from './knowledge/evaluate-knowledge.ts';
import { createKnowledgeService, shippedDocumentsDirectory } from './knowledge/knowledge-service.ts';
import { readDocumentFile, supportedExtensions } from './knowledge/read-document-file.ts';
import { renderPlainAnswer } from './knowledge/render-plain-answer.ts';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { writeAppPackage } from './bot/build-app-package.ts';

/** Output goes through these so tests can run the CLI in-process. */
export interface CliIo {
  out(text: string): void;
  error(text: string): void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};

/** Opens the database, migrated, for one command, and always closes it (releasing the PGlite lock). */
async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await applyMigrations(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

function printReport(io: CliIo, label: string, report: ImportReport): void {
  io.out(`${label}: ${report.created} neu, ${report.updated} geändert, ${report.unchanged} unverändert, ${report.rejected.length} abgelehnt.`);
  for (const { line, reason } of report.rejected) io.out(`  Zeile ${line}: ${reason}`);
}

export function buildCli(config: Config, io: CliIo = processIo): Command {
  const program = new Command('schulit')
    .description('Schul-IT Assistent: Verwaltung von Datenbank, Stammdaten und Beraterzugängen')
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.error(text.trimEnd()) })
    .exitOverride();

  const db = program.command('db').description('Datenbank');
  db.command('migrate')
    .description('Ausstehende Migrationen anwenden')
    .action(async () => {
      const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      try {
        const result = await applyMigrations(database);
        io.out(
          result.applied.length > 0
            ? `Migrationen angewendet: ${result.applied.join(', ')}`
            : `Datenbank ist aktuell (${result.alreadyApplied} Migrationen).`,
        );
      } finally {
        await database.close();
      }
    });

  const advisor = program.command('advisor').description('Beraterinnen und Berater');
  advisor
    .command('add')
    .description('Berater anlegen (oder neuen Zugang ausstellen); gibt das Zugangstoken einmalig aus')
    .requiredOption('--name <name>', 'Name')
    .requiredOption('--email <email>', 'E-Mail-Adresse')
    .option('--role <role>', 'advisor oder admin', 'advisor')
    .option('--topics <codes>', 'Kategorien, kommagetrennt (z. B. foerderantrag,rop_aenderung)', '')
    .option('--regions <names>', 'Regionen, kommagetrennt', '')
    .option('--teams-id <aadObjectId>', 'Entra-Objekt-ID des Teams-Kontos (zum Übernehmen aus Teams-Karten)')
    .action(async (options: { name: string; email: string; role: string; topics: string; regions: string; teamsId?: string }) => {
      if (options.role !== 'advisor' && options.role !== 'admin') {
        throw new AppError('invalid_input', `Unknown role ${options.role}`, { german: `Unbekannte Rolle „${options.role}“ (erlaubt: advisor, admin).` });
      }
      const role = options.role;
      const split = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean);
      const { advisor: created, token } = await withDatabase(config, (database) =>
        addAdvisor({ prisma: database.prisma, name: options.name, email: options.email, role, topics: split(options.topics), regions: split(options.regions), teamsAadObjectId: options.teamsId }),
      );
      io.out(`Berater ${created.name} <${created.email}> (${created.role}) angelegt.`);
      io.out(`Zugangstoken (wird nur jetzt angezeigt): ${token}`);
    });

  const importCommand = program.command('import').description('Stammdaten aus CSV importieren');
  importCommand
    .command('school-boards <csv>')
    .description('Schulträger importieren (Spalten: Name;Art;Region)')
    .action(async (file: string) => {
      const content = await readFile(file);
      const report = await withDatabase(config, (database) => importSchoolBoards({ prisma: database.prisma, content }));
      printReport(io, 'Schulträger', report);
    });
  importCommand
    .command('schools <csv>')
    .description('Schulen importieren (Spalten: Name;Schulart;Dienststellennummer;Schulträger;ROP-Förderjahr;Schülerzahl)')
    .action(async (file: string) => {
      const content = await readFile(file);
      const report = await withDatabase(config, (database) => importSchools({ prisma: database.prisma, content }));
      printReport(io, 'Schulen', report);
    });
  const aiModels = () =>
    createAiModels({
      baseUrl: config.AI_BASE_URL,
      apiKey: config.AI_API_KEY,
      chatModel: config.AI_CHAT_MODEL,
      embeddingModel: config.AI_EMBEDDING_MODEL,
      timeoutMs: config.AI_TIMEOUT_MS,
    });

  program
    .command('teams-package')
    .description('Teams-App-Paket (ZIP) mit den IDs aus der Umgebung bauen')
    .option('--out <file>', 'Zieldatei', 'dist/schulit-teams-app.zip')
    .action(async (options: { out: string }) => {
      const botAppId = config.MicrosoftAppId ?? '';
      try {
        const file = await writeAppPackage(
          { teamsAppId: config.TEAMS_APP_ID ?? botAppId, botAppId, publicBaseUrl: config.PUBLIC_BASE_URL, ssoClientId: config.TEAMS_SSO_CLIENT_ID ?? botAppId, ssoApplicationIdUri: config.TEAMS_SSO_APP_ID_URI },
          options.out,
        );
        io.out(`Teams-App-Paket geschrieben: ${file}`);
      } catch (error) {
        throw new AppError('invalid_input', (error as Error).message, { german: (error as Error).message });
      }
    });

  /** The email channel over the engine, for one CLI command (pipe delivery, one IMAP pass). */
  async function mailChannel(database: Database) {
    const { createEngineDeps } = await import('./main.ts');
    const { addressOf, createEmailChannel } = await import('./email/create-email-channel.ts');
    const { handleInboundMail } = await import('./handlers/handle-inbound-mail.ts');
    const logger = (await import('./logger.ts')).createLogger({ level: 'warn', destination: process.stderr });
    const knowledge = createKnowledgeService({ prisma: database.prisma, extraDirectory: config.KNOWLEDGE_DIR });
    await knowledge.ingest();
    const deps = createEngineDeps({ database, knowledge });
    const ownAddress = addressOf(config.MAIL_FROM);
    const channel = createEmailChannel({
      settings: {
        from: config.MAIL_FROM,
        inboundHost: config.MAIL_INBOUND_HOST,
        inboundAddresses: [ownAddress],
        maxMessageBytes: config.MAIL_MAX_BYTES,
        attachments: { directory: path.resolve(config.DATA_DIR, 'attachments'), maxAttachmentBytes: config.MAIL_MAX_ATTACHMENT_BYTES, maxAttachments: config.MAIL_MAX_ATTACHMENTS },
      },
      logger,
      handle: (parsed) => handleInboundMail(parsed, deps, { ownAddress, messageIdDomain: ownAddress.split('@')[1] ?? 'schulit.invalid', autoRepliesPerDay: config.MAIL_AUTO_REPLIES_PER_DAY }),
    });
    return { channel, deps, logger };
  }

  const mail = program.command('mail').description('E-Mail');
  mail
    .command('ingest')
    .description('Eine Mail (RFC 5322) von der Standardeingabe übernehmen, z. B. als MTA-Pipe-Zustellung')
    .action(async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      if (chunks.length === 0) throw new AppError('invalid_input', 'No mail on stdin', { german: 'Auf der Standardeingabe kam keine Mail an.' });
      await withDatabase(config, async (database) => {
        const { channel } = await mailChannel(database);
        const outcome = (await channel.ingest(Buffer.concat(chunks))) as { outcome: string; ticketNumber?: string };
        io.out(`Mail: ${outcome.outcome}${outcome.ticketNumber ? ` (${outcome.ticketNumber})` : ''}`);
      });
    });

  mail
    .command('poll')
    .description('Das IMAP-Postfach einmal abrufen (IMAP_HOST, IMAP_USER, …)')
    .action(async () => {
      const { IMAP_HOST: host, IMAP_USER: user } = config;
      if (!host || !user) throw new AppError('invalid_input', 'IMAP not configured', { german: 'IMAP ist nicht eingerichtet: IMAP_HOST und IMAP_USER fehlen.' });
      await withDatabase(config, async (database) => {
        const { pollMailboxOnce } = await import('./email/poll-imap.ts');
        const { channel, deps, logger } = await mailChannel(database);
        const processed = await pollMailboxOnce({
          settings: { host, port: config.IMAP_PORT, secure: config.IMAP_SECURE, user, password: config.IMAP_PASSWORD, accessToken: config.IMAP_ACCESS_TOKEN, mailbox: config.IMAP_MAILBOX, processedFolder: config.IMAP_PROCESSED_FOLDER },
          position: { load: deps.tickets.loadMailboxState, save: deps.tickets.saveMailboxState },
          ingest: channel.ingest,
          logger,
        });
        io.out(`IMAP: ${processed} Mail(s) verarbeitet.`);
      });
    });

  const kb = program.command('kb').description('Wissensbasis');
  kb.command('ingest [directories...]')
    .description('Dokumente (Markdown, PDF, DOCX) einlesen; ohne Angabe die mitgelieferten und KNOWLEDGE_DIR')
    .action(async (directories: string[]) => {
      await withDatabase(config, async (database) => {
        const knowledge = createKnowledgeService({ prisma: database.prisma, extraDirectory: config.KNOWLEDGE_DIR, models: aiModels(), timeoutMs: config.AI_TIMEOUT_MS });
        const bar = process.stdout.isTTY ? new cliProgress.SingleBar({ format: 'Wissensbasis [{bar}] {value}/{total} {file}' }, cliProgress.Presets.shades_classic) : undefined;
        let isStarted = false;
        const report = await knowledge.ingest(directories.length > 0 ? directories : undefined, (done, total, file) => {
          if (!bar) return;
          if (!isStarted) {
            bar.start(total, 0, { file: '' });
            isStarted = true;
          }
          bar.update(done, { file: path.basename(file) });
        });
        bar?.stop();
        io.out(`Wissensbasis: ${report.added.length} neu, ${report.updated.length} geändert, ${report.unchanged.length} unverändert, ${report.failed.length} nicht lesbar.`);
        for (const { file, reason } of report.failed) io.out(`  übersprungen: ${file}: ${reason}`);
      });
    });

  program
    .command('ask <frage>')
    .description('Eine Frage an die Wissensbasis stellen')
    .option('--json', 'Antwort als JSON')
    .action(async (question: string, options: { json?: boolean }) => {
      await withDatabase(config, async (database) => {
        const knowledge = createKnowledgeService({ prisma: database.prisma, extraDirectory: config.KNOWLEDGE_DIR, models: aiModels(), timeoutMs: config.AI_TIMEOUT_MS });
        await knowledge.ingest();
        const answer = await knowledge.answer(question);
        io.out(options.json ? JSON.stringify(answer, null, 2) : renderPlainAnswer(answer));
      });
    });

  program
    .command('eval')
    .description('Auswertung der Wissensbasis mit test/eval/questions.jsonl (offline; mit LLM, wenn konfiguriert)')
    .option('--questions <file>', 'Fragen-Datei (JSONL)', 'test/eval/questions.jsonl')
    .option('--json', 'Ergebnis als JSON')
    .action(async (options: { questions: string; json?: boolean }) => {
      const files = (await readdir(shippedDocumentsDirectory)).filter((file) => supportedExtensions.includes(path.extname(file)));
      const documents = await Promise.all(files.map((file) => readDocumentFile(path.join(shippedDocumentsDirectory, file))));
      const questions = await readEvalQuestions(options.questions);
      const runs = [{ label: 'offline', models: {} }];
      const models = aiModels();
      if (models.chat) runs.push({ label: `LLM ${models.chat.name}`, models });
      for (const run of runs) {
        const figures = await evaluateKnowledge({ documents, questions, models: run.models });
        if (options.json) {
          io.out(JSON.stringify({ run: run.label, ...figures }, null, 2));
          continue;
        }
        io.out(`Auswertung (${run.label}), ${figures.questions} Fragen:`);
        io.out(`  Suche          hit@1 ${figures.ours.hitAt1}  hit@3 ${figures.ours.hitAt3}  MRR ${figures.ours.mrr}  ${figures.ours.microsecondsPerQuery} µs/Frage`);
        io.out(`  MiniSearch     hit@1 ${figures.miniSearchBaseline.hitAt1}  hit@3 ${figures.miniSearchBaseline.hitAt3}  MRR ${figures.miniSearchBaseline.mrr}  ${figures.miniSearchBaseline.microsecondsPerQuery} µs/Frage`);
        io.out(`  Kernfakten genannt ${figures.keyFactCoverage}   richtige Entscheidung (antworten/ablehnen/Lücke benennen) ${figures.abstentionAccuracy}`);
        for (const failure of figures.failures) io.out(`  ${failure.id}: ${failure.problem}`);
      }
    });
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
