import type { Page } from 'playwright-core';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { temporaryDirectory } from '../helpers/processes.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { launchChromium, openPage, type WatchedPage } from './browser.ts';

const inbox = 'schul-it@ego-mv.example';

/** The running service, its SMTP sink, the browser and the signed-in admin of one test file. */
export const workspace = {} as {
  service: RunningService;
  sink: Awaited<ReturnType<typeof startSmtpSink>>;
  browser: import('playwright-core').Browser;
  baseUrl: string;
  token: string;
  advisorId: string;
};
const openedPages: WatchedPage[] = [];

/** The real service in-process (embedded database, mail out to a local sink) and Chromium. */
export async function setUpWorkspace(): Promise<void> {
  workspace.sink = await startSmtpSink();
  const launching = launchChromium();
  workspace.service = await startService({
    config: loadConfig({ DATA_DIR: await temporaryDirectory(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SMTP_URL: workspace.sink.url, MAIL_FROM: `Schul-IT Assistent <${inbox}>`, SEED_SAMPLE_DATA: 'false' }),
    logger: createLogger({ level: 'silent' }),
  });
  workspace.baseUrl = `http://127.0.0.1:${workspace.service.port}`;
  const added = await addAdvisor({ prisma: workspace.service.database.prisma, name: 'Franka Beraterin', email: 'franka@ego-mv.example', role: 'admin' });
  workspace.token = added.token;
  workspace.advisorId = added.advisor.id;
  workspace.browser = await launching;
}

export async function tearDownWorkspace(): Promise<void> {
  for (const watched of openedPages) await watched.context.close().catch(() => undefined);
  await workspace.browser?.close();
  await workspace.service?.close();
  await workspace.sink?.close();
}

export async function chat(text: string, email: string) {
  const response = await fetch(`${workspace.baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { email, name: 'Gesa Amt' }, text }) });
  return (await response.json()) as { ticket?: { number: string } };
}

/** The advisors' API as the signed-in admin, for arranging and checking what the page shows. */
export async function api(path: string, { method = 'GET', body }: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${workspace.baseUrl}/api/advisor${path}`, { method, headers: { authorization: `Bearer ${workspace.token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}

function rawMail({ from, subject, body, messageId }: { from: string; subject: string; body: string; messageId: string }): Buffer {
  const headers = [`From: Gesa Amt <${from}>`, `To: ${inbox}`, `Subject: ${subject}`, `Message-ID: ${messageId}`, 'Date: Tue, 01 Dec 2026 09:00:00 +0100', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: 8bit'];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`, 'utf8');
}

/** A mail as the pipe delivery hands it in; returns the ticket it opened. */
export async function ingestMailTicket(mail: { from: string; subject: string; body: string }) {
  await workspace.service.ingestMail(rawMail({ ...mail, messageId: `<${Date.now()}.${Math.random().toString(36).slice(2)}@amt-beispiel.de>` }));
  return workspace.service.database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: mail.from }, include: { messages: true } });
}

/** A fresh browser context, signed out unless a token is given; closed at tear-down. */
export async function openFreshPage(options: { token?: string; colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<WatchedPage> {
  const watched = await openPage(workspace.browser, options);
  openedPages.push(watched);
  return watched;
}

export async function signedInPage(options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<WatchedPage> {
  return openFreshPage({ token: workspace.token, ...options });
}

/** CSP violations and script errors would mean the bundle does not fit the server's policy. */
export function seriousProblems(watched: WatchedPage): string[] {
  return watched.problems.filter((problem) => problem.startsWith('pageerror') || /Content Security Policy|Refused to/i.test(problem));
}

export async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 10_000 });
}
