import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { EvalQuestion } from '../knowledge/evaluate-knowledge.ts';
import { freePort } from '../test/helpers/processes.ts';
import { startSmtpSink } from '../test/helpers/smtp-sink.ts';
import { ingestMail, type MailFigures } from './ingest-mail.ts';
import { chatBodies, loadChat, type LoadFigures } from './load-chat.ts';
import { startBenchService, type BenchService } from './service-process.ts';

export interface InstancesFigures {
  instances: number;
  chat: LoadFigures;
  healthzBeside: LoadFigures;
  mail: MailFigures;
  /** Requests each instance served through the round-robin (chat load and the rate-limit probe). */
  requestsPerInstance: number[];
  checks: {
    tickets: number;
    duplicateTicketNumbers: number;
    /** Tickets opened by mail: one per accepted mail. */
    mailTickets: number;
    mailOutbox: number;
    mailOutboxDelivered: number;
    /** Mails the SMTP sink received, and how many of them carried a Message-ID it had already seen. */
    mailsReceived: number;
    mailsDeliveredTwice: number;
    /** One client address sending `rateLimit.sent` messages through the round-robin at a limit of `rateLimit.limit` per minute. */
    rateLimit: { limit: number; sent: number; accepted: number; refused: number };
  };
  errors: string[];
}

const inboundAddress = 'schul-it@localhost';
const chatLimitPerMinute = 30;

/**
 * A small round-robin HTTP proxy in front of the instances, as a load balancer would be. It
 * passes X-Forwarded-For on as the client sent it (the rate-limit probe sets one); the services
 * trust loopback proxies, so that address is the one they count.
 */
