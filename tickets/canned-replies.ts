import { AppError } from '../errors.ts';
import type { PrismaClient, TicketCategory } from '../prisma/client.ts';
import { categoryLabels } from '../vocabulary/index.ts';

/** The placeholders a canned reply may use, with what they stand for (shown to advisors). */
export const cannedReplyPlaceholders = [
  { name: 'name', description: 'Name der anfragenden Person' },
  { name: 'ticket', description: 'Vorgangsnummer, z. B. SIT-2026-00042' },
  { name: 'betreff', description: 'Betreff des Vorgangs' },
  { name: 'schultraeger', description: 'Schulträger des Vorgangs' },
  { name: 'schule', description: 'Schule des Vorgangs' },
  { name: 'kategorie', description: 'Kategorie des Vorgangs' },
  { name: 'berater', description: 'Ihr Name' },
] as const;

type PlaceholderName = (typeof cannedReplyPlaceholders)[number]['name'];
const placeholderPattern = /\{\{\s*([a-zäöüß]+)\s*\}\}/gi;

export interface CannedReplyInput {
  title: string;
  body: string;
  category?: TicketCategory | null;
}

function unknownPlaceholders(body: string): string[] {
  const known = new Set<string>(cannedReplyPlaceholders.map((placeholder) => placeholder.name));
  return [...body.matchAll(placeholderPattern)].map((match) => match[1]!.toLowerCase()).filter((name) => !known.has(name));
}

function checkBody(body: string) {
  const unknown = unknownPlaceholders(body);
  if (unknown.length > 0) {
    throw new AppError('invalid_input', `Unknown placeholders: ${unknown.join(', ')}`, {
      german: `Unbekannte Platzhalter: ${unknown.map((name) => `{{${name}}}`).join(', ')}. Erlaubt sind ${cannedReplyPlaceholders.map((placeholder) => `{{${placeholder.name}}}`).join(', ')}.`,
    });
  }
}

function duplicateTitle(title: string): never {
  throw new AppError('conflict', `Canned reply title exists: ${title}`, { german: `Eine Textvorlage „${title}“ gibt es schon.` });
}

export function listCannedReplies({ prisma }: { prisma: PrismaClient }) {
  return prisma.cannedReply.findMany({ orderBy: { title: 'asc' }, select: { id: true, title: true, body: true, category: true, updatedAt: true } });
}

export async function createCannedReply({ prisma, input, advisorId }: { prisma: PrismaClient; input: CannedReplyInput; advisorId: string }) {
  checkBody(input.body);
  try {
    return await prisma.cannedReply.create({ data: { title: input.title, body: input.body, category: input.category ?? null, createdById: advisorId }, select: { id: true, title: true, body: true, category: true, updatedAt: true } });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') duplicateTitle(input.title);
    throw error;
  }
}

export async function updateCannedReply({ prisma, id, input }: { prisma: PrismaClient; id: string; input: Partial<CannedReplyInput> }) {
  if (input.body !== undefined) checkBody(input.body);
  try {
    const { count } = await prisma.cannedReply.updateMany({ where: { id }, data: input });
    if (count === 0) throw new AppError('not_found', `Canned reply ${id} not found`, { german: 'Diese Textvorlage gibt es nicht.' });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') duplicateTitle(input.title ?? '');
    throw error;
  }
  return prisma.cannedReply.findUniqueOrThrow({ where: { id }, select: { id: true, title: true, body: true, category: true, updatedAt: true } });
}

export async function deleteCannedReply({ prisma, id }: { prisma: PrismaClient; id: string }) {
  const { count } = await prisma.cannedReply.deleteMany({ where: { id } });
  if (count === 0) throw new AppError('not_found', `Canned reply ${id} not found`, { german: 'Diese Textvorlage gibt es nicht.' });
}

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
