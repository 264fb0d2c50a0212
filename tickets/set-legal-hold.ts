import type { PrismaClient } from '../prisma/client.ts';
import { AppError } from '../errors.ts';

/**
 * Places a ticket under legal hold (kept past its retention and through erasure requests) or lifts
 * the hold; the ticket's history records who did it and the reason given.
 */
export async function setLegalHold({ prisma, ticketNumber, hold, reason, advisorId, now = new Date() }: { prisma: PrismaClient; ticketNumber: string; hold: boolean; reason?: string; advisorId?: string; now?: Date }) {
  return prisma.$transaction(async (transaction) => {
    const ticket = await transaction.ticket.findUnique({ where: { number: ticketNumber }, select: { id: true, number: true, legalHold: true, anonymizedAt: true } });
    if (!ticket) throw new AppError('not_found', `Ticket ${ticketNumber} not found`, { german: `Den Vorgang ${ticketNumber} gibt es nicht.` });
    if (ticket.anonymizedAt && hold) throw new AppError('conflict', 'Ticket already anonymised', { german: `Der Vorgang ${ticketNumber} ist bereits anonymisiert; es gibt nichts mehr aufzubewahren.` });
    if (ticket.legalHold !== hold) {
      await transaction.ticket.update({ where: { id: ticket.id }, data: { legalHold: hold } });
      await transaction.ticketEvent.create({ data: { ticketId: ticket.id, type: hold ? 'legal_hold_set' : 'legal_hold_lifted', actorType: advisorId ? 'advisor' : 'system', actorId: advisorId, data: reason ? { reason } : {}, createdAt: now } });
    }
    return { number: ticket.number, legalHold: hold };
  });
}