async function startRoundRobin(targets: string[]): Promise<{ url: string; served: number[]; close(): Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const served = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((request, response) => {
    const index = next++ % targets.length;
    served[index] = served[index]! + 1;
    const target = new URL(targets[index]!);
    const upstream = http.request({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers, agent }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

/** Polls until no mail in the outbox waits for delivery (or the time is up). */
async function waitForOutbox(client: pg.Client, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const { rows } = await client.query<{ open: string }>(`SELECT count(*) AS open FROM "OutboxMessage" WHERE kind = 'email' AND status IN ('pending', 'delivering')`);
    if (Number(rows[0]?.open) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * `npm run bench -- --instances N`: N service processes on one fresh PostgreSQL database behind a
 * round-robin proxy. Chat load through the proxy, mail over each instance's SMTP listener, one
 * client above its chat rate limit; then it checks the shared state: distinct ticket numbers,
 * every stored ticket reported, each outbox mail delivered exactly once, the limit counted once
 * across all instances.
 */
export async function benchInstances({ instances, databaseUrl, questions, seconds, mails }: { instances: number; databaseUrl: string; questions: EvalQuestion[]; seconds: number; mails: number }): Promise<InstancesFigures> {
  const sink = await startSmtpSink();
  const dataDirs: string[] = [];
  const services: BenchService[] = [];
  const mailPorts: number[] = [];
  const errors: string[] = [];
  try {
    for (let index = 0; index < instances; index += 1) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), `schulit-bench-instance-${index}-`));
      dataDirs.push(dataDir);
      const mailPort = await freePort();
      mailPorts.push(mailPort);
      // One after the other: the first applies the migrations, the others find them applied.
      services.push(
        await startBenchService({
          port: await freePort(),
          environment: {
            NODE_ENV: 'development',
            LOG_LEVEL: 'warn',
            DATA_DIR: dataDir,
            DATABASE_URL: databaseUrl,
            CHAT_RATE_LIMIT_PER_MINUTE: String(chatLimitPerMinute),
            MAIL_INBOUND_SMTP_PORT: String(mailPort),
            MAIL_INBOUND_HOST: '127.0.0.1',
            MAIL_INBOUND_ADDRESSES: inboundAddress,
            MAIL_FROM: `Schul-IT <${inboundAddress}>`,
            MAIL_AUTO_REPLIES_PER_DAY: '1000',
            SMTP_URL: sink.url,
          },
        }),
      );
    }
    const proxy = await startRoundRobin(services.map((service) => service.baseUrl));
    try {
      const bodies = chatBodies(questions);
      await loadChat({ baseUrl: proxy.url, bodies, connections: 8, seconds: 3 });
      const { chat, healthzBeside } = await loadChat({ baseUrl: proxy.url, bodies, connections: 8, seconds });

      // Mail: each instance's listener takes its share at the same time.
      const perInstance = Math.ceil(mails / instances);
      const parts = await Promise.all(mailPorts.map((port) => ingestMail({ port, to: inboundAddress, questions, count: perInstance, connections: 2 })));
      const mail: MailFigures = {
        mails: parts.reduce((sum, part) => sum + part.mails, 0),
        connections: parts.reduce((sum, part) => sum + part.connections, 0),
        firstMails: { mails: parts.reduce((sum, part) => sum + part.firstMails.mails, 0), slowestMs: Math.max(...parts.map((part) => part.firstMails.slowestMs)) },
        accepted: parts.reduce((sum, part) => sum + part.accepted, 0),
        rejected: parts.reduce((sum, part) => sum + part.rejected, 0),
        perSecond: Math.round(parts.reduce((sum, part) => sum + part.perSecond, 0) * 10) / 10,
        p50Ms: Math.max(...parts.map((part) => part.p50Ms)),
        p99Ms: Math.max(...parts.map((part) => part.p99Ms)),
      };

      // One client address (a school's NAT behind the load balancer), half again over its limit, all at once.
      const sent = Math.round(chatLimitPerMinute * 1.5);
      const statuses = await Promise.all(
        Array.from({ length: sent }, () =>
          fetch(`${proxy.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' }, body: JSON.stringify({ text: 'Ist WLAN förderfähig?' }) }).then(async (response) => {
            await response.arrayBuffer();
            return response.status;
          }),
        ),
      );

      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await waitForOutbox(client, 60_000);
        const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
        const messageIds = sink.received.map((received) => received.mail.messageId ?? '');
        const checks: InstancesFigures['checks'] = {
          tickets: await count(`SELECT count(*) AS n FROM "Ticket"`),
          duplicateTicketNumbers: await count(`SELECT count(*) AS n FROM (SELECT "number" FROM "Ticket" GROUP BY "number" HAVING count(*) > 1) d`),
          mailTickets: await count(`SELECT count(*) AS n FROM "Ticket" WHERE channel = 'email'`),
          mailOutbox: await count(`SELECT count(*) AS n FROM "OutboxMessage" WHERE kind = 'email'`),
          mailOutboxDelivered: await count(`SELECT count(*) AS n FROM "OutboxMessage" WHERE kind = 'email' AND status = 'delivered'`),
          mailsReceived: sink.received.length,
          mailsDeliveredTwice: messageIds.length - new Set(messageIds).size,
          rateLimit: { limit: chatLimitPerMinute, sent, accepted: statuses.filter((status) => status === 200).length, refused: statuses.filter((status) => status === 429).length },
        };
        if (checks.duplicateTicketNumbers > 0) errors.push(`${checks.duplicateTicketNumbers} Vorgangsnummern doppelt vergeben`);
        if (checks.mailTickets !== mail.accepted) errors.push(`${mail.accepted} Mails angenommen, aber ${checks.mailTickets} Vorgänge aus Mails gespeichert`);
        if (checks.mailOutboxDelivered !== checks.mailOutbox) errors.push(`${checks.mailOutbox - checks.mailOutboxDelivered} Mails im Ausgang nicht zugestellt`);
        if (checks.mailsReceived !== checks.mailOutboxDelivered || checks.mailsDeliveredTwice > 0) errors.push(`Zustellung: ${checks.mailsReceived} Mails empfangen für ${checks.mailOutboxDelivered} zugestellte Zeilen, ${checks.mailsDeliveredTwice} doppelt`);
        if (checks.rateLimit.accepted !== chatLimitPerMinute || checks.rateLimit.refused !== sent - chatLimitPerMinute) errors.push(`Ratenlimit: ${checks.rateLimit.accepted} angenommen, ${checks.rateLimit.refused} abgewiesen (erwartet ${chatLimitPerMinute} und ${sent - chatLimitPerMinute})`);
        if (chat.errors > 0 || chat.non2xx > 0) errors.push(`Chat-Last: ${chat.errors} Fehler, ${chat.non2xx} Antworten nicht 2xx`);
        if (mail.rejected > 0) errors.push(`${mail.rejected} Mails abgelehnt`);
        return { instances, chat, healthzBeside, mail, requestsPerInstance: [...proxy.served], checks, errors };
      } finally {
        await client.end();
      }
    } finally {
      await proxy.close();
    }
  } finally {
    for (const service of services) await service.stop();
    await sink.close();
    for (const dataDir of dataDirs) await rm(dataDir, { recursive: true, force: true });
  }
}
