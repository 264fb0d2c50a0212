import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { renderFiguresCsv } from '../../advisor/figures-csv.ts';
import { addTicketMessage, computeTeamFigures, createBooking, updateTicketStatus } from '../../tickets/index.ts';
import { businessHoursBetween } from '../../tickets/compute-due-date.ts';
import { triageRequest } from '../../tickets/triage-request.ts';
import type { TicketCategory } from '../../vocabulary/index.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { createRequestTicket, createSchoolBoard } from '../helpers/factories.ts';

// March 2087 (3 March is a Monday, as in the scenario), before summer time: Berlin is UTC+1. The
// PostgreSQL database is shared by the run's test files; none other uses 2087 (create-ticket uses
// March 2031), so the figures see only this scenario.
const berlin = (day: string, hour: number) => new Date(`2087-03-${day}T${String(hour - 1).padStart(2, '0')}:00:00Z`);
const now = berlin('21', 15);
const advisor = { type: 'advisor' as const, name: 'Franka Beraterin' };
// Normal priority: a response target of 16 business hours.
const triage = (category: TicketCategory) => ({ ...triageRequest({ text: 'Bitte um Rückmeldung' }), category, priority: 'normal' as const });

describeOnEachDatabase('team figures (Kennzahlen)', (database) => {
  beforeAll(async () => {
    const prisma = database().prisma;
    const schoolBoard = await createSchoolBoard(prisma);
    // Week 10: answered within the target, then solved; answered after the target.
    const a = await createRequestTicket(prisma, { subject: 'Mittelabruf', triage: triage('foerderantrag'), schoolBoardId: schoolBoard.id, now: berlin('03', 9) });
    await addTicketMessage({ prisma, ticketNumber: a.number, direction: 'out', text: 'Antwort', author: advisor, now: berlin('04', 10) });
    await updateTicketStatus({ prisma, ticketNumber: a.number, status: 'geloest', actor: advisor, now: berlin('06', 10) });
    const b = await createRequestTicket(prisma, { subject: 'WLAN', triage: triage('technik'), schoolBoardId: schoolBoard.id, now: berlin('03', 10) });
    await addTicketMessage({ prisma, ticketNumber: b.number, direction: 'in', text: 'Noch eine Frage', author: { type: 'requester' }, now: berlin('04', 9) });
    await addTicketMessage({ prisma, ticketNumber: b.number, direction: 'out', text: 'Antwort', author: advisor, now: berlin('06', 12) });
    // Week 11: a consultation nobody answered past its target, and a duplicate merged away.
    await createBooking({ prisma, channel: 'api', requester: { name: 'Gesa Amt', email: 'gesa@amt.example' }, topic: 'MEP', preferredWindows: [], participants: [], schoolBoardId: schoolBoard.id, text: 'Beratung bitte', now: berlin('10', 8) });
    const duplicate = await createRequestTicket(prisma, { subject: 'Doppelt', triage: triage('technik'), schoolBoardId: schoolBoard.id, now: berlin('11', 9) });
    await prisma.ticket.update({ where: { id: duplicate.id }, data: { mergedIntoId: a.id } });
    // Week 12: new, its target not reached yet.
    await createRequestTicket(prisma, { subject: 'SDM', triage: triage('sdm'), schoolBoardId: schoolBoard.id, now: berlin('21', 14) });
    // Bookings: 1 March (a Saturday, before the first week) counts for March; February does not.
    await createBooking({ prisma, channel: 'email', requester: { name: 'Ulf Amt', email: 'ulf@amt.example' }, topic: 'ROP', preferredWindows: [], participants: [], text: 'Termin', now: berlin('01', 11) });
    await createBooking({ prisma, channel: 'email', requester: { name: 'Ulf Amt', email: 'ulf@amt.example' }, topic: 'ROP', preferredWindows: [], participants: [], text: 'Termin', now: new Date('2087-02-20T10:00:00Z') });
    const answer = (intent: string, isAbstention: boolean, createdAt: Date) => prisma.answer.create({ data: { question: 'Frage', text: 'Antwort', intent, confidence: 0.5, isAbstention, createdAt } });
    await Promise.all([answer('question', false, berlin('04', 9)), answer('question', false, berlin('05', 9)), answer('question', true, berlin('05', 10)), answer('out_of_scope', true, berlin('18', 9)), answer('status', false, berlin('18', 9))]);
  }, 60_000);

  it('counts tickets per week and category, answers, and times against the response target', async () => {
    const figures = await computeTeamFigures({ prisma: database().prisma, weeks: 3, now });
    expect(figures.from).toBe('2087-03-03');
    expect(figures.to).toBe('2087-03-21');
    expect(figures.weeks.map((week) => [week.week, week.start, week.tickets])).toEqual([
      ['2087-W10', '2087-03-03', 2],
      ['2087-W11', '2087-03-10', 1],
      ['2087-W12', '2087-03-17', 1],
    ]);
    const [first, second, third] = figures.weeks;
    expect(first!.ticketsByCategory).toMatchObject({ foerderantrag: 1, technik: 1, beratung: 0 });
    expect(second!.ticketsByCategory).toMatchObject({ beratung: 1, technik: 0 });
    expect([first!.answered, first!.abstentions, first!.refusals]).toEqual([2, 1, 0]);
    expect([third!.answered, third!.abstentions, third!.refusals]).toEqual([0, 0, 1]);
    // Mon 09:00 → Tue 10:00 is 7 + 2 business hours; Mon 10:00 → Thu 12:00 is 6 + 8 + 8 + 4.
    expect(first!.firstResponse).toEqual({ count: 2, medianHours: 9, p90Hours: 26, withinSla: 1, missedSla: 1 });
    expect(first!.resolution).toEqual({ count: 1, medianHours: 25, p90Hours: 25 });
    expect(second!.firstResponse).toMatchObject({ count: 0, medianHours: null, withinSla: 0, missedSla: 1 });
    expect(third!.firstResponse).toMatchObject({ count: 0, withinSla: 0, missedSla: 0 });
    // The period's figures come from all its tickets, not from the weekly medians.
    expect(figures.period).toEqual({ tickets: 4, answered: 2, abstentions: 1, refusals: 1, firstResponse: { count: 2, medianHours: 9, p90Hours: 26, withinSla: 1, missedSla: 2 }, resolution: { count: 1, medianHours: 25, p90Hours: 25 } });
    expect(figures.months).toEqual([{ month: '2087-03', bookings: 2, bookingsByStatus: { angefragt: 2, uebernommen: 0, bestaetigt: 0, abgesagt: 0, erledigt: 0 } }]);
  });

  it('exports the same numbers as a German spreadsheet table', async () => {
    const figures = await computeTeamFigures({ prisma: database().prisma, weeks: 3, now });
    const csv = renderFiguresCsv(figures);
    expect(csv.startsWith('\uFEFFZeitraum;Beginn;Kennzahl;Wert\r\n')).toBe(true);
    const rows = parse(csv.slice(1), { delimiter: ';', columns: true }) as { Zeitraum: string; Beginn: string; Kennzahl: string; Wert: string }[];
    const value = (period: string, figure: string) => rows.find((row) => row.Zeitraum === period && row.Kennzahl === figure)?.Wert;
    expect(value('2087-W10', 'Vorgänge')).toBe('2');
    expect(value('2087-W10', 'Vorgänge: Förderantrag')).toBe('1');
    expect(value('2087-W10', 'Erste Antwort: Median (Arbeitsstunden)')).toBe('9');
    expect(value('2087-W10', 'Erste Antwort: Frist überschritten')).toBe('1');
    expect(value('2087-W11', 'Erste Antwort: Median (Arbeitsstunden)')).toBe('');
    expect(value('2087-W12', 'Fragen als themenfremd abgelehnt')).toBe('1');
    expect(value('2087-03', 'Beratungstermine')).toBe('2');
    expect(value('2087-03', 'Beratungstermine: Angefragt')).toBe('2');
    expect(rows.every((row) => /^-?\d*(,\d+)?$/.test(row.Wert))).toBe(true);
  });
});

it('counts business hours across nights, weekends and MV holidays', () => {
  // Summer time (UTC+2). Thu 2031-04-03 15:00 → Tue 04-08 09:00: 1 + 8 + 8 + 1.
  expect(businessHoursBetween(new Date('2031-04-03T13:00:00Z'), new Date('2031-04-08T07:00:00Z'))).toBe(18);
  // Good Friday and Easter Monday 2031 (11 and 14 April) are holidays: Thu 15:00 → Tue 09:00 is 1 + 1.
  expect(businessHoursBetween(new Date('2031-04-10T13:00:00Z'), new Date('2031-04-15T07:00:00Z'))).toBe(2);
  expect(businessHoursBetween(new Date('2031-04-22T08:00:00Z'), new Date('2031-04-22T06:00:00Z'))).toBe(0);
});
