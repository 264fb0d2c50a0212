import { expect, it } from 'vitest';
import { isDuplicateDelivery } from '../../tickets/duplicate-delivery.ts';
import { triageRequest } from '../../tickets/triage-request.ts';
import { updateTicketStatus } from '../../tickets/update-ticket-status.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { createAdvisor, createRequestTicket, createSchoolBoard, uniqueSuffix } from '../helpers/factories.ts';

describeOnEachDatabase('tickets', (database, kind) => {

  const newTicket = (overrides: Parameters<typeof createRequestTicket>[1] = {}) =>
    createRequestTicket(database().prisma, { now: new Date('2031-03-03T09:00:00+01:00'), ...overrides });

  it('gives parallel creates unique, gapless numbers of the form SIT-YYYY-NNNNN', async () => {
    const year = 2030 + (kind === 'postgresql' ? 1 : 0) + 0;
    const now = new Date(`${year + 10}-06-01T10:00:00+02:00`);
    const tickets = await Promise.all(Array.from({ length: 25 }, () => newTicket({ now })));
    const numbers = tickets.map((ticket) => ticket.number).sort();
    expect(new Set(numbers).size).toBe(25);
    expect(numbers.every((number) => /^SIT-\d{4}-\d{5}$/.test(number))).toBe(true);
    const values = numbers.map((number) => Number(number.slice(-5)));
    expect(Math.max(...values) - Math.min(...values)).toBe(24);
  });

  it('records triage evidence, assignment and the advisors notice in the same transaction', async () => {
    const board = await createSchoolBoard(database().prisma);
    const ticket = await newTicket({ schoolBoardId: board.id, text: 'Unser Antrag liegt auf Eis, das LFI braucht den MEP. Frist läuft morgen ab!', triage: triageRequest({ text: 'Unser Antrag liegt auf Eis, das LFI braucht den MEP. Frist läuft morgen ab!' }) });
    expect(ticket).toMatchObject({ category: 'foerderantrag', priority: 'dringend', status: 'neu' });
    const events = await database().prisma.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: 'asc' } });
    const triaged = events.find((event) => event.type === 'triaged');
    expect(triaged?.data).toMatchObject({ category: 'foerderantrag', priority: 'dringend', evidence: { method: 'rules', scores: expect.any(Object) } });
    expect((triaged?.data as { priorityReasons: string[] }).priorityReasons).toContain('Frist in den nächsten Tagen');
    expect(await database().prisma.outboxMessage.count({ where: { ticketId: ticket.id, kind: 'advisor_notification' } })).toBe(1);
    expect(await database().prisma.message.count({ where: { ticketId: ticket.id, direction: 'in' } })).toBe(1);
  });

  it('writes nothing when a later write of the same transaction fails', async () => {
    const subject = `Rollback ${uniqueSuffix()}`;
    await expect(newTicket({ subject, alsoInTransaction: async () => Promise.reject(new Error('booking failed')) })).rejects.toThrow('booking failed');
    expect(await database().prisma.ticket.count({ where: { subject } })).toBe(0);
  });

  it('writes nothing for a second delivery of the same mail, returns its number, and names the number in the acknowledgement', async () => {
    const year = 2050 + (kind === 'postgresql' ? 1 : 0);
    const now = new Date(`${year}-06-01T10:00:00+02:00`);
    const dedupe = { channel: 'email' as const, externalId: `<dup-${uniqueSuffix()}@schule.example>` };
    const acknowledgement = { domain: 'schulit.example', compose: (ticket: { number: string }) => ({ to: 'amt@schule.example', subject: `[${ticket.number}] Frage`, text: `Ihre Nummer: ${ticket.number}`, isAutomatic: true }) };
    const deliveries = await Promise.allSettled([1, 2, 3].map(() => newTicket({ now, dedupe, acknowledgement })));
    const created = deliveries.flatMap((delivery) => (delivery.status === 'fulfilled' ? [delivery.value] : []));
    expect(created).toHaveLength(1);
    const rejected = deliveries.flatMap((delivery) => (delivery.status === 'rejected' ? [delivery.reason as unknown] : []));
    expect(rejected.every((reason) => isDuplicateDelivery(reason))).toBe(true);
    const ticket = created[0]!;
    expect(await database().prisma.ticket.count({ where: { createdAt: now } })).toBe(1);
    // The failed deliveries did not use up numbers: the next ticket of the year follows directly.
    const next = await newTicket({ now });
    expect(Number(next.number.slice(-5))).toBe(Number(ticket.number.slice(-5)) + 1);
    const mail = await database().prisma.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'email' } });
    expect(mail.payload).toMatchObject({ subject: `[${ticket.number}] Frage`, text: `Ihre Nummer: ${ticket.number}` });
    const notice = await database().prisma.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'advisor_notification' } });
    expect(notice.payload).toMatchObject({ ticketNumber: ticket.number });
    const messages = await database().prisma.message.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((message) => [message.direction, message.text.startsWith('Ihre Nummer') ? message.text : 'request'])).toEqual([['in', 'request'], ['out', `Ihre Nummer: ${ticket.number}`]]);
  });

  it('sets the due date in business hours of Mecklenburg-Vorpommern', async () => {
    // Friday 15:00 before Easter Monday: 4 business hours end Tuesday 11:00 (Good Friday and Easter Monday off).
    const ticket = await newTicket({ now: new Date('2031-04-10T15:00:00+02:00'), triage: { ...triageRequest({ text: 'dringend' }), priority: 'dringend' } });
    expect(ticket.dueAt?.toISOString()).toBe(new Date('2031-04-15T11:00:00+02:00').toISOString());
  });

  it('assigns the least-loaded matching advisor and goes round robin on ties', async () => {
    const region = `Region ${uniqueSuffix()}`;
    const board = await createSchoolBoard(database().prisma, { region });
    const first = await createAdvisor(database().prisma, { name: 'Anna Eins', topics: ['sdm'], regions: [region] });
    const second = await createAdvisor(database().prisma, { name: 'Bernd Zwei', topics: ['sdm'], regions: [region] });
    await createAdvisor(database().prisma, { name: 'Carla Andere', topics: ['mep'], regions: [region] });
    const sdm = () => newTicket({ schoolBoardId: board.id, triage: { ...triageRequest({ text: 'SDM Login' }), category: 'sdm' }, now: new Date() });
    const assignees = [];
    for (let index = 0; index < 4; index += 1) assignees.push((await sdm()).assigneeId);
    expect(assignees).toEqual([first.advisor.id, second.advisor.id, first.advisor.id, second.advisor.id]);
  });

  it('allows only valid status transitions and records each change', async () => {
    const ticket = await newTicket();
    const actor = { type: 'advisor' as const, id: 'advisor-1' };
    await updateTicketStatus({ prisma: database().prisma, ticketNumber: ticket.number, status: 'in_bearbeitung', actor });
    await updateTicketStatus({ prisma: database().prisma, ticketNumber: ticket.number, status: 'geschlossen', actor });
    await expect(updateTicketStatus({ prisma: database().prisma, ticketNumber: ticket.number, status: 'in_bearbeitung', actor })).rejects.toMatchObject({ code: 'conflict' });
    const changes = await database().prisma.ticketEvent.findMany({ where: { ticketId: ticket.id, type: 'status_changed' }, orderBy: { createdAt: 'asc' } });
    expect(changes.map((event) => event.data)).toEqual([{ from: 'neu', to: 'in_bearbeitung' }, { from: 'in_bearbeitung', to: 'geschlossen' }]);
    const closed = await database().prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(closed.closedAt).not.toBeNull();
  });
});
