import { AppError } from '../errors.ts';
import { ticketStatusLabels, ticketStatusPhrases } from '../vocabulary/index.ts';
import type { ActorType, PrismaClient, Ticket, TicketStatus } from '../prisma/client.ts';
import { enqueueOutbox } from './outbox.ts';

/** Allowed status changes; `geschlossen` is final (a new message reopens by a new ticket). */
export const allowedTransitions: Record<TicketStatus, TicketStatus[]> = {
  neu: ['in_bearbeitung', 'wartet_auf_rueckmeldung', 'geloest', 'geschlossen'],
  in_bearbeitung: ['wartet_auf_rueckmeldung', 'geloest', 'geschlossen'],
  wartet_auf_rueckmeldung: ['in_bearbeitung', 'geloest', 'geschlossen'],
  geloest: ['in_bearbeitung', 'geschlossen'],
  geschlossen: [],
};

export interface UpdateTicketStatusOptions {
  prisma: PrismaClient;
  ticketNumber: string;
  status: TicketStatus;
  actor: { type: ActorType; id?: string };
  now?: Date;
}

/** Changes a ticket's status along the allowed transitions, with an event and a requester notice. */
export async function updateTicketStatus({ prisma, ticketNumber, status, actor, now = new Date() }: UpdateTicketStatusOptions): Promise<Ticket> {
  return prisma.$transaction(async (transaction) => {
    const ticket = await transaction.ticket.findUnique({ where: { number: ticketNumber } });
    if (!ticket) throw new AppError('not_found', `Ticket ${ticketNumber} not found`, { german: `Das Ticket ${ticketNumber} gibt es nicht.` });
    if (ticket.status === status) return ticket;
    if (!allowedTransitions[ticket.status].includes(status)) {
      throw new AppError('conflict', `Transition ${ticket.status} -> ${status} not allowed`, {
        german: `Ein Vorgang mit dem Status „${ticketStatusLabels[ticket.status]}“ kann nicht auf „${ticketStatusLabels[status]}“ gesetzt werden.`,
        details: { from: ticket.status, to: status, allowed: allowedTransitions[ticket.status] },
      });
    }
    const updated = await transaction.ticket.update({
      where: { id: ticket.id },
      data: { status, closedAt: status === 'geschlossen' ? now : null },
    });
    await transaction.ticketEvent.create({ data: { ticketId: ticket.id, type: 'status_changed', actorType: actor.type, actorId: actor.id, data: { from: ticket.status, to: status }, createdAt: now } });
    await enqueueOutbox(transaction, {
      kind: 'requester_notification',
      target: { ticketId: ticket.id },
      payload: { event: 'status_changed', ticketNumber, status, label: ticketStatusPhrases[status] },
      idempotencyKey: `status:${ticket.id}:${status}:${now.getTime()}`,
      ticketId: ticket.id,
    });
    return updated;
  });
}
