import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { childEnvironment, freePort, runSchulit, startServiceProcess, temporaryDirectory, waitForOk } from '../helpers/processes.ts';
import { stopChild } from './child-processes.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';

const inbox = 'schul-it@ego-mv.example';
const secrets = {
  AI_API_KEY: 'sk-KiSchluessel-0815',
  smtpPassword: 'SmtpGeheim-7731',
  MicrosoftAppPassword: 'BotGeheim-5521',
  IMAP_PASSWORD: 'ImapGeheim-3311',
  mailPassword: 'Geheim123!',
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An OpenAI-compatible endpoint that fails every call with 500 and echoes the request (as some proxies do). */
async function startFailingModel() {
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `upstream failed for ${request.headers.authorization ?? ''}`, request: raw.slice(0, 2000) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

describe('secrets in logs', () => {
  it('never writes a configured secret, an advisor token or a password from a mail to stdout or stderr', async () => {
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const dataDir = await temporaryDirectory();
    const port = await freePort();
    const mailPort = await freePort();
    const sinkUrl = new URL(sink.url);
    const environment = childEnvironment({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      SEED_SAMPLE_DATA: 'false',
      AI_BASE_URL: await startFailingModel(),
      AI_API_KEY: secrets.AI_API_KEY,
      AI_CHAT_MODEL: 'kaputt',
      AI_TIMEOUT_MS: '2000',
      SMTP_URL: `smtp://schulit:${secrets.smtpPassword}@${sinkUrl.host}`,
      MAIL_FROM: `Schul-IT Assistent <${inbox}>`,
      MAIL_INBOUND_SMTP_PORT: String(mailPort),
      MAIL_INBOUND_HOST: '127.0.0.1',
      ADVISOR_TEAM_EMAIL: 'team@ego-mv.example',
      MicrosoftAppId: '00000000-0000-0000-0000-00000000b0t1',
      MicrosoftAppPassword: secrets.MicrosoftAppPassword,
      MicrosoftAppTenantId: '00000000-0000-0000-0000-0000000tenant',
      IMAP_HOST: '127.0.0.1',
      IMAP_PORT: String(await freePort()),
      IMAP_SECURE: 'false',
      IMAP_USER: 'postfach@ego-mv.example',
      IMAP_PASSWORD: secrets.IMAP_PASSWORD,
      IMAP_POLL_SECONDS: '5',
    });
    const added = await runSchulit(['advisor', 'add', '--name', 'Erika Beispiel', '--email', 'erika@ego-mv.example'], environment);
    expect(added.code, added.stderr).toBe(0);
    const token = added.stdout.trim().split(/\s+/).at(-1) ?? '';
    expect(token).toMatch(/^sit_/);

    const service = startServiceProcess(environment);
    cleanups.push(async () => {
      await stopChild(service.child, 'SIGKILL');
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/readyz`, 90_000);

    const statuses: Record<string, number> = {};
    const chat = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { email: 'amt@example.org' }, text: `Ist WLAN förderfähig? Unser Passwort ist ${secrets.mailPassword}` }) });
    statuses.chat = chat.status;
    const sender = nodemailer.createTransport({ host: '127.0.0.1', port: mailPort, secure: false, ignoreTLS: true });
    await sender.sendMail({ envelope: { from: 'amt@gemeinde.example', to: [inbox] }, raw: `From: amt@gemeinde.example\r\nTo: ${inbox}\r\nSubject: Zugang\r\nMessage-ID: <geheim@gemeinde.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nUnser Passwort ist ${secrets.mailPassword} und der SDM-Zugang geht nicht.\r\n` });
    sender.close();
    const advisor = await fetch(`${base}/api/advisor/tickets?token=${token}`, { headers: { authorization: `Bearer ${token}` } });
    statuses.advisor = advisor.status;
    const wrongToken = await fetch(`${base}/api/advisor/tickets`, { headers: { authorization: `Bearer ${token.slice(0, -2)}xx` } });
    statuses.wrongToken = wrongToken.status;
    const bot = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secrets.MicrosoftAppPassword}` }, body: JSON.stringify({ type: 'message', text: `Passwort ${secrets.mailPassword}`, conversation: { id: 'a:1' }, from: { id: 'u' }, serviceUrl: 'https://smba.trafficmanager.net/teams/' }) });
    statuses.bot = bot.status;
    // Outbox delivery with the SMTP password, and a few IMAP connection failures, get their chance to log.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    await stopChild(service.child, 'SIGTERM');

    expect(statuses).toMatchObject({ chat: 200, advisor: 200, wrongToken: 401, bot: 401 });
    const output = service.output() + added.stderr;
    expect(output.length).toBeGreaterThan(200);
    for (const [name, secret] of [...Object.entries(secrets), ['advisor token', token] as const]) {
      expect(output.includes(secret), `${name} appears in the log`).toBe(false);
    }
  }, 150_000);
});
