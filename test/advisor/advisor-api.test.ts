import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { temporaryDirectory } from '../helpers/processes.ts';
import { testIntegrationKey } from '../helpers/chat-app.ts';

let service: RunningService;
let baseUrl: string;
let token: string;
let advisorId: string;

beforeAll(async () => {
  service = await startService({ config: loadConfig({ DATA_DIR: await temporaryDirectory(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', CHAT_INTEGRATION_KEYS: testIntegrationKey }), logger: createLogger({ level: 'silent' }) });
  baseUrl = `http://127.0.0.1:${service.port}`;
  const added = await addAdvisor({ prisma: service.database.prisma, name: 'Franka Beraterin', email: 'franka@ego-mv.example' });
  token = added.token;
  advisorId = added.advisor.id;
}, 60_000);
afterAll(async () => {
  await service?.close();
});

async function api(path: string, { method = 'GET', body, auth = true }: { method?: string; body?: unknown; auth?: boolean } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes
}

// Speaks as a trusted integration (the address counts as proven); conversation names map to issued ids.
const issued = new Map<string, string>();
async function chat(text: string, email = 'amt@example.org', conversation?: string) {
  const response = await fetch(`${baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${testIntegrationKey}` }, body: JSON.stringify({ conversationId: conversation ? issued.get(conversation) : undefined, user: { email, name: 'Gesa Amt' }, text }) });
  const body = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes
  if (conversation) issued.set(conversation, body.conversationId);
  return body;
}

describe('advisor API', () => {
  it('refuses requests without a valid token', async () => {
    expect((await api('/api/advisor/tickets', { auth: false })).status).toBe(401);
    const forged = await fetch(`${baseUrl}/api/advisor/tickets`, { headers: { authorization: 'Bearer sit_falsch' } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('lists, shows, claims, re-prioritises, replies to and closes a ticket', async () => {
    const created = await chat('Unser SDM-Zugang ist gesperrt, bitte prüfen.', 'gesperrt@example.org');
    const number = created.ticket.number as string;
    const list = await api('/api/advisor/tickets?status=neu&category=sdm');
    expect(list.status).toBe(200);
    expect(list.body.tickets.find((ticket: { number: string }) => ticket.number === number)).toMatchObject({ category: 'sdm', status: 'neu', channel: 'api', requester: { email: 'gesperrt@example.org', name: 'Gesa Amt' } });
    expect((await api(`/api/advisor/tickets?q=${encodeURIComponent('gesperrt')}`)).body.tickets.map((ticket: { number: string }) => ticket.number)).toContain(number);

    const detail = await api(`/api/advisor/tickets/${number}`);
    expect(detail.body.ticket.messages).toEqual([expect.objectContaining({ direction: 'in', channel: 'api', text: 'Unser SDM-Zugang ist gesperrt, bitte prüfen.' })]);
    expect(detail.body.ticket.events.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['created', 'triaged']));

    const claimed = await api(`/api/advisor/tickets/${number}/claim`, { method: 'POST' });
    expect(claimed.body.ticket).toMatchObject({ status: 'in_bearbeitung', assignee: { id: advisorId } });
    expect((await api(`/api/advisor/tickets/${number}`, { method: 'PATCH', body: { priority: 'dringend' } })).body.ticket.priority).toBe('dringend');
    const reply = await api(`/api/advisor/tickets/${number}/reply`, { method: 'POST', body: { text: 'Wir haben den Zugang entsperrt.' } });
    expect(reply.status).toBe(201);
    await api(`/api/advisor/tickets/${number}/notes`, { method: 'POST', body: { text: 'Entsperrt über das Admin-Portal.' } });
    const afterReply = await api(`/api/advisor/tickets/${number}`);
    expect(afterReply.body.ticket.messages.map((message: { direction: string; isInternalNote: boolean }) => [message.direction, message.isInternalNote])).toEqual([['in', false], ['out', false], ['out', true]]);
    expect(await service.database.prisma.outboxMessage.count({ where: { kind: 'requester_notification', payload: { path: ['event'], equals: 'advisor_reply' } } })).toBeGreaterThan(0);

    expect((await api(`/api/advisor/tickets/${number}`, { method: 'PATCH', body: { status: 'geschlossen' } })).body.ticket.status).toBe('geschlossen');
    const reopen = await api(`/api/advisor/tickets/${number}`, { method: 'PATCH', body: { status: 'in_bearbeitung' } });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.message).toContain('Geschlossen');
    expect((await api(`/api/advisor/tickets/${number}`, { method: 'PATCH', body: { status: 'verloren' } })).status).toBe(400);
    expect((await api('/api/advisor/tickets/SIT-2026-99999')).status).toBe(404);
  });

  it('confirms a booking with time and mode', async () => {
    const conversation = 'advisor-booking';
    await chat('Ich möchte eine Beratung vereinbaren.', 'buchung@example.org', conversation);
    const booked = await chat('Thema Förderantrag, telefonisch, Mittwoch nachmittags, für die Stadt Eggesin.', 'buchung@example.org', conversation);
    const bookingId = booked.booking.id as string;
    expect((await api('/api/advisor/bookings?status=angefragt')).body.bookings.map((booking: { id: string }) => booking.id)).toContain(bookingId);
    const confirmed = await api(`/api/advisor/bookings/${bookingId}/confirm`, { method: 'POST', body: { start: '2027-01-13T14:00:00+01:00', end: '2027-01-13T15:00:00+01:00', mode: 'telefon' } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.booking).toMatchObject({ status: 'bestaetigt', sequence: 1, mode: 'telefon' });
    expect((await api(`/api/advisor/bookings/${bookingId}/confirm`, { method: 'POST', body: { start: 'morgen', end: 'später', mode: 'telefon' } })).status).toBe(400);
    // The agenda's week: the booking at its time, not in the week before.
    const week = (await api('/api/advisor/bookings?from=2027-01-11T00:00:00%2B01:00&to=2027-01-18T00:00:00%2B01:00')).body.bookings as { id: string; ticket: { schoolBoard: { name: string } | null } }[];
    expect(week.find((booking) => booking.id === bookingId)?.ticket.schoolBoard?.name).toBe('Stadt Eggesin');
    expect((await api('/api/advisor/bookings?from=2027-01-04T00:00:00%2B01:00&to=2027-01-11T00:00:00%2B01:00')).body.bookings.map((booking: { id: string }) => booking.id)).not.toContain(bookingId);
    const backwards = await api('/api/advisor/bookings?from=2027-01-18T00:00:00Z&to=2027-01-11T00:00:00Z');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body.error)).toContain('Der Zeitraum muss nach seinem Beginn enden');
  });

  it('refuses an unknown booking status with 400 instead of failing', async () => {
    const response = await api('/api/advisor/bookings?status=foo');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_input');
  });

  it('counts every status in the queue whatever status is selected', async () => {
    await chat('Unser SDM-Zugang ist gesperrt, bitte prüfen Sie das.', 'zaehler@example.org');
    const all = (await api('/api/advisor/tickets')).body.counts as Record<string, number>;
    const onlyClosed = (await api('/api/advisor/tickets?status=geschlossen')).body;
    expect(all.neu).toBeGreaterThan(0);
    expect(onlyClosed.counts).toEqual(all);
    expect(onlyClosed.tickets.every((ticket: { status: string }) => ticket.status === 'geschlossen')).toBe(true);
  });

  it('does not take a case from a colleague by claiming its booking', async () => {
    const conversation = 'advisor-booking-held';
    await chat('Ich möchte eine Beratung vereinbaren.', 'gehalten@example.org', conversation);
    const booked = await chat('Thema Medienentwicklungsplan, per Video, Dienstag vormittags, für die Stadt Eggesin.', 'gehalten@example.org', conversation);
    const colleague = await addAdvisor({ prisma: service.database.prisma, name: 'Kai Kollege', email: 'kai@ego-mv.example' });
    const ticket = await service.database.prisma.ticket.update({ where: { number: booked.ticket.number }, data: { assigneeId: colleague.advisor.id, status: 'in_bearbeitung' } });
    await service.database.prisma.advisor.update({ where: { id: colleague.advisor.id }, data: { isActive: false } });
    const claim = await api(`/api/advisor/bookings/${booked.booking.id}/claim`, { method: 'POST' });
    expect(claim.status).toBe(409);
    expect(claim.body.error.message).toContain('Kollegin oder einem Kollegen');
    expect((await service.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).assigneeId).toBe(colleague.advisor.id);
    expect((await service.database.prisma.booking.findUniqueOrThrow({ where: { id: booked.booking.id } })).status).toBe('angefragt');
  });

  it('reports knowledge gaps grouped by topic', async () => {
    const question = 'Welche Förderquote gilt für die Turnhallenbeleuchtung im Antrag?';
    const answer = await chat(question, 'luecke@example.org');
    expect(answer.replies[0].text).toContain('keine verlässliche Aussage');
    const gaps = await api('/api/advisor/knowledge-gaps?days=7');
    expect(gaps.status).toBe(200);
    const all = gaps.body.gaps as { topic: string; count: number; examples: string[] }[];
    expect(all.some((gap) => gap.count >= 1 && gap.examples.includes(question))).toBe(true);
  });

  it('describes itself in OpenAPI', async () => {
    const response = await fetch(`${baseUrl}/api/openapi.json`);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/chat', '/api/advisor/tickets', '/api/advisor/bookings/{id}/confirm']));
  });
});
