import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnvironment, freePort, runSchulit, startServiceProcess, temporaryDirectory, waitForOk } from '../helpers/processes.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { testIntegrationKey } from '../helpers/chat-app.ts';

// The acceptance path, as an operator runs it: a token from the CLI before the service
// starts, the service as its own process, mail to a local SMTP sink.
let child: ChildProcess;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let base: string;
let token: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  const port = await freePort();
  const environment = childEnvironment({ DATA_DIR: await temporaryDirectory(), PORT: String(port), HOST: '127.0.0.1', SMTP_URL: sink.url, MAIL_FROM: 'Schul-IT Assistent <schulit@ego-mv.example>', CHAT_INTEGRATION_KEYS: testIntegrationKey });
  const added = await runSchulit(['advisor', 'add', '--name', 'Paula Prüfer', '--email', 'paula@ego-mv.example'], environment);
  expect(added.code, added.stderr).toBe(0);
  token = added.stdout.trim().split(/\s+/).at(-1) ?? '';
  child = startServiceProcess(environment).child;
  base = `http://127.0.0.1:${port}`;
  await waitForOk(`${base}/readyz`, 60_000);
}, 90_000);
afterAll(async () => {
  child?.kill('SIGTERM');
  await sink?.close();
});

async function api(path: string, { method = 'GET', body, auth = true }: { method?: string; body?: unknown; auth?: boolean } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes
}

// The chat speaks as a trusted integration (a portal that signed its users in), so the address
// counts as proven and replies go out by mail; conversation names map to the ids the server issues.
const issued = new Map<string, string>();
async function chat(text: string, conversation: string, email: string) {
  const response = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${testIntegrationKey}` }, body: JSON.stringify({ conversationId: issued.get(conversation), user: { email, name: 'Jana Amt' }, text }) });
  expect(response.status).toBe(200);
  const body = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes
  issued.set(conversation, body.conversationId);
  return body;
}

async function waitForMail(predicate: (entry: (typeof sink.received)[number]) => boolean, timeoutMs = 20_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const found = sink.received.find(predicate);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no matching mail within ${timeoutMs} ms; received: ${sink.received.map((entry) => entry.mail.subject).join(' | ')}`);
}

describe('advisor workspace acceptance', () => {
  it('refuses without a token, lists a chat ticket, claims it and replies by mail', async () => {
    expect((await api('/api/advisor/tickets', { auth: false })).status).toBe(401);
    const created = await chat('Unser Zugang zum SDM ist seit gestern gesperrt, bitte entsperren.', 'acceptance-ticket', 'jana@amt-anklam.example');
    const number = created.ticket.number as string;
    const list = await api('/api/advisor/tickets');
    expect(list.status).toBe(200);
    expect(list.body.tickets.map((ticket: { number: string }) => ticket.number)).toContain(number);

    const me = await api('/api/advisor/me');
    const claimed = await api(`/api/advisor/tickets/${number}/claim`, { method: 'POST' });
    expect(claimed.body.ticket.assignee).toMatchObject({ id: me.body.advisor.id, name: 'Paula Prüfer' });

    expect((await api(`/api/advisor/tickets/${number}/reply`, { method: 'POST', body: { text: 'Der Zugang ist wieder frei.' } })).status).toBe(201);
    const reply = await waitForMail((entry) => entry.to.includes('jana@amt-anklam.example') && entry.mail.text?.includes('Der Zugang ist wieder frei.') === true);
    expect(reply.mail.subject).toContain(number);
  }, 60_000);

  it('claims and confirms a booking from a chat dialogue; the requester gets an invitation', async () => {
    const conversation = 'acceptance-booking';
    await chat('Ich möchte gern einen Beratungstermin.', conversation, 'termin@amt-anklam.example');
    const booked = await chat('Thema Medienentwicklungsplan, per Video, Donnerstag vormittags, für die Hansestadt Anklam.', conversation, 'termin@amt-anklam.example');
    const bookingId = booked.booking?.id as string;
    expect(bookingId).toBeTruthy();
    expect((await api(`/api/advisor/bookings/${bookingId}/claim`, { method: 'POST' })).body.booking.status).toBe('uebernommen');
    const confirmed = await api(`/api/advisor/bookings/${bookingId}/confirm`, { method: 'POST', body: { start: '2027-02-04T09:00:00+01:00', end: '2027-02-04T10:00:00+01:00', mode: 'video' } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.booking.status).toBe('bestaetigt');
    const calendarOf = (entry: (typeof sink.received)[number]) => entry.mail.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))?.content.toString() ?? '';
    const invitation = calendarOf(await waitForMail((entry) => entry.to.includes('termin@amt-anklam.example') && calendarOf(entry) !== ''));
    expect(invitation).toContain('METHOD:REQUEST');
    expect(invitation).toContain('DTSTART;TZID=Europe/Berlin:20270204T090000');
  }, 60_000);

  it('serves the workspace page', async () => {
    const response = await fetch(`${base}/advisor`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toMatch(/<div id="root"/);
  });
});
