import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../prisma/client.ts';
import { importSchoolBoards } from '../../tickets/import-school-boards.ts';
import { importSchools } from '../../tickets/import-schools.ts';
import { createChatApp } from '../helpers/chat-app.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { uniqueSuffix } from '../helpers/factories.ts';

describeOnEachDatabase('whole dialogues through /api/chat', (openDatabase) => {
  let database: Database;
  let chat: Awaited<ReturnType<typeof createChatApp>>;
  let boardName: string;
  let schoolNumber: string;
  beforeAll(async () => {
    database = openDatabase();
    chat = await createChatApp(database);
    boardName = `Amt Testland ${uniqueSuffix()}`;
    schoolNumber = String(80_000_000 + Math.floor(Math.random() * 9_999_999));
    await importSchoolBoards({ prisma: database.prisma, content: `Name;Art;Region\n${boardName};Amt;Vorpommern-Greifswald\n` });
    await importSchools({ prisma: database.prisma, content: `Name;Schulart;Dienststellennummer;Schulträger;ROP-Förderjahr\nGrundschule Am Deich;Grundschule;${schoolNumber};${boardName};2022\n` });
  });

  it('books a consultation in few turns, ending with a booking "angefragt"', async () => {
    const conversation = `booking-${uniqueSuffix()}`;
    const user = { email: `schulamt-${uniqueSuffix()}@example.org`, name: 'Petra Schulz' };
    const first = await chat.say(conversation, user, 'Wir hätten gern einen Beratungstermin.');
    expect(first.intent).toBe('booking');
    expect(first.booking).toBeUndefined();
    expect(first.replies[0]!.text).toContain('Telefon, per Video oder vor Ort');
    const second = await chat.say(conversation, user, `Thema ist unser Medienentwicklungsplan, gern per Video am Dienstag vormittags, für das ${boardName}. Dabei sind die Schulleitung und Herr Krüger.`);
    expect(second.booking).toMatchObject({ status: 'angefragt' });
    expect(second.ticket).toMatchObject({ category: 'beratung', status: 'neu' });
    const booking = await database.prisma.booking.findUniqueOrThrow({ where: { id: second.booking!.id }, include: { ticket: true } });
    expect(booking).toMatchObject({ mode: 'video', topic: 'Medienentwicklungsplan (MEP)', sequence: 0 });
    expect(booking.preferredWindows).toEqual([expect.stringContaining('Dienstag vormittags')]);
    expect(booking.participants).toEqual(expect.arrayContaining(['Herr Krüger', 'Schulleitung']));
    expect(booking.calendarUid).toMatch(/@schulit\.ego-mv$/);
    expect(await database.prisma.outboxMessage.count({ where: { ticketId: booking.ticketId, kind: 'advisor_notification' } })).toBe(2);
  });

  it('books even when the requester cannot say everything, recording what is missing', async () => {
    const conversation = `booking-${uniqueSuffix()}`;
    const user = { email: `kurz-${uniqueSuffix()}@example.org` };
    await chat.say(conversation, user, 'Ich möchte eine Beratung anfragen.');
    await chat.say(conversation, user, 'Telefonisch bitte.');
    const third = await chat.say(conversation, user, 'Weiß ich nicht.');
    expect(third.booking?.status).toBe('angefragt');
    const ticket = await database.prisma.ticket.findUniqueOrThrow({ where: { number: third.ticket!.number } });
    expect(ticket.missingFacts).toEqual(expect.arrayContaining(['topic', 'windows', 'schoolBoard']));
    expect(ticket.missingFacts).not.toContain('mode');
  });

  it('asks for missing facts of a ROP change, then opens a rop_aenderung ticket only the requester can query', async () => {
    const conversation = `rop-${uniqueSuffix()}`;
    const requester = { email: `traeger-${uniqueSuffix()}@example.org` };
    const first = await chat.say(conversation, requester, 'Bitte verschieben Sie unsere Grundschule im Roll-Out-Plan auf 2025.');
    expect(first).toMatchObject({ intent: 'ticket', triage: { category: 'rop_aenderung' } });
    expect(first.ticket).toBeUndefined();
    expect(first.replies[0]!.text).toContain('Dienststellennummer');
    expect(first.replies[0]!.text).toContain('Begründung');
    const second = await chat.say(conversation, requester, `Es ist die Grundschule Am Deich (${schoolNumber}), weil sich der Umbau des Schulgebäudes verzögert.`);
    expect(second.ticket).toMatchObject({ category: 'rop_aenderung', status: 'neu' });
    const ticket = await database.prisma.ticket.findUniqueOrThrow({ where: { number: second.ticket!.number }, include: { school: true, schoolBoard: true } });
    expect(ticket.facts).toMatchObject({ dienststellennummern: [schoolNumber], currentYear: 2022, requestedYear: 2025 });
    expect(ticket.missingFacts).toEqual([]);
    expect(ticket.schoolBoard?.name).toBe(boardName);

    const own = await chat.say(`other-${uniqueSuffix()}`, requester, `Wie ist der Stand bei ${ticket.number}?`);
    expect(own.intent).toBe('status');
    expect(own.replies[0]!.text).toContain(ticket.number);
    expect(own.replies[0]!.text).toContain('neu eingegangen');

    const stranger = await chat.say(`stranger-${uniqueSuffix()}`, { email: `fremd-${uniqueSuffix()}@example.org` }, `Wie ist der Stand bei ${ticket.number}?`);
    const unknown = await chat.say(`stranger-${uniqueSuffix()}`, { email: `fremd-${uniqueSuffix()}@example.org` }, 'Wie ist der Stand bei SIT-2099-99999?');
    expect(stranger.replies[0]!.text).not.toContain('Roll-Out');
    expect(stranger.replies[0]!.text).toBe(unknown.replies[0]!.text);
  });

  it('records what stays missing when the requester cannot supply it', async () => {
    const conversation = `rop-${uniqueSuffix()}`;
    const user = { email: `unsicher-${uniqueSuffix()}@example.org` };
    await chat.say(conversation, user, 'Wir möchten das Förderjahr unserer Regionalen Schule im ROP ändern, von 2023 auf 2024.');
    const second = await chat.say(conversation, user, 'Die Dienststellennummer weiß ich nicht.');
    expect(second.ticket?.category).toBe('rop_aenderung');
    const ticket = await database.prisma.ticket.findUniqueOrThrow({ where: { number: second.ticket!.number } });
    expect(ticket.missingFacts).toEqual(expect.arrayContaining(['dienststellennummern', 'reason']));
    const events = await database.prisma.ticketEvent.findMany({ where: { ticketId: ticket.id, type: 'facts_missing' } });
    expect(events).toHaveLength(1);
  });

  it('answers the question and opens the ticket when one message carries both', async () => {
    const result = await chat.say(`mixed-${uniqueSuffix()}`, { email: `mix-${uniqueSuffix()}@example.org` }, `Welche Unterlagen brauchen wir für den Antrag, und bitte verschieben Sie die Grundschule Am Deich (${schoolNumber}) im ROP von 2022 auf 2025, weil der Glasfaseranschluss fehlt.`);
    expect(result.intent).toBe('ticket');
    expect(result.ticket?.category).toBe('rop_aenderung');
    expect(result.replies).toHaveLength(2);
    expect(result.replies[0]!.citations.length).toBeGreaterThan(0);
    expect(result.replies[0]!.text).toMatch(/Medienbildungskonzept|MBK/);
    expect(result.replies[1]!.text).toContain(result.ticket!.number);
  });

  it('opens a ticket for a fault with priority from its urgency', async () => {
    const result = await chat.say(`sdm-${uniqueSuffix()}`, { email: `sdm-${uniqueSuffix()}@example.org` }, 'Unser SDM-Login ist gesperrt und wir kommen nicht weiter, bitte dringend helfen!');
    expect(result).toMatchObject({ intent: 'ticket', triage: { category: 'sdm', priority: 'dringend' } });
  });

  it('never opens a ticket for an out-of-scope message', async () => {
    const question = `Bitte schicken Sie mir die Hundesteuer-Satzung von Greifswald (${uniqueSuffix()}), wie hoch ist die Hundesteuer?`;
    const result = await chat.say(`oos-${uniqueSuffix()}`, { email: `oos-${uniqueSuffix()}@example.org` }, question);
    expect(result.intent).toBe('out_of_scope');
    expect(result.ticket).toBeUndefined();
    expect(await database.prisma.ticket.count({ where: { requesterEmail: { startsWith: 'oos-' } } })).toBe(0);
    // The refusal is recorded with its text, so the team sees what people ask for.
    expect(await database.prisma.answer.findMany({ where: { question: { contains: 'Hundesteuer-Satzung' }, intent: 'out_of_scope' }, select: { question: true } })).toContainEqual({ question: expect.stringContaining(question.slice(40, 60)) });
  });

  it('cancels an open dialogue on "abbrechen"', async () => {
    const conversation = `cancel-${uniqueSuffix()}`;
    const user = { email: `cancel-${uniqueSuffix()}@example.org` };
    await chat.say(conversation, user, 'Ich möchte einen Termin für eine Beratung.');
    const cancelled = await chat.say(conversation, user, 'abbrechen');
    expect(cancelled.replies[0]!.text).toContain('es wurde nichts angelegt');
    const after = await chat.say(conversation, user, 'Ist WLAN förderfähig?');
    expect(after.intent).toBe('question');
  });
  it('answers a follow-up without a number with the open case and a confirmed time; thanks get a short reply', async () => {
    const conversation = `follow-up-${uniqueSuffix()}`;
    const user = { email: `nachfrage-${uniqueSuffix()}@example.org`, name: 'Olaf Nachfrage' };
    let turn = await chat.say(conversation, user, `Wir möchten eine Beratung zum Medienentwicklungsplan per Video, am besten Dienstag vormittags, für das ${boardName}.`);
    for (const answer of ['Dabei sind die Schulleitung und ich.', 'Das ist alles.']) if (!turn.booking) turn = await chat.say(conversation, user, answer);
    const bookingId = turn.booking!.id;
    const { changeBooking } = await import('../../tickets/change-booking.ts');
    const advisor = await database.prisma.advisor.create({ data: { name: 'Rita Termin', email: `rita-${uniqueSuffix()}@ego-mv.example`, isActive: false } });
    await changeBooking({ prisma: database.prisma, bookingId, change: { action: 'claim', advisorId: advisor.id } });
    await changeBooking({ prisma: database.prisma, bookingId, change: { action: 'confirm', advisorId: advisor.id, startsAt: new Date('2027-01-12T09:00:00+01:00'), endsAt: new Date('2027-01-12T10:00:00+01:00'), mode: 'video' } });

    const asked = await chat.say(conversation, user, 'Haben wir schon einen Termin?');
    expect(asked.intent).toBe('status');
    expect(asked.booking).toBeUndefined();
    expect(asked.replies[0]!.text).toContain('Ihr Beratungstermin ist bestätigt: 12.01.2027, 09:00 Uhr bis 10:00 Uhr');
    const followUp = await chat.say(conversation, user, 'und wie siehts jetzt aus mit unserer anfrage?');
    expect(followUp.intent).toBe('status');
    expect(followUp.replies[0]!.text).toMatch(/^Ihr Anliegen SIT-\d{4}-\d{5}/);
    expect(await database.prisma.booking.count({ where: { ticket: { requesterEmail: user.email } } })).toBe(1);

    const thanks = await chat.say(conversation, user, 'danke, super hilfreich!');
    expect(thanks.replies[0]!.text).toBe('Gern geschehen! Wenn noch etwas offen ist, schreiben Sie mir einfach.');
    // Someone else asking the same learns nothing about it.
    const stranger = await chat.say(`stranger-${uniqueSuffix()}`, { email: `fremd-${uniqueSuffix()}@example.org` }, 'Haben wir schon einen Termin?');
    expect(stranger.replies[0]!.text).toContain('keinen offenen Vorgang');
  });

  it('turns a request phrased as a question into a ticket', async () => {
    const turn = await chat.say(`nachhaken-${uniqueSuffix()}`, { email: `nachhaken-${uniqueSuffix()}@example.org` }, 'Könnt ihr beim LFI mal nachhaken, wir haben seit März nichts von unserem Antrag gehört?');
    expect(turn.intent).toBe('ticket');
    expect(turn.ticket).toBeDefined();
  });
  it('takes a time answer in the middle of a booking as an answer, with the dates it means', async () => {
    const conversation = `mitten-${uniqueSuffix()}`;
    const user = { email: `mitten-${uniqueSuffix()}@example.org` };
    const first = await chat.say(conversation, user, `Wir hätten gern eine Beratung zum Medienentwicklungsplan per Video für das ${boardName}.`);
    expect(first.intent).toBe('booking');
    const answer = await chat.say(conversation, user, 'Am besten Dienstag oder Mittwoch vormittag, ginge das?');
    expect(answer.intent).toBe('booking');
    expect(answer.replies.map((reply) => reply.text).join(' ')).not.toContain('Dabei kann ich leider nicht helfen');
    const booking = answer.booking ?? (await chat.say(conversation, user, 'Nur ich.')).booking;
    const stored = await database.prisma.booking.findUniqueOrThrow({ where: { id: booking!.id } });
    expect(stored.preferredWindows).toEqual([expect.stringMatching(/^Dienstag vormittag \(Di\., \d{2}\.\d{2}\.\d{4}, 08:00–12:00 Uhr\)$/), expect.stringMatching(/^Mittwoch vormittag \(Mi\., /)]);
  });
});
