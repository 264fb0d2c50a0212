import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { EvalQuestion } from '../knowledge/evaluate-knowledge.ts';
import { openDatabase } from '../prisma/client.ts';
import { addAdvisor } from '../tickets/index.ts';
import { freePort, projectRoot } from '../test/helpers/processes.ts';
import { startSmtpSink } from '../test/helpers/smtp-sink.ts';
import { chatBodies } from './load-chat.ts';
import { startBenchService } from './service-process.ts';
import { percentile, roundTo } from './statistics.ts';

export interface SoakMinute {
  minute: number;
  residentMb: number | null;
  /** The service's event-loop delay over the minute (prom-client resets it at every scrape). */
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  chat: number;
  chatP99Ms: number;
  mails: number;
  workspace: number;
  /** The advisor's queue: list, details, replies (each reads a page, whatever the data's size). */
  workspaceP99Ms: number;
  /** The slowest report of the minute (figures, knowledge gaps): they aggregate the whole period, so they grow with it. */
  reportMaxMs: number;
  errors: number;
}

export interface SoakFigures {
  minutes: number;
  rates: { chatPerSecond: number; mailsPerMinute: number; workspacePerSecond: number };
  samples: SoakMinute[];
  totals: { chat: number; mails: number; workspace: number; errors: number; tickets: number; mailsSent: number };
  /** Theil-Sen slopes over the second half, per minute: RSS in MB, chat and queue p99, reports and event-loop p99 in ms. */
  residentSlopeMbPerMinute: number;
  chatP99SlopeMsPerMinute: number;
  workspaceP99SlopeMsPerMinute: number;
  reportSlopeMsPerMinute: number;
  eventLoopP99SlopeMsPerMinute: number;
  isSteady: boolean;
  errorExamples: string[];
}

const inbox = 'schul-it@localhost';
const bounces = path.join(projectRoot, 'test/fixtures/mail/sisimai-set-of-emails/maildir/bsd');

/**
 * Theil-Sen slope: the median of the slopes between every pair of points. One sample taken just
 * before a garbage collection (RSS 347 MB among 326-337) moves a least-squares slope past the
 * limit; the median of pairwise slopes follows the trend of the many, not the one.
 */
function slope(points: { x: number; y: number }[]): number {
  const slopes: number[] = [];
  for (const [index, left] of points.entries()) {
    for (const right of points.slice(index + 1)) if (right.x !== left.x) slopes.push((right.y - left.y) / (right.x - left.x));
  }
  if (slopes.length === 0) return 0;
  slopes.sort((first, second) => first - second);
  const middle = Math.floor(slopes.length / 2);
  return slopes.length % 2 === 1 ? slopes[middle]! : (slopes[middle - 1]! + slopes[middle]!) / 2;
}

