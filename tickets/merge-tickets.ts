import { AppError } from '../errors.ts';
import type { PrismaClient, Ticket } from '../prisma/client.ts';

export interface MergeTicketsOptions {
  prisma: PrismaClient;
  /** The duplicate that goes away. */
  sourceNumber: string;
  /** The ticket that carries on. */
  targetNumber: string;
  advisorId: string;
  now?: Date;
}

/**
 * Merges a duplicate into the ticket that carries on: the duplicate's messages move over, its
 * bookings too when both tickets have the same requester (else they stay, see below), the
 * duplicate is closed with a pointer to the target, and both carry an audit event. Mail
 * that later quotes the duplicate's number reaches the target (see `findTicketForMail`).
 */
export async function mergeTickets({ prisma, sourceNumber, targetNumber, advisorId, now = new Date() }: MergeTicketsOptions): Promise<Ticket> {
  if (sourceNumber === targetNumber) {
    throw new AppError('invalid_input', 'A ticket cannot be merged into itself', { german: 'Ein Vorgang kann nicht mit sich selbst zusammengeführt werden.' });
  }
  return prisma.$transaction(async (transaction) => {
    const [source, target] = await Promise.all([
      transaction.ticket.findUnique({ where: { number: sourceNumber } }),
      transaction.ticket.findUnique({ where: { number: targetNumber } }),
    ]);
    if (!source) throw new AppError('not_found', `Ticket ${sourceNumber} not found`, { german: `Den Vorgang ${sourceNumber} gibt es nicht.` });
    if (!target) throw new AppError('not_found', `Ticket ${targetNumber} not found`, { german: `Den Zielvorgang ${targetNumber} gibt es nicht.` });
    if (source.mergedIntoId) throw new AppError('conflict', `Ticket ${sourceNumber} is already merged`, { german: `Der Vorgang ${sourceNumber} wurde bereits zusammengeführt.` });
    if (target.mergedIntoId || target.status === 'geschlossen') {
      throw new AppError('conflict', `Target ${targetNumber} is closed`, { german: `Der Zielvorgang ${targetNumber} ist geschlossen; bitte wählen Sie einen offenen Vorgang.` });
    }
    // Being worked on by someone else? Then the merge would take the case away from them. An
    // automatic assignment of a new ticket does not count, as with claiming.
    const { count } = await transaction.ticket.updateMany({
      where: { id: source.id, mergedIntoId: null, OR: [{ assigneeId: null }, { assigneeId: advisorId }, { status: 'neu' }] },
      data: { mergedIntoId: target.id, status: 'geschlossen', closedAt: now },
    });
    if (count === 0) {
      throw new AppError('conflict', `Ticket ${sourceNumber} is held by another advisor`, { german: `Der Vorgang ${sourceNumber} wird von einer Kollegin oder einem Kollegen bearbeitet; bitte stimmen Sie sich ab.` });
    }
    const moved = await transaction.message.updateMany({ where: { ticketId: source.id }, data: { ticketId: target.id } });
    // A booking's invitations go to its ticket's requester: it moves only when both tickets have
    // the same one, otherwise it stays with the duplicate and keeps reaching the right person.
    const isSameRequester = (source.requesterId !== null && source.requesterId === target.requesterId) || (source.requesterEmail !== null && source.requesterEmail.toLowerCase() === target.requesterEmail?.toLowerCase());
    const movedBookings = isSameRequester ? await transaction.booking.updateMany({ where: { ticketId: source.id }, data: { ticketId: target.id } }) : { count: 0 };
    const keptBookings = isSameRequester ? 0 : await transaction.booking.count({ where: { ticketId: source.id, status: { in: ['angefragt', 'uebernommen', 'bestaetigt'] } } });
    const note = `Vorgang ${sourceNumber} („${source.subject}“) wurde mit diesem Vorgang zusammengeführt.${keptBookings > 0 ? ` ${keptBookings === 1 ? 'Sein Beratungstermin bleibt' : `Seine ${keptBookings} Beratungstermine bleiben`} bei ${sourceNumber}, weil dort eine andere Person anfragt; Einladungen gehen weiter an sie.` : ''}`;
    await transaction.message.create({
      data: { ticketId: target.id, direction: 'out', channel: target.channel, isInternalNote: true, authorName: 'System', text: note, createdAt: now },
    });
    await transaction.ticketEvent.createMany({
      data: [
        { ticketId: source.id, type: 'merged_into', actorType: 'advisor', actorId: advisorId, data: { into: targetNumber }, createdAt: now },
        { ticketId: target.id, type: 'merged', actorType: 'advisor', actorId: advisorId, data: { from: sourceNumber, messages: moved.count, bookings: movedBookings.count, bookingsKept: keptBookings }, createdAt: now },
      ],
    });
    if (!target.assigneeId) await transaction.ticket.update({ where: { id: target.id }, data: { assigneeId: advisorId, status: target.status === 'neu' ? 'in_bearbeitung' : target.status } });
    return transaction.ticket.findUniqueOrThrow({ where: { id: target.id } });
  });
}
