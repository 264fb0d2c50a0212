import { AppError } from '../errors.ts';
import type { PrismaClient, TicketCategory, TicketPriority } from '../prisma/client.ts';
import { computeDueDate } from './compute-due-date.ts';

/** An advisor corrects category or priority; a new priority recomputes the due date. Both are audited. */
export async function updateTicketFields({ prisma, ticketNumber, category, priority, advisorId, now = new Date() }: { prisma: PrismaClient; ticketNumber: string; category?: TicketCategory; priority?: TicketPriority; advisorId: string; now?: Date }) {
  return prisma.$transaction(async (transaction) => {
    const ticket = await transaction.ticket.findUnique({ where: { number: ticketNumber } });
    if (!ticket) throw new AppError('not_found', `Ticket ${ticketNumber} not found`, { german: `Den Vorgang ${ticketNumber} gibt es nicht.` });
    const changes = {
      ...(category && category !== ticket.category ? { category } : {}),
      ...(priority && priority !== ticket.priority ? { priority, dueAt: computeDueDate(priority, ticket.createdAt) } : {}),
    };
    if (Object.keys(changes).length === 0) return ticket;
    await transaction.ticketEvent.create({
      data: { ticketId: ticket.id, type: 'fields_changed', actorType: 'advisor', actorId: advisorId, data: { from: { category: ticket.category, priority: ticket.priority }, to: { category: category ?? ticket.category, priority: priority ?? ticket.priority } }, createdAt: now },
    });
    return transaction.ticket.update({ where: { id: ticket.id }, data: changes });
  });
}

/** Assigns a ticket to a named advisor (by id). */
export async function assignTicket({ prisma, ticketNumber, advisorId, actorId, now = new Date() }: { prisma: PrismaClient; ticketNumber: string; advisorId: string; actorId: string; now?: Date }) {
  return prisma.$transaction(async (transaction) => {
    const advisor = await transaction.advisor.findUnique({ where: { id: advisorId } });
    if (!advisor || !advisor.isActive) throw new AppError('invalid_input', `Unknown advisor ${advisorId}`, { german: 'Diese Beraterin bzw. diesen Berater gibt es nicht oder sie/er ist nicht aktiv.' });
    const ticket = await transaction.ticket.findUnique({ where: { number: ticketNumber } });
    if (!ticket) throw new AppError('not_found', `Ticket ${ticketNumber} not found`, { german: `Den Vorgang ${ticketNumber} gibt es nicht.` });
    await transaction.ticketEvent.create({ data: { ticketId: ticket.id, type: 'assigned', actorType: 'advisor', actorId, data: { from: ticket.assigneeId, to: advisorId }, createdAt: now } });
    return transaction.ticket.update({ where: { id: ticket.id }, data: { assigneeId: advisorId } });
  });
}
