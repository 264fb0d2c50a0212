import { expect, it } from 'vitest';
import type { PrismaClient } from '../../prisma/client.ts';
import { anonymisedText, applyRetention, createBooking, erasePersonalData, exportPersonalData, findPersonalData, updateTicketStatus } from '../../tickets/index.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { createRequestTicket, uniqueSuffix } from '../helpers/factories.ts';

// Other suites share the PostgreSQL database: only rows backdated to 2015 are old enough for this policy.
const eightYears = { closedTicketsDays: 3000, conversationsDays: 3000, answersDays: 3000, outboxDays: 3000, dedupeDays: 3000, verificationDays: 3000 };
const longAgo = new Date('2015-06-01T10:00:00Z');

/** Moves a person's records into the past, as if they had been closed and quiet for years. */
async function backdate(prisma: PrismaClient, ticketIds: string[], conversationIds: string[]) {
  await prisma.$executeRaw`UPDATE "Ticket" SET "closedAt" = ${longAgo}, "updatedAt" = ${longAgo} WHERE "id" = ANY(${ticketIds}::text[])`;
  await prisma.$executeRaw`UPDATE "Conversation" SET "updatedAt" = ${longAgo} WHERE "id" = ANY(${conversationIds}::text[])`;
  await prisma.$executeRaw`UPDATE "Answer" SET "createdAt" = ${longAgo} WHERE "conversationId" = ANY(${conversationIds}::text[])`;
  await prisma.$executeRaw`UPDATE "OutboxMessage" SET "updatedAt" = ${longAgo} WHERE "ticketId" = ANY(${ticketIds}::text[])`;
}

/** One person's footprint: a ticket by mail with an attachment, a chat conversation with an answer, a booking, a notice. */
async function personWithData(prisma: PrismaClient, label: string) {
  const email = `${label}-${uniqueSuffix()}@amt.example`;
  const phone = `0385 ${Math.floor(100000 + Math.random() * 899999)}`;
  const conversation = await prisma.conversation.create({ data: { channel: 'api', externalKey: `chat-${uniqueSuffix()}`, verifiedEmail: email, state: { dialogue: 'booking', slots: { participants: [`Frau ${label}`] } } } });
  const ticket = await createRequestTicket(prisma, {
    channel: 'email',
    subject: `WLAN defekt, Rückruf unter ${phone}`,
    text: `Guten Tag, bitte rufen Sie mich unter ${phone} an. Gruß ${label}`,
    requester: { name: `Petra ${label}`, email },
    attachments: [{ name: 'foto.jpg', contentType: 'image/jpeg', size: 3, sha256: `sha-${label}`, storedAt: `ab/sha-${label}-${uniqueSuffix()}` }],
    conversationId: conversation.id,
  });
  await prisma.message.create({ data: { conversationId: conversation.id, direction: 'in', channel: 'api', authorEmail: email, text: `Ich bin ${label}, Tel. ${phone}` } });
  await prisma.answer.create({ data: { conversationId: conversation.id, question: `Frage von ${label}: wie viel Geld?`, text: 'Antwort', intent: 'question', confidence: 0.9 } });
  const { ticket: bookingTicket } = await createBooking({ prisma, channel: 'api', requester: { name: `Petra ${label}`, email }, topic: 'MEP', preferredWindows: ['Dienstag vormittags'], participants: [`Petra ${label}`, 'Schulleiter Herr Krüger'], text: `Beratung bitte, ${phone}`, conversationId: conversation.id });
  await prisma.outboxMessage.create({ data: { kind: 'requester_notification', target: { email }, payload: { text: `Hallo ${label}` }, idempotencyKey: `notice-${uniqueSuffix()}`, status: 'delivered', ticketId: ticket.id } });
  return { email, phone, conversation, ticket, bookingTicket };
}

