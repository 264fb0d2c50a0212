import type { Server } from 'node:http';
import { createTeamsChannel } from '../bot/create-teams-channel.ts';
import type { Config } from '../config.ts';
import { createEngine } from '../handlers/create-engine.ts';
import type { MailOutcome } from '../handlers/types.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import type { Logger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import type { Database } from '../prisma/client.ts';
import { closeGracefully, createApp, createWaitingApp } from '../server.ts';
import { startOutboxWorker, type RetentionReport } from '../tickets/index.ts';
import { connectDatabase, openFrontDoor, prepareDatabase } from './connect-database.ts';
import { createDeliverers } from './create-deliverers.ts';
import { createEngineDeps } from './create-engine-deps.ts';
import { createEmailIntake, mailSettingsOf, startMailIntake } from './create-email-intake.ts';
import { createRoutes } from './create-routes.ts';
import { loadKnowledge } from './load-knowledge.ts';
import { attachmentsDirectoryOf, retentionPolicyOf } from './privacy-settings.ts';
import { startRetentionWorker } from './start-retention-worker.ts';
import { trackRunningTurns } from './track-running-turns.ts';
import { purgeOldRowVersions } from '../prisma/purge-old-row-versions.ts';
import { startPlannerStatistics } from '../prisma/refresh-planner-statistics.ts';
import { findAdvisorChannel, releaseWaitingOutbox } from '../tickets/index.ts';

export const noAdvisorRouteWarning =
  'Neue Vorgänge erreichen niemanden: weder ein Teams-Beraterkanal (TEAMS_ADVISOR_CHANNEL_ID oder „Beraterkanal registrieren“) noch ADVISOR_TEAM_EMAIL mit SMTP_URL ist eingerichtet. Bitte einen der beiden Wege einrichten.';

/** Whether notices for advisors can go anywhere: a Teams advisors' channel (configured or registered) or the team's mailbox. */
async function hasAdvisorRoute(config: Config, database: Database): Promise<boolean> {
  if (config.TEAMS_ADVISOR_CHANNEL_ID || (config.ADVISOR_TEAM_EMAIL && config.SMTP_URL)) return true;
  return Boolean(await findAdvisorChannel({ prisma: database.prisma }));
}

export interface RunningService {
  server: Server;
  /** The port actually bound (differs from the config when it asked for 0). */
  port: number;
  /** Port of the inbound SMTP listener, when one runs. */
  mailPort?: number;
  database: Database;
  knowledge: KnowledgeService;
  /** One outbox delivery pass now (tests, and operators after fixing a channel). */
  deliverOutboxNow(): Promise<unknown>;
  /** One retention pass now; `now` moves the clock (tests). */
  applyRetentionNow(now?: Date): Promise<RetentionReport | undefined>;
  /** Ingests one raw mail as the pipe delivery does. */
  ingestMail(raw: Buffer): Promise<MailOutcome>;
  close(): Promise<void>;
}

/** Binds the port, waits for the database, migrates, then serves until `close()`; a failed start releases everything. */
export async function startService({ config, logger }: { config: Config; logger: Logger }): Promise<RunningService> {
  // The port is bound first so that, while the database is not reachable yet, probes see a live
  // process (/healthz 200, /readyz 503) instead of a crash loop.
  const frontDoor = await openFrontDoor({ config, handler: createWaitingApp({ logger }) });
  let database: Database | undefined;
  try {
    const startedAt = performance.now();
    database = await connectDatabase({ config, logger });
    const connectedAt = performance.now();
    await prepareDatabase({ config, database, logger });
    const phases = { processMs: Math.round(startedAt), databaseMs: Math.round(connectedAt - startedAt), migrationsMs: Math.round(performance.now() - connectedAt) };
    return await startChannels({ config, logger, database, frontDoor, phases });
  } catch (error) {
    await database?.close();
    await closeGracefully(frontDoor.server, 1000);
    throw error;
  }
}

/**
 * The knowledge base, the one engine and the channels around it (Teams, mail, chat, workspace),
 * the outbox worker, and the full app on the bound port. This is the wiring, step by step; each
 * step's behaviour lives in the folder it names.
 */
