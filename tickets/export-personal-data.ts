import type { PrismaClient } from '../prisma/client.ts';
import { storedAttachmentFiles } from './anonymise-personal-data.ts';
import { describesPerson, findPersonalData, type PersonQuery } from './find-personal-data.ts';
import { AppError } from '../errors.ts';

/**
 * Everything stored about one person, for an access request (Art. 15 DSGVO): their tickets with
 * messages (as received, with the original mail text), bookings and events, messages they wrote
 * elsewhere, their conversations with messages and the answers given there, their contact
 * records. `attachments` lists the stored files to add to the export.
 */
export async function exportPersonalData({ prisma, person }: { prisma: PrismaClient; person: PersonQuery }) {
  if (!describesPerson(person)) throw new AppError('invalid_input', 'No person given', { german: 'Bitte geben Sie eine E-Mail-Adresse, eine Teams-Kennung oder einen Namen an.' });
  const found = await findPersonalData({ prisma, person });
  const tickets = await prisma.ticket.findMany({
    where: { id: { in: found.tickets.map((ticket) => ticket.id) } },
    include: { messages: { where: { isInternalNote: false }, orderBy: { createdAt: 'asc' } }, bookings: true, events: { orderBy: { createdAt: 'asc' } }, schoolBoard: { select: { name: true } }, school: { select: { name: true, dienststellennummer: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const messagesElsewhere = await prisma.message.findMany({ where: { id: { in: found.messagesElsewhere } }, orderBy: { createdAt: 'asc' } });
  const conversations = await prisma.conversation.findMany({
    where: { id: { in: found.conversations.map((conversation) => conversation.id) } },
    include: { messages: { where: { ticketId: null }, orderBy: { createdAt: 'asc' } }, answers: { orderBy: { createdAt: 'asc' } } },
  });
  const contacts = await prisma.contact.findMany({ where: { id: { in: found.contacts } } });
  // Each stored file once, under the name it had in the mail (the store names files by their hash).
  const attachments = new Map<string, string>();
  for (const message of [...tickets.flatMap((ticket) => ticket.messages), ...messagesElsewhere, ...conversations.flatMap((conversation) => conversation.messages)]) {
    for (const entry of storedAttachmentFiles(message.attachments)) if (!attachments.has(entry.storedAt)) attachments.set(entry.storedAt, entry.name);
  }
  return { person, tickets, messagesElsewhere, conversations: conversations.map(({ conversationReference: _reference, ...conversation }) => conversation), contacts, attachments: [...attachments].map(([storedAt, name]) => ({ storedAt, name })) };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;