const metricOf = (text: string, name: string) => Number(new RegExp(`^${name} ([0-9.eE+-]+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

/**
 * `npm run bench -- --only soak --soak-minutes 20`: the service on the embedded default for
 * `minutes` of mixed traffic at a steady everyday rate: chat (questions and ticket requests from
 * the eval set), mail over SMTP (people's questions and real bounces from the sisimai corpus, with
 * acknowledgements delivered to a local SMTP sink) and an advisor working in the workspace (ticket
 * list, details, replies, figures, knowledge gaps). Each minute: RSS, event-loop delay, requests,
 * errors. Steady means no error and, over the second half, RSS not growing (slope ≤ 1 MB/min) and
 * no latency rising with the data (chat and workspace p99 ≤ 2 ms/min, event-loop p99 ≤ 1 ms/min).
 */
export async function soak({ dataDir, questions, minutes }: { dataDir: string; questions: EvalQuestion[]; minutes: number }): Promise<SoakFigures> {
  const sink = await startSmtpSink();
  const mailPort = await freePort();
  const environment = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    CHAT_RATE_LIMIT_PER_MINUTE: '0',
    MAIL_INBOUND_SMTP_PORT: String(mailPort),
    MAIL_INBOUND_HOST: '127.0.0.1',
    MAIL_INBOUND_ADDRESSES: inbox,
    MAIL_FROM: `Schul-IT <${inbox}>`,
    MAIL_AUTO_REPLIES_PER_DAY: '100000',
    SMTP_URL: sink.url,
  };
  // A first start creates the embedded database; the advisor is added while no server holds it.
  await (await startBenchService({ environment, port: await freePort() })).stop();
  const database = await openDatabase({ dataDir });
  const { token } = await addAdvisor({ prisma: database.prisma, name: 'Bench Beraterin', email: 'bench.beraterin@ego-mv.de', role: 'admin' });
  await database.close();

  const service = await startBenchService({ environment, port: await freePort() });
  const rates = { chatPerSecond: 20, mailsPerMinute: 60, workspacePerSecond: 2 };
  const bodies = chatBodies(questions);
  const mailTexts = questions.filter((question) => question.kind !== 'out_of_scope').map((question) => question.question);
  const bounceFiles = (await readdir(bounces)).filter((name) => name.endsWith('.eml')).sort();
  const bounceRaws = await Promise.all(bounceFiles.slice(0, 200).map((name) => readFile(path.join(bounces, name))));
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: mailPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 2, maxMessages: Infinity });
  const authorised = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const fresh = () => ({ chat: 0, chatLatencies: [] as number[], mails: 0, workspace: 0, workspaceLatencies: [] as number[], reportLatencies: [] as number[], errors: 0 });
  let current = fresh();
  const totals = { chat: 0, mails: 0, workspace: 0, errors: 0 };
  const errorExamples: string[] = [];
  const fail = (what: string) => {
    current.errors += 1;
    if (errorExamples.length < 10) errorExamples.push(what);
  };
  const deadline = Date.now() + minutes * 60_000;
  const every = async (intervalMs: number, step: (ordinal: number) => Promise<void>) => {
    for (let ordinal = 0; Date.now() < deadline; ordinal += 1) {
      const begin = Date.now();
      await step(ordinal).catch((error: unknown) => fail(String(error).slice(0, 200)));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - begin))));
    }
  };

  const chatClient = (offset: number) =>
    every(4000 / rates.chatPerSecond, async (ordinal) => {
      const begin = performance.now();
      const response = await fetch(`${service.baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[(ordinal * 4 + offset) % bodies.length] });
      await response.arrayBuffer();
      current.chatLatencies.push(performance.now() - begin);
      if (response.status !== 200) fail(`chat ${response.status}`);
      current.chat += 1;
    });
  const mail = every(60_000 / rates.mailsPerMinute, async (ordinal) => {
    if (ordinal % 3 === 2) {
      await transport.sendMail({ envelope: { from: '', to: [inbox] }, raw: bounceRaws[ordinal % bounceRaws.length]! });
    } else {
      const sender = `schulverwaltung${ordinal % 60}@amt-beispiel.de`;
      await transport.sendMail({
        from: sender,
        to: inbox,
        subject: `Frage zum DigitalPakt (${ordinal})`,
        text: `Sehr geehrte Damen und Herren,\n\n${mailTexts[ordinal % mailTexts.length]}\n\nMit freundlichen Grüßen\nSchulverwaltung ${ordinal % 60}`,
        messageId: `<soak-${ordinal}-${Date.now()}@amt-beispiel.de>`,
      });
    }
    current.mails += 1;
  });
  const workspace = every(1000 / rates.workspacePerSecond, async (ordinal) => {
    const get = async (route: string, isReport = false) => {
      const begin = performance.now();
      const response = await fetch(`${service.baseUrl}/api/advisor${route}`, { headers: authorised });
      (isReport ? current.reportLatencies : current.workspaceLatencies).push(performance.now() - begin);
      if (response.status !== 200) fail(`GET ${route.replace(/SIT-\d+-\d+/, 'SIT-…')} ${response.status}`);
      return response.json() as Promise<Record<string, unknown>>;
    };
    current.workspace += 1;
    if (ordinal % 20 === 10) return void (await get('/figures', true));
    if (ordinal % 20 === 15) return void (await get('/knowledge-gaps', true));
    const list = (await get(`/tickets?status=neu&limit=20&sort=${ordinal % 4 === 0 ? 'created' : 'due'}`)) as { tickets?: { number: string; channel: string }[] };
    const ticket = list.tickets?.[ordinal % Math.max(1, list.tickets.length)];
    if (!ticket || ordinal % 2 === 1) return;
    await get(`/tickets/${ticket.number}`);
    if (ordinal % 10 === 0) {
      const response = await fetch(`${service.baseUrl}/api/advisor/tickets/${ticket.number}/reply`, { method: 'POST', headers: authorised, body: JSON.stringify({ text: 'Vielen Dank, wir kümmern uns darum und melden uns bis Freitag.' }) });
      await response.arrayBuffer();
      if (response.status !== 201) fail(`reply ${response.status}`);
    }
  });

  const samples: SoakMinute[] = [];
  await fetch(`${service.baseUrl}/metrics`).then((response) => response.text());
  const sampler = (async () => {
    for (let minute = 1; minute <= minutes; minute += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - (minutes - minute) * 60_000 - Date.now())));
      const metrics = await fetch(`${service.baseUrl}/metrics`).then((response) => response.text());
      const taken = current;
      current = fresh();
      for (const key of ['chat', 'mails', 'workspace', 'errors'] as const) totals[key] += taken[key];
      samples.push({
        minute,
        residentMb: await service.residentMb(),
        eventLoopP99Ms: roundTo(metricOf(metrics, 'schulit_nodejs_eventloop_lag_p99_seconds') * 1000),
        eventLoopMaxMs: roundTo(metricOf(metrics, 'schulit_nodejs_eventloop_lag_max_seconds') * 1000),
        chat: taken.chat,
        chatP99Ms: roundTo(percentile(taken.chatLatencies, 0.99)),
        mails: taken.mails,
        workspace: taken.workspace,
        workspaceP99Ms: roundTo(percentile(taken.workspaceLatencies, 0.99)),
        reportMaxMs: roundTo(Math.max(0, ...taken.reportLatencies)),
        errors: taken.errors,
      });
    }
  })();

  try {
    await Promise.all([chatClient(0), chatClient(1), chatClient(2), chatClient(3), mail, workspace, sampler]);
  } finally {
    transport.close();
    await service.stop();
    await sink.close();
  }
  totals.errors += current.errors;
  const opened = await openDatabase({ dataDir });
  const tickets = await opened.prisma.ticket.count();
  await opened.close();

  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const slopeOf = (value: (sample: SoakMinute) => number | null) => roundTo(slope(secondHalf.map((sample) => ({ x: sample.minute, y: value(sample) ?? 0 }))));
  const residentSlopeMbPerMinute = slopeOf((sample) => sample.residentMb);
  const chatP99SlopeMsPerMinute = slopeOf((sample) => sample.chatP99Ms);
  const workspaceP99SlopeMsPerMinute = slopeOf((sample) => sample.workspaceP99Ms);
  const reportSlopeMsPerMinute = slopeOf((sample) => sample.reportMaxMs);
  const eventLoopP99SlopeMsPerMinute = slopeOf((sample) => sample.eventLoopP99Ms);
  return {
    minutes,
    rates,
    samples,
    totals: { ...totals, tickets, mailsSent: sink.received.length },
    residentSlopeMbPerMinute,
    chatP99SlopeMsPerMinute,
    workspaceP99SlopeMsPerMinute,
    reportSlopeMsPerMinute,
    eventLoopP99SlopeMsPerMinute,
    // Steady: no error, memory not growing, and no per-request latency that keeps rising as the
    // data grows. Reports aggregate the period, so their time is expected to grow with it: shown
    // (slope, last minute) but not part of the verdict.
    isSteady: totals.errors === 0 && residentSlopeMbPerMinute <= 1 && chatP99SlopeMsPerMinute <= 2 && workspaceP99SlopeMsPerMinute <= 2 && eventLoopP99SlopeMsPerMinute <= 1,
    errorExamples,
  };
}
