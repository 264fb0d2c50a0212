import { AppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { categoryLabels } from '../vocabulary/index.ts';
import { cannedReplyPlaceholders, placeholderPattern } from './canned-reply-rules.ts';

type PlaceholderName = (typeof cannedReplyPlaceholders)[number]['name'];


/**
 * Fills a canned reply for one ticket. Values the ticket lacks stay visible as `{{name}}` and
 * are listed in `missing`, so the advisor sees what to complete before sending.
 */
export async function renderCannedReply({ prisma, id, ticketNumber, advisorName }: { prisma: PrismaClient; id: string; ticketNumber: string; advisorName: string }) {
  const [reply, ticket] = await Promise.all([
    prisma.cannedReply.findUnique({ where: { id } }),
    prisma.ticket.findUnique({ where: { number: ticketNumber }, include: { schoolBoard: true, school: true } }),
  ]);
  if (!reply) throw new AppError('not_found', `Canned reply ${id} not found`, { german: 'Diese Textvorlage gibt es nicht.' });
  if (!ticket) throw new AppError('not_found', `Ticket ${ticketNumber} not found`, { german: `Den Vorgang ${ticketNumber} gibt es nicht.` });
  const values: Record<PlaceholderName, string | undefined> = {
    name: ticket.requesterName ?? undefined,
    ticket: ticket.number,
    betreff: ticket.subject,
    schultraeger: ticket.schoolBoard?.name,
    schule: ticket.school?.name,
    kategorie: categoryLabels[ticket.category],
    berater: advisorName,
  };
  const missing = new Set<string>();
  const text = reply.body.replace(placeholderPattern, (whole, name: string) => {
    const value = values[name.toLowerCase() as PlaceholderName];
    if (value === undefined || value.trim() === '') {
      missing.add(name.toLowerCase());
      return whole;
    }
    return value;
  });
  return { text, missing: [...missing] };
}
