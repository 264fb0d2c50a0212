import type { PrismaClient } from '../prisma/client.ts';
import { listSelect } from './list-tickets.ts';

/** A ticket with its messages, events (with the names of the advisors who acted) and bookings. */
export async function getTicketDetail({ prisma, number }: { prisma: PrismaClient; number: string }) {
  const ticket = await prisma.ticket.findUnique({
    where: { number },
    select: {
      ...listSelect,
      id: true,
      facts: true,
      missingFacts: true,
      school: { select: { name: true, dienststellennummer: true } },
      mergedInto: { select: { number: true } },
      mergedTickets: { select: { number: true } },
      messages: { orderBy: { createdAt: 'asc' }, select: { direction: true, channel: true, text: true, isInternalNote: true, authorName: true, createdAt: true } },
      events: { orderBy: { createdAt: 'asc' }, select: { type: true, actorType: true, actorId: true, data: true, createdAt: true } },
      bookings: { select: { id: true, status: true, topic: true, mode: true, preferredWindows: true, startsAt: true, endsAt: true, calendarUid: true, sequence: true } },
    },
  });
  if (!ticket) return null;
  // "Übernommen · Franka Beraterin" rather than "Übernommen · Beraterin/Berater".
  const advisorIds = [...new Set(ticket.events.flatMap((event) => (event.actorType === 'advisor' && event.actorId ? [event.actorId] : [])))];
  const advisors = advisorIds.length > 0 ? await prisma.advisor.findMany({ where: { id: { in: advisorIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(advisors.map((advisor) => [advisor.id, advisor.name]));
  return { ...ticket, events: ticket.events.map((event) => ({ ...event, actorName: event.actorId ? (nameOf.get(event.actorId) ?? null) : null })) };
}