async function startChannels({ config, logger, database, frontDoor, phases }: { config: Config; logger: Logger; database: Database; frontDoor: Awaited<ReturnType<typeof openFrontDoor>>; phases: Record<string, number> }): Promise<RunningService> {
  const knowledgeStartedAt = performance.now();
  const loaded = await loadKnowledge({ config, database, logger });
  const knowledgeMs = Math.round(performance.now() - knowledgeStartedAt);
  const { engine, drain: drainTurns } = trackRunningTurns(createEngine(createEngineDeps({ database, knowledge: loaded.knowledge, models: loaded.models, mail: mailSettingsOf(config), logger })));
  const workspaceUrl = (ticketNumber: string) => new URL(`/advisor/tickets/${encodeURIComponent(ticketNumber)}`, config.PUBLIC_BASE_URL).toString();
  const teams = createTeamsChannel({
    settings: { appId: config.MicrosoftAppId, appPassword: config.MicrosoftAppPassword, appType: config.MicrosoftAppType, tenantId: config.MicrosoftAppTenantId, advisorChannelId: config.TEAMS_ADVISOR_CHANNEL_ID, serviceUrl: config.TEAMS_SERVICE_URL,
      serviceUrlHosts: config.BOT_SERVICE_URL_HOSTS.split(',').map((host) => host.trim()).filter(Boolean),
      allowRemoteLocalMode: config.BOT_LOCAL_MODE_ALLOW_REMOTE,
    },
    logger,
    engine: { ...engine, workspaceUrl },
  });
  const email = createEmailIntake({ config, engine, logger });
  const mailIntake = await startMailIntake({ config, database, intake: email, logger });
  const outboxWorker = startOutboxWorker({
    prisma: database.prisma,
    deliverers: createDeliverers({ config, prisma: database.prisma, teams, email, workspaceUrl }),
    onError: (error) => logger.error({ err: error }, 'outbox delivery failed'),
    isSoleWorker: database.kind === 'pglite',
  });
  const metrics = createMetrics();
  const advisorRouteWarnings = async () => {
    if (await hasAdvisorRoute(config, database)) return [];
    const waiting = await database.prisma.outboxMessage.count({ where: { status: 'waiting', kind: 'advisor_notification' } });
    return [waiting > 0 ? `${noAdvisorRouteWarning} ${waiting === 1 ? 'Eine Benachrichtigung wartet' : `${waiting} Benachrichtigungen warten`} darauf.` : noAdvisorRouteWarning];
  };
  if (await hasAdvisorRoute(config, database)) {
    // Notices queued while no route existed go out now that one does (configured since the last start).
    const released = await releaseWaitingOutbox({ prisma: database.prisma, kinds: ['advisor_notification'] });
    if (released > 0) logger.info({ released }, 'waiting advisor notices released');
  } else {
    logger.warn({ setting: 'TEAMS_ADVISOR_CHANNEL_ID|ADVISOR_TEAM_EMAIL' }, noAdvisorRouteWarning);
  }
  const retentionWorker = startRetentionWorker({ prisma: database.prisma, policy: retentionPolicyOf(config), intervalMinutes: config.RETENTION_INTERVAL_MINUTES, attachmentsDirectory: attachmentsDirectoryOf(config), logger, metrics, afterChanges: () => purgeOldRowVersions(database) });
  const plannerStatistics = startPlannerStatistics({ database, onError: (error) => logger.error({ err: error }, 'refreshing planner statistics failed') });
  frontDoor.serve(
    createApp({
      logger,
      metrics,
      corsOrigins: config.CORS_ORIGINS?.split(',').map((origin) => origin.trim()).filter(Boolean),
      metricsToken: config.METRICS_TOKEN,
      readinessChecks: {
        database: async () => Boolean(await database.prisma.$queryRawUnsafe('SELECT 1')),
        knowledge: async () => loaded.knowledge.isLoaded(),
      },
      readinessWarnings: advisorRouteWarnings,
      routes: createRoutes({ config, database, engine, loaded, teamsRouter: teams.router }),
    }),
  );
  // How long each part of the start took (process = loading the code), for whoever tunes it.
  logger.info({ port: frontDoor.port, startup: { ...phases, knowledgeMs, totalMs: Math.round(performance.now()) } }, `Schul-IT Assistent läuft auf http://localhost:${frontDoor.port}`);
  let closing: Promise<void> | undefined;
  return {
    server: frontDoor.server,
    port: frontDoor.port,
    mailPort: mailIntake.port,
    database,
    knowledge: loaded.knowledge,
    deliverOutboxNow: () => outboxWorker.runOnce(),
    applyRetentionNow: (now) => retentionWorker.runOnce(now),
    ingestMail: (raw) => email.ingest(raw),
    close() {
      closing ??= (async () => {
        await closeGracefully(frontDoor.server);
        await mailIntake.close();
        // Turns whose clients hung up are still running: the database stays open until they end.
        await drainTurns(10_000);
        await loaded.knowledge.close();
        await outboxWorker.stop();
        await retentionWorker.stop();
        await plannerStatistics.stop();
        await database.close();
      })();
      return closing;
    },
  };
}
