import { beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '../../prisma/client.ts';
import { listTickets, updateTicketStatus, type TicketSort } from '../../tickets/index.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { createRequestTicket, uniqueSuffix } from '../helpers/factories.ts';

const subjects = ['Mittelabruf beim LFI', 'WLAN in der Turnhalle', 'Medienentwicklungspläne der Grundschulen', 'SDM-Zugang gesperrt', 'Roll-Out-Plan verschieben'];
const priorities = ['niedrig', 'normal', 'hoch', 'dringend'] as const;

/** Every page of one ordering, following the cursors to the end. */
async function allPages(prisma: PrismaClient, schoolBoardId: string, sort: TicketSort, extra: { text?: string; limit?: number } = {}) {
  const seen: { number: string; createdAt: Date; updatedAt: Date; dueAt: Date | null; priority: string }[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await listTickets({ prisma, filter: { schoolBoardId, text: extra.text }, sort, cursor, limit: extra.limit ?? 40 });
    seen.push(...page.tickets);
    pages += 1;
    if (!page.nextCursor) return { seen, pages, total: page.total, counts: page.countsByStatus };
    cursor = page.nextCursor;
  }
}

describeOnEachDatabase('the advisors’ queue at a year’s scale', (database) => {
  let schoolBoardId: string;
  beforeAll(async () => {
    const prisma = database().prisma;
    schoolBoardId = (await prisma.schoolBoard.create({ data: { name: `Amt Queue ${uniqueSuffix()}`, kind: 'amt' } })).id;
    const start = Date.UTC(2026, 0, 5, 8);
    for (let index = 0; index < 250; index += 1) {
      const ticket = await createRequestTicket(prisma, {
        subject: `${subjects[index % subjects.length]} (${index})`,
        text: index % 7 === 0 ? 'Die Kostenschätzung für die interaktiven Tafeln liegt bei.' : 'Bitte um Rückmeldung.',
        schoolBoardId,
        // Many share a creation time: ties must still page without gaps or repeats.
        now: new Date(start + Math.floor(index / 3) * 3_600_000),
      });
      await prisma.ticket.update({ where: { id: ticket.id }, data: { priority: priorities[index % 4], dueAt: index % 5 === 0 ? null : new Date(start + ((index * 37) % 250) * 3_600_000) } });
      if (index % 10 === 0) await updateTicketStatus({ prisma, ticketNumber: ticket.number, status: 'geschlossen', actor: { type: 'advisor' } });
    }
  }, 180_000);

  it.each<TicketSort>(['created', 'activity', 'due', 'priority'])('pages through all 250 tickets by %s, in order, each once', async (sort) => {
    const { seen, pages, total, counts } = await allPages(database().prisma, schoolBoardId, sort);
    expect(total).toBe(250);
    expect(pages).toBe(7);
    expect(new Set(seen.map((ticket) => ticket.number)).size).toBe(250);
    expect(counts).toEqual({ neu: 225, geschlossen: 25 });
    const keys = seen.map((ticket) =>
      sort === 'created' ? -ticket.createdAt.getTime() : sort === 'activity' ? -ticket.updatedAt.getTime() : sort === 'due' ? (ticket.dueAt?.getTime() ?? Number.MAX_SAFE_INTEGER) : -priorities.indexOf(ticket.priority as (typeof priorities)[number]),
    );
    expect(keys).toEqual([...keys].sort((left, right) => left - right));
  });

  it('keeps its place when new tickets arrive between pages', async () => {
    const prisma = database().prisma;
    const first = await listTickets({ prisma, filter: { schoolBoardId }, sort: 'created', limit: 100 });
    const arrived = await createRequestTicket(prisma, { subject: 'Neu eingetroffen', schoolBoardId });
    const rest = await allPages(prisma, schoolBoardId, 'created', { limit: 100 });
    const second = await listTickets({ prisma, filter: { schoolBoardId }, sort: 'created', cursor: first.nextCursor!, limit: 200 });
    const numbers = [...first.tickets, ...second.tickets].map((ticket) => ticket.number);
    expect(new Set(numbers).size).toBe(250);
    expect(numbers).not.toContain(arrived.number);
    expect(rest.total).toBe(251);
    await prisma.ticket.delete({ where: { id: arrived.id } }).catch(async () => {
      await prisma.ticketEvent.deleteMany({ where: { ticketId: arrived.id } });
      await prisma.message.deleteMany({ where: { ticketId: arrived.id } });
      await prisma.ticket.delete({ where: { id: arrived.id } });
    });
  });

  it('searches in German: stems, message text and ticket numbers, best match first', async () => {
    const prisma = database().prisma;
    const plans = await allPages(prisma, schoolBoardId, 'relevance', { text: 'Medienentwicklungsplan' });
    expect(plans.total).toBe(50);
    expect(plans.seen.every((ticket) => /Medienentwicklungspläne/.test((ticket as unknown as { subject: string }).subject))).toBe(true);
    const boards = await listTickets({ prisma, filter: { schoolBoardId, text: 'Kostenschätzungen interaktive' } });
    expect(boards.total).toBe(36);
    const one = (await listTickets({ prisma, filter: { schoolBoardId }, limit: 1 })).tickets[0]!;
    const byNumber = await listTickets({ prisma, filter: { schoolBoardId, text: one.number } });
    expect(byNumber.tickets[0]!.number).toBe(one.number);
  });

  it('lists overdue open tickets and refuses a cursor it did not issue', async () => {
    const prisma = database().prisma;
    const overdue = await listTickets({ prisma, filter: { schoolBoardId, overdue: true }, limit: 100, now: new Date(Date.UTC(2026, 0, 6, 8)) });
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.tickets.every((ticket) => ticket.status !== 'geschlossen' && ticket.dueAt! < new Date(Date.UTC(2026, 0, 6, 8)))).toBe(true);
    await expect(listTickets({ prisma, filter: { schoolBoardId }, cursor: 'kaputt' })).rejects.toMatchObject({ code: 'invalid_input' });
    const page = await listTickets({ prisma, filter: { schoolBoardId }, sort: 'due', limit: 5 });
    await expect(listTickets({ prisma, filter: { schoolBoardId }, sort: 'created', cursor: page.nextCursor! })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
