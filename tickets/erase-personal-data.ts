import type { PrismaClient } from '../prisma/client.ts';
import { addRecords, anonymisedText, anonymiseConversations, anonymiseTickets, redactMentions, storedAttachments, unreferenced, type AnonymisedRecords } from './anonymise-personal-data.ts';
import { describesPerson, findPersonalData, type PersonQuery } from './find-personal-data.ts';
import { AppError } from '../errors.ts';

export interface ErasureReport extends AnonymisedRecords {
  /** Tickets kept because of a legal hold, by number: the person's own and others' that mention them. */
  held: string[];
  /** Rows of other people's records in which the address or name was replaced. */
  mentions: number;
}

/**
 * Erases one person's data on request (Art. 17 DSGVO) in one transaction: their tickets are
 * anonymised like expired ones (figures keep counting them), messages they wrote elsewhere lose
 * text and author, their conversations and contact records go, notices addressed to them are
 * deleted, and where others' records mention the address or the name, the mention is replaced.
 * Tickets under legal hold stay and are listed. Each affected ticket records that an
 * erasure happened, not what was erased. Attachment files are returned for deletion after commit.
 */
export async function erasePersonalData({ prisma, person, advisorId, now = new Date() }: { prisma: PrismaClient; person: PersonQuery; advisorId?: string; now?: Date }): Promise<ErasureReport> {
  if (!describesPerson(person)) throw new AppError('invalid_input', 'No person given', { german: 'Bitte geben Sie eine E-Mail-Adresse, eine Teams-Kennung oder einen Namen an.' });
  return prisma.$transaction(async (transaction) => {
    const found = await findPersonalData({ prisma: transaction, person });
    const held = found.tickets.filter((ticket) => ticket.legalHold);
    const erasable = found.tickets.filter((ticket) => !ticket.legalHold).map((ticket) => ticket.id);
    let records = await anonymiseTickets(transaction, erasable, now);
    records = addRecords(records, await anonymiseConversations(transaction, found.conversations.map((conversation) => conversation.id), now));
    if (found.messagesElsewhere.length > 0) {
      const written = await transaction.message.findMany({ where: { id: { in: found.messagesElsewhere } }, select: { attachments: true } });
      const files = written.flatMap((message) => storedAttachments(message.attachments));
      const { count } = await transaction.message.updateMany({ where: { id: { in: found.messagesElsewhere } }, data: { text: anonymisedText, originalText: null, authorName: null, authorEmail: null, attachments: [] } });
      records.messages += count;
      records.attachmentsToDelete = [...new Set([...records.attachmentsToDelete, ...(await unreferenced(transaction, files))])];
    }
    if (found.outbox.length > 0) records.outbox += (await transaction.outboxMessage.deleteMany({ where: { id: { in: found.outbox } } })).count;
    records.contacts += (await transaction.contact.deleteMany({ where: { id: { in: found.contacts }, tickets: { none: {} }, conversations: { none: {} } } })).count;
    if (erasable.length > 0) {
      await transaction.ticketEvent.createMany({ data: erasable.map((ticketId) => ({ ticketId, type: 'personal_data_erased', actorType: 'advisor' as const, actorId: advisorId, createdAt: now })) });
    }
    // Tickets under legal hold keep everything, mentions included; they are listed with her own.
    const mentions = await redactMentions(transaction, [person.email ?? '', person.name ?? '']);
    const heldMentions = found.mentionedIn.length > 0 ? await transaction.ticket.findMany({ where: { number: { in: found.mentionedIn }, legalHold: true }, select: { number: true } }) : [];
    return { ...records, held: [...held.map((ticket) => ticket.number), ...heldMentions.map((ticket) => ticket.number)], mentions };
  });
}
