import { AppError } from '../errors.ts';
import type { PrismaClient, Ticket } from '../prisma/client.ts';

/**
 * An advisor takes a case (from a Teams card or the workspace): assigns it, moves a new ticket to
 * "in Bearbeitung" and claims a waiting booking of it. Claiming what someone else already holds
 * is refused, so two advisors pressing at once cannot both own it.
 */
export async function claimTicket({ prisma, ticketNumber, advisorId, now = new Date() }: { prisma: PrismaClient; ticketNumber: string; advisorId: string; now?: Date }): Promise<Ticket> {
  return prisma.$transaction(async (transaction) => {
    const ticket = await transaction.ticket.findUnique({ where: { number: ticketNumber } });
    if (!ticket) throw new AppError('not_found', `Ticket ${ticketNumber} not found`, { german: `Den Vorgang ${ticketNumber} gibt es nicht.` });
    const { count } = await transaction.ticket.updateMany({
      where: { id: ticket.id, OR: [{ assigneeId: null }, { assigneeId: advisorId }, { status: 'neu' }] },
      data: { assigneeId: advisorId, status: ticket.status === 'neu' ? 'in_bearbeitung' : ticket.status },
    });
    if (count === 0) throw new AppError('conflict', `Ticket ${ticketNumber} is held by another advisor`, { german: `Der Vorgang ${ticketNumber} wird bereits von einer Kollegin oder einem Kollegen bearbeitet.` });
    await transaction.booking.updateMany({ where: { ticketId: ticket.id, status: 'angefragt' }, data: { status: 'uebernommen', advisorId } });
    await transaction.ticketEvent.create({ data: { ticketId: ticket.id, type: 'claimed', actorType: 'advisor', actorId: advisorId, data: { from: ticket.assigneeId }, createdAt: now } });
    return transaction.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
  });
}