/** Every text column of the rows that belonged to the person, searched for what identifies them. */
async function remainingTraces(prisma: PrismaClient, needles: string[]) {
  const tables = ['Ticket', 'Message', 'Booking', 'TicketEvent', 'Conversation', 'Answer', 'OutboxMessage', 'Contact', 'ChatVerification'];
  const traces: string[] = [];
  for (const table of tables) {
    for (const needle of needles) {
      const rows = await prisma.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${table}" t WHERE position(lower($1) in lower(row_to_json(t)::text)) > 0`, needle);
      if (Number(rows[0]!.count) > 0) traces.push(`${table}: ${needle}`);
    }
  }
  return traces;
}

describeOnEachDatabase('data protection', (database) => {
  it('anonymises a closed ticket and its conversation once their retention has passed, keeping codes and times', async () => {
    const prisma = database().prisma;
    const person = await personWithData(prisma, 'Ablauf');
    await updateTicketStatus({ prisma, ticketNumber: person.ticket.number, status: 'geschlossen', actor: { type: 'advisor' } });
    await updateTicketStatus({ prisma, ticketNumber: person.bookingTicket.number, status: 'geschlossen', actor: { type: 'advisor' } });
    const held = await createRequestTicket(prisma, { requester: { email: `halten-${uniqueSuffix()}@amt.example` }, text: 'Bitte aufbewahren' });
    await prisma.ticket.update({ where: { id: held.id }, data: { legalHold: true } });
    await updateTicketStatus({ prisma, ticketNumber: held.number, status: 'geschlossen', actor: { type: 'advisor' } });

    // Not yet: the periods have not passed.
    await applyRetention({ prisma, policy: eightYears });
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: person.ticket.id } })).anonymizedAt).toBeNull();

    await backdate(prisma, [person.ticket.id, person.bookingTicket.id, held.id], [person.conversation.id]);
    const report = await applyRetention({ prisma, policy: eightYears });
    expect(report.tickets).toBeGreaterThanOrEqual(2);
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { id: person.ticket.id } });
    expect(ticket).toMatchObject({ subject: anonymisedText, requesterEmail: null, requesterName: null, number: person.ticket.number, category: person.ticket.category, status: 'geschlossen' });
    expect(ticket.anonymizedAt).not.toBeNull();
    expect(ticket.closedAt).not.toBeNull();
    expect(report.attachmentsToDelete).toEqual(expect.arrayContaining([expect.stringContaining('sha-Ablauf')]));
    expect(await remainingTraces(prisma, [person.email, person.phone, 'Petra Ablauf', 'Frage von Ablauf'])).toEqual([]);
    // The legal hold keeps its ticket as it was.
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: held.id } })).requesterEmail).toMatch(/^halten-/);

    const anonymisedAt = (await prisma.ticket.findUniqueOrThrow({ where: { id: person.ticket.id } })).anonymizedAt;
    const again = await applyRetention({ prisma, policy: eightYears });
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: person.ticket.id } })).anonymizedAt).toEqual(anonymisedAt);
    expect(again.attachmentsToDelete).not.toEqual(expect.arrayContaining([expect.stringContaining('sha-Ablauf')]));
  });

  it('finds, exports and erases one person without touching another', async () => {
    const prisma = database().prisma;
    const anna = await personWithData(prisma, 'Anna');
    const bernd = await personWithData(prisma, 'Bernd');

    const found = await findPersonalData({ prisma, person: { email: anna.email.toUpperCase() } });
    expect(found.tickets.map((ticket) => ticket.number).sort()).toEqual([anna.ticket.number, anna.bookingTicket.number].sort());
    expect(found.conversations.map((conversation) => conversation.id)).toEqual([anna.conversation.id]);

    const exported = await exportPersonalData({ prisma, person: { email: anna.email } });
    const text = JSON.stringify(exported);
    expect(text).toContain(anna.phone);
    expect(text).toContain('Frage von Anna');
    expect(text).not.toContain(bernd.email);
    expect(exported.attachments).toEqual([{ storedAt: expect.stringContaining('sha-Anna'), name: 'foto.jpg' }]);

    const report = await erasePersonalData({ prisma, person: { email: anna.email } });
    expect(report.tickets).toBe(2);
    expect(report.held).toEqual([]);
    expect(await remainingTraces(prisma, [anna.email, anna.phone, 'Petra Anna', 'Frage von Anna', 'Frau Anna'])).toEqual([]);
    expect(await prisma.ticketEvent.count({ where: { ticketId: anna.ticket.id, type: 'personal_data_erased' } })).toBe(1);
    // Figures still count Anna's tickets; Bernd's data is all there.
    expect(await prisma.ticket.count({ where: { id: { in: [anna.ticket.id, anna.bookingTicket.id] } } })).toBe(2);
    expect((await remainingTraces(prisma, [bernd.email, bernd.phone, 'Frage von Bernd'])).length).toBeGreaterThanOrEqual(5);
    expect(await findPersonalData({ prisma, person: { email: anna.email } })).toMatchObject({ tickets: [], conversations: [] });
  });

  it('replaces mentions of the person in others’ records, except on tickets under legal hold', async () => {
    const prisma = database().prisma;
    const email = `clara-${uniqueSuffix()}@amt.example`;
    const name = `Clara Zickel${uniqueSuffix()}`;
    await createRequestTicket(prisma, { requester: { name, email }, text: 'Bitte um Rückruf.' });
    const mentioning = await createRequestTicket(prisma, { subject: `Rückfrage zu ${name}`, text: `Wie mit ${name} (${email}) besprochen, bitte prüfen.`, requester: { email: `dritte-${uniqueSuffix()}@amt.example` } });
    const held = await createRequestTicket(prisma, { text: `Beschwerde über ${name}.`, requester: { email: `vierte-${uniqueSuffix()}@amt.example` } });
    await prisma.ticket.update({ where: { id: held.id }, data: { legalHold: true } });

    expect((await findPersonalData({ prisma, person: { email, name } })).mentionedIn.sort()).toEqual([mentioning.number, held.number].sort());
    const report = await erasePersonalData({ prisma, person: { email, name: name.toUpperCase() } });
    expect(report.tickets).toBe(1);
    expect(report.mentions).toBeGreaterThanOrEqual(2);
    expect(report.held).toEqual([held.number]);
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: mentioning.id }, include: { messages: true } });
    expect(after.subject).toBe(`Rückfrage zu ${anonymisedText}`);
    expect(after.messages[0]!.text).toBe(`Wie mit ${anonymisedText} (${anonymisedText}) besprochen, bitte prüfen.`);
    expect(after.requesterEmail).toMatch(/^dritte-/);
    const kept = await prisma.message.findFirstOrThrow({ where: { ticketId: held.id } });
    expect(kept.text).toBe(`Beschwerde über ${name}.`);
  });

  it('anonymises each expired ticket once while two passes run at the same time', async () => {
    const prisma = database().prisma;
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      const ticket = await createRequestTicket(prisma, { requester: { email: `parallel-${uniqueSuffix()}@amt.example` } });
      await updateTicketStatus({ prisma, ticketNumber: ticket.number, status: 'geschlossen', actor: { type: 'advisor' } });
      ids.push(ticket.id);
    }
    await backdate(prisma, ids, []);
    const before = await prisma.ticket.count({ where: { anonymizedAt: { not: null } } });
    const [first, second] = await Promise.all([applyRetention({ prisma, policy: eightYears, batchSize: 2 }), applyRetention({ prisma, policy: eightYears, batchSize: 2 })]);
    const after = await prisma.ticket.count({ where: { anonymizedAt: { not: null } } });
    expect(first.tickets + second.tickets).toBe(after - before);
    expect(after - before).toBeGreaterThanOrEqual(6);
    expect(await prisma.ticket.count({ where: { requesterEmail: { startsWith: 'parallel-' }, status: 'geschlossen' } })).toBe(0);
  });
});
