import { createServer, type RequestListener, type Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { isAppError } from './errors.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { isDatabaseUnreachable, openDatabase, type Database } from './prisma/client.ts';
import { applyMigrations } from './prisma/migrate.ts';
import { closeGracefully, createApp, createWaitingApp } from './server.ts';
import { seedSampleData } from './tickets/seed-sample-data.ts';
import { createChatRouter } from './chat-api.ts';
import type { EngineDeps } from './handlers/engine-deps.ts';
import { createAiModels, type AiModels } from './knowledge/create-ai-models.ts';
import { classifyWithModel } from './knowledge/classify-with-model.ts';
import { createKnowledgeService, shippedDocumentsDirectory, type KnowledgeService } from './knowledge/knowledge-service.ts';
import { recordAnswer, recordAnswerFeedback } from './knowledge/record-answer.ts';
import { createAdvisorPort, createTicketsPort } from './tickets/index.ts';
import { createAdvisorRouter } from './advisor/create-advisor-router.ts';
import { openApiDocument } from './advisor/openapi.ts';
import { createWebAppRouter } from './advisor/serve-web-app.ts';
import { createTeamsTokenVerifier } from './advisor/verify-teams-token.ts';
import { createDocumentsPort } from './knowledge/manage-documents.ts';
import { startOutboxWorker } from './tickets/start-outbox-worker.ts';
import { createTeamsChannel } from './bot/create-teams-channel.ts';
import { handleCardAction } from './handlers/handle-card-action.ts';
import { handleInboundMessage } from './handlers/handle-inbound-message.ts';
import { isAdvisorChannelCommand, registerAdvisorChannel } from './handlers/register-advisor-channel.ts';
import { createNotificationDeliverers } from './handlers/deliver-notifications.ts';
import type { Deliverer } from './tickets/outbox.ts';
import { addressOf, createEmailChannel } from './email/create-email-channel.ts';
import { handleInboundMail } from './handlers/handle-inbound-mail.ts';
import { watchMailbox } from './email/poll-imap.ts';

export interface RunningService {
  server: Server;
  /** One outbox delivery pass now (tests, and operators after fixing a channel). */
  deliverOutboxNow(): Promise<unknown>;
  /** Port of the inbound SMTP listener, when one runs. */
  mailPort?: number;
  /** Ingests one raw mail as the pipe delivery does. */
  ingestMail(raw: Buffer): Promise<unknown>;
  database: Database;
  knowledge: KnowledgeService;
  /** The port actually bound (differs from the config when it asked for 0). */
  port: number;
  close(): Promise<void>;
}

export interface StartServiceOptions {
  config: Config;
  logger: Logger;
}

/**
 * The composition root: the only place that builds real clients. Migrates, seeds an empty database,
 * then serves HTTP until `close()`.
 */
export async function startService({ config, logger }: StartServiceOptions): Promise<RunningService> {
  // The port is bound first so that, while the database is not reachable yet, probes see a live
  // process (/healthz 200, /readyz 503) instead of a crash loop; the full app replaces the waiting
  // one on the same server once the database answers.
  const frontDoor = await openFrontDoor({ config, handler: createWaitingApp({ logger }) });
  let database: Database;
  try {
    database = await connectDatabase({ config, logger });
  } catch (error) {
    await closeGracefully(frontDoor.server, 1000);
    throw error;
  }
  try {
    const migrations = await applyMigrations(database);
    logger.info({ database: database.kind, location: database.location, applied: migrations.applied }, 'database ready');
    if (config.SEED_SAMPLE_DATA) {
      const { isSeeded } = await seedSampleData({ prisma: database.prisma });
      if (isSeeded) logger.info('sample master data loaded into the empty database');
    }
  } catch (error) {
    await database.close();
    await closeGracefully(frontDoor.server, 1000);
    throw error;
  }

  const models = createAiModels({
    baseUrl: config.AI_BASE_URL,
    apiKey: config.AI_API_KEY,
    chatModel: config.AI_CHAT_MODEL,
    embeddingModel: config.AI_EMBEDDING_MODEL,
    timeoutMs: config.AI_TIMEOUT_MS,
  });
  const knowledge = createKnowledgeService({ prisma: database.prisma, extraDirectory: config.KNOWLEDGE_DIR, models, timeoutMs: config.AI_TIMEOUT_MS });
  // Uploaded documents override shipped ones with the same key; the order matters.
  const uploadDirectory = path.resolve(config.DATA_DIR, 'knowledge-uploads');
  const knowledgeDirectories = [shippedDocumentsDirectory, ...(config.KNOWLEDGE_DIR ? [config.KNOWLEDGE_DIR] : []), uploadDirectory];
  const ingestReport = await knowledge.ingest(knowledgeDirectories);
  logger.info(
    { added: ingestReport.added.length, updated: ingestReport.updated.length, unchanged: ingestReport.unchanged.length, failed: ingestReport.failed },
    'knowledge base ingested',
  );
  const deps = createEngineDeps({ database, knowledge, models });

  const workspaceUrl = (ticketNumber: string) => new URL(`/advisor/tickets/${encodeURIComponent(ticketNumber)}`, config.PUBLIC_BASE_URL).toString();
  const teams = createTeamsChannel({
    settings: {
      appId: config.MicrosoftAppId,
      appPassword: config.MicrosoftAppPassword,
      appType: config.MicrosoftAppType,
      tenantId: config.MicrosoftAppTenantId,
      advisorChannelId: config.TEAMS_ADVISOR_CHANNEL_ID,
      serviceUrl: config.TEAMS_SERVICE_URL,
    },
    logger,
    engine: {
      handleMessage: (message) => handleInboundMessage(message, deps),
      handleCardAction: (action, message) => handleCardAction(action, message, deps),
      storeReference: (conversationId, reference) => deps.tickets.storeConversationReference('teams', conversationId, reference),
      registerAdvisorChannel: (reference, message) => registerAdvisorChannel({ sender: message.sender, reference }, deps),
      isAdvisorChannelCommand,
      isFirstWelcome: (conversationId) => deps.tickets.markInboundProcessed('teams', `welcome|${conversationId}`),
      workspaceUrl,
    },
  });
  const ownAddress = addressOf(config.MAIL_FROM);
  const email = createEmailChannel({
    settings: {
      from: config.MAIL_FROM,
      smtpUrl: config.SMTP_URL,
      inboundPort: config.MAIL_INBOUND_SMTP_PORT,
      inboundHost: config.MAIL_INBOUND_HOST,
      inboundAddresses: (config.MAIL_INBOUND_ADDRESSES ?? ownAddress).split(',').map((address) => address.trim().toLowerCase()).filter(Boolean),
      maxMessageBytes: config.MAIL_MAX_BYTES,
      attachments: { directory: path.resolve(config.DATA_DIR, 'attachments'), maxAttachmentBytes: config.MAIL_MAX_ATTACHMENT_BYTES, maxAttachments: config.MAIL_MAX_ATTACHMENTS },
    },
    logger,
    handle: (mail) => handleInboundMail(mail, deps, { ownAddress, messageIdDomain: ownAddress.split('@')[1] ?? 'schulit.invalid', autoRepliesPerDay: config.MAIL_AUTO_REPLIES_PER_DAY }),
  });
  const mailListener = config.MAIL_INBOUND_SMTP_PORT !== undefined ? await email.startListener() : undefined;
  if (mailListener) logger.info({ port: mailListener.port }, 'inbound SMTP listener ready');
  const imapWatcher =
    config.IMAP_HOST && config.IMAP_USER
      ? watchMailbox({
          settings: { host: config.IMAP_HOST, port: config.IMAP_PORT, secure: config.IMAP_SECURE, user: config.IMAP_USER, password: config.IMAP_PASSWORD, accessToken: config.IMAP_ACCESS_TOKEN, mailbox: config.IMAP_MAILBOX, processedFolder: config.IMAP_PROCESSED_FOLDER },
          position: { load: deps.tickets.loadMailboxState, save: deps.tickets.saveMailboxState },
          ingest: email.ingest,
          logger,
          pollIntervalMs: config.IMAP_POLL_SECONDS * 1000,
        })
      : undefined;
  const deliverers = {
    ...(createNotificationDeliverers({
      tickets: deps.tickets,
      senders: {
        postCaseCard: teams.postCaseCard,
        sendTeamsText: teams.sendText,
        sendEmail: email.isSending ? email.send : undefined,
        hasConfiguredAdvisorChannel: Boolean(config.TEAMS_ADVISOR_CHANNEL_ID),
        advisorTeamEmail: config.ADVISOR_TEAM_EMAIL,
      },
      workspaceUrl,
    }) as unknown as Record<string, Deliverer>),
    email: async (message) => email.send(message.payload as never),
  } satisfies Record<string, Deliverer>;
  const outboxWorker = startOutboxWorker({
    prisma: database.prisma,
    deliverers,
    onError: (error) => logger.error({ err: error }, 'outbox delivery failed'),
    isSoleWorker: database.kind === 'pglite',
  });

  const metrics = createMetrics();
  const app = createApp({
    logger,
    metrics,
    corsOrigins: config.CORS_ORIGINS?.split(',').map((origin) => origin.trim()).filter(Boolean),
    authFailureLimit: { paths: ['/api/advisor'], perMinute: config.ADVISOR_AUTH_FAILURES_PER_MINUTE },
    readinessChecks: {
      async database() {
        await database.prisma.$queryRawUnsafe('SELECT 1');
        return true;
      },
      async knowledge() {
        return knowledge.isLoaded();
      },
    },
    routes: [
      { path: '/api/chat', router: createChatRouter({ deps, messagesPerMinute: config.CHAT_RATE_LIMIT_PER_MINUTE, isLoopbackExempt: true, maxConcurrent: config.CHAT_MAX_CONCURRENT, maxQueued: config.CHAT_MAX_QUEUED }) },
      { path: '/api/messages', router: teams.router },
      {
        path: '/api/advisor',
        router: createAdvisorRouter({
          advisors: createAdvisorPort(database.prisma),
          documents: createDocumentsPort({ prisma: database.prisma, knowledge, directories: knowledgeDirectories, uploadDirectory }),
          verifyTeamsToken: createTeamsTokenVerifier({
            clientId: config.TEAMS_SSO_CLIENT_ID ?? config.MicrosoftAppId,
            tenantId: config.TEAMS_SSO_TENANT_ID ?? config.MicrosoftAppTenantId,
            jwksUrl: config.TEAMS_SSO_JWKS_URL,
            applicationIdUri: config.TEAMS_SSO_APP_ID_URI,
            publicBaseUrl: config.PUBLIC_BASE_URL,
          }),
        }),
      },
      { path: '/api/openapi.json', router: (_request, response) => void response.json(openApiDocument) },
      { path: '/advisor', router: createWebAppRouter() },
    ],
  });
  frontDoor.serve(app);
  const { server, port } = frontDoor;
  logger.info({ port }, `Schul-IT Assistent läuft auf http://localhost:${port}`);

  let closing: Promise<void> | undefined;
  return {
    server,
    database,
    knowledge,
    port,
    deliverOutboxNow: () => outboxWorker.runOnce(),
    mailPort: mailListener?.port,
    ingestMail: (raw) => email.ingest(raw),
    close() {
      closing ??= (async () => {
        await closeGracefully(server);
        await mailListener?.close();
        await imapWatcher?.stop();
        await outboxWorker.stop();
        await database.close();
      })();
      return closing;
    },
  };
}

/** The engine's collaborators, built from the real database and knowledge base. */
export function createEngineDeps({ database, knowledge, models = {} }: { database: Database; knowledge: KnowledgeService; models?: AiModels }): EngineDeps {
  const chat = models.chat;
  return {
    knowledge,
    classifyWithModel: chat ? (text) => classifyWithModel({ model: chat.languageModel, text, timeoutMs: chat.timeoutMs }) : undefined,
    tickets: createTicketsPort(database.prisma),
    recordFeedback: (answerId, isHelpful) => recordAnswerFeedback({ prisma: database.prisma, answerId, isHelpful }),
    async recordAnswer({ question, answer, intent }) {
      return recordAnswer({ prisma: database.prisma, question, answer, intent });
    },
  };
}

/** The HTTP server, bound before the database is ready; `serve` swaps in the full app. */
async function openFrontDoor({ config, handler }: { config: Config; handler: RequestListener }) {
  let current = handler;
  const server = createServer((request, response) => current(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return {
    server,
    port,
    serve(next: RequestListener) {
      current = next;
    },
  };
}

/**
 * Opens the database; a PostgreSQL server that is not reachable is waited for with growing
 * pauses (0.5 s doubling up to DATABASE_RETRY_MAX_SECONDS), logged each time with host and port
 * (never the password). Anything else (wrong password, locked data directory) fails at once.
 */
async function connectDatabase({ config, logger }: { config: Config; logger: Logger }): Promise<Database> {
  let delayMs = 500;
  for (let attempt = 1; ; attempt += 1) {
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    if (database.kind === 'pglite') return database;
    try {
      await probe(database);
      if (attempt > 1) logger.info({ location: database.location, attempt }, `Datenbank erreichbar (${database.location}) / database reachable`);
      return database;
    } catch (error) {
      void database.close().catch(() => undefined);
      if (!isDatabaseUnreachable(error)) throw error;
      const code = (error as { code?: string }).code ?? 'unknown';
      logger.error(
        { location: database.location, code, attempt, retryInMs: delayMs },
        `Datenbank nicht erreichbar (${database.location}, ${code}); neuer Versuch in ${Math.round(delayMs / 100) / 10} s / database unreachable, retrying`,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, config.DATABASE_RETRY_MAX_SECONDS * 1000);
    }
  }
}

/** One round trip, bounded: a server that accepts but never answers counts as unreachable. */
async function probe(database: Database, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('database probe timed out'), { code: 'probe_timeout' })), timeoutMs);
  });
  try {
    await Promise.race([database.withRawSession((session) => session.query('SELECT 1')), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  // While still waiting for the database there is nothing to close gracefully.
  const stopWhileStarting = (signal: string) => {
    logger.info({ signal }, 'stopped while starting');
    process.exit(0);
  };
  process.once('SIGTERM', stopWhileStarting);
  process.once('SIGINT', stopWhileStarting);
  let service: RunningService;
  try {
    service = await startService({ config, logger });
  } catch (error) {
    if (isAppError(error)) {
      logger.fatal({ code: error.code }, error.message);
      process.stderr.write(`${error.german}\n`);
    } else {
      logger.fatal({ err: error }, 'start failed');
    }
    process.exit(1);
  }
  process.off('SIGTERM', stopWhileStarting);
  process.off('SIGINT', stopWhileStarting);
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
