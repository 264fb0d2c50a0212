import { openDatabase } from '../prisma/client.ts';
import type { EvalQuestion } from '../knowledge/evaluate-knowledge.ts';
import { freePort } from '../test/helpers/processes.ts';
import { ingestMail, type MailFigures } from './ingest-mail.ts';
import { chatBodies, loadChat, loadHealthz, type LoadFigures } from './load-chat.ts';
import { startBenchService } from './service-process.ts';

export interface ServiceFigures {
  database: 'pglite' | 'postgresql';
  coldStartMs: { fresh: number; existing: number };
  residentMb: { idle: number | null; afterLoad: number | null; peak: number | null };
  load: LoadFigures[];
  mail: MailFigures & { ticketsStored: number };
  chatTicketsStored: number;
}

export interface BenchServiceOptions {
  database: 'pglite' | 'postgresql';
  dataDir: string;
  databaseUrl?: string;
  questions: EvalQuestion[];
  seconds: number;
  mails: number;
  cpuProfileDirectory?: string;
}

const inboundAddress = 'schul-it@localhost';

/**
 * One service process through its life: cold start on an empty database, idle memory, /healthz
 * and /api/chat under load, mail ingest over SMTP, memory after load; then a second start on the
 * now filled database, and a count of the stored tickets.
 */
export async function benchService({ database, dataDir, databaseUrl, questions, seconds, mails, cpuProfileDirectory }: BenchServiceOptions): Promise<ServiceFigures> {
  const mailPort = await freePort();
  const environment = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    CHAT_RATE_LIMIT_PER_MINUTE: '0',
    MAIL_INBOUND_SMTP_PORT: String(mailPort),
    MAIL_INBOUND_HOST: '127.0.0.1',
    MAIL_INBOUND_ADDRESSES: inboundAddress,
    MAIL_AUTO_REPLIES_PER_DAY: '1000',
  };
  const service = await startBenchService({ environment, port: await freePort(), cpuProfileDirectory });
  const load: LoadFigures[] = [];
  let residentMb: ServiceFigures['residentMb'];
  let mail: MailFigures;
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idle = await service.residentMb();
    const bodies = chatBodies(questions);
    load.push(await loadHealthz({ baseUrl: service.baseUrl, connections: 8, seconds: Math.min(5, seconds) }));
    // Warm-up (JIT, caches, connection pools); not reported.
    await loadChat({ baseUrl: service.baseUrl, bodies, connections: 8, seconds: 3 });
    for (const connections of [8, 32]) {
      const { chat, healthzBeside } = await loadChat({ baseUrl: service.baseUrl, bodies, connections, seconds });
      load.push(chat, healthzBeside);
    }
    mail = await ingestMail({ port: mailPort, to: inboundAddress, questions, count: mails, connections: 4 });
    residentMb = { idle, afterLoad: await service.residentMb(), peak: await service.peakResidentMb() };
  } finally {
    await service.stop();
  }
  const second = await startBenchService({ environment, port: await freePort() });
  await second.stop();

  const opened = await openDatabase({ databaseUrl, dataDir });
  const byChannel = await opened.prisma.ticket.groupBy({ by: ['channel'], _count: true });
  await opened.close();
  const stored = (channel: string) => byChannel.find((group) => group.channel === channel)?._count ?? 0;
  return {
    database,
    coldStartMs: { fresh: service.readyMs, existing: second.readyMs },
    residentMb,
    load,
    mail: { ...mail, ticketsStored: stored('email') },
    chatTicketsStored: stored('api'),
  };
}
