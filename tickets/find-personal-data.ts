import type { Prisma, PrismaClient } from '../prisma/client.ts';

/** Who an access or erasure request is about: at least one of these. */
export interface PersonQuery {
  email?: string;
  teamsId?: string;
  /** The name as the person wrote it (matched case-insensitively, whole). */
  name?: string;
}

export interface PersonalDataFound {
  tickets: { id: string; number: string; subject: string; status: string; legalHold: boolean; createdAt: Date; closedAt: Date | null }[];
  /** Messages the person wrote on tickets of others (e.g. a reply in someone else's case). */
  messagesElsewhere: string[];
  conversations: { id: string; channel: string; createdAt: Date; updatedAt: Date }[];
  contacts: string[];
  /** Outbox rows addressed to the person outside their own tickets. */
  outbox: string[];
  /** Numbers of other people's tickets whose subject, messages or bookings mention the address or name. */
  mentionedIn: string[];
}

export function describesPerson({ email, teamsId, name }: PersonQuery): boolean {
  return Boolean(email?.trim() || teamsId?.trim() || name?.trim());
}

/**
 * Everything the database holds about one person, found by address, Teams id or name: their
 * tickets (as requester), messages they wrote elsewhere, their conversations, contact records and
 * notices addressed to them. Anonymised records are not found again.
 */
export async function findPersonalData({ prisma, person }: { prisma: PrismaClient | Prisma.TransactionClient; person: PersonQuery }): Promise<PersonalDataFound> {
  const email = person.email?.trim().toLowerCase() || undefined;
  const teamsId = person.teamsId?.trim() || undefined;
  const name = person.name?.trim() || undefined;
  const contacts = await prisma.contact.findMany({
    where: { OR: [...(email ? [{ email }] : []), ...(teamsId ? [{ teamsAadObjectId: teamsId }] : []), ...(name ? [{ name: { equals: name, mode: 'insensitive' as const } }] : [])] },
    select: { id: true },
  });
  const contactIds = contacts.map((contact) => contact.id);
  const tickets = await prisma.ticket.findMany({
    where: {
      anonymizedAt: null,
      OR: [
        ...(email ? [{ requesterEmail: email }] : []),
        ...(teamsId ? [{ requesterTeamsId: teamsId }] : []),
        ...(name ? [{ requesterName: { equals: name, mode: 'insensitive' as const } }] : []),
        ...(contactIds.length > 0 ? [{ requesterId: { in: contactIds } }] : []),
      ],
    },
    select: { id: true, number: true, subject: true, status: true, legalHold: true, createdAt: true, closedAt: true },
    orderBy: { createdAt: 'asc' },
  });
  const ticketIds = tickets.map((ticket) => ticket.id);
  const messagesElsewhere = email
    ? await prisma.message.findMany({ where: { authorEmail: email, OR: [{ ticketId: null }, { ticketId: { notIn: ticketIds } }] }, select: { id: true } })
    : [];
  const conversations = await prisma.conversation.findMany({
    where: {
      anonymizedAt: null,
      externalKey: { not: 'advisor-channel' },
      OR: [...(email ? [{ verifiedEmail: email }] : []), ...(contactIds.length > 0 ? [{ contactId: { in: contactIds } }] : []), ...(ticketIds.length > 0 ? [{ messages: { some: { ticketId: { in: ticketIds } } } }] : [])],
    },
    select: { id: true, channel: true, createdAt: true, updatedAt: true },
  });
  const outbox = email
    ? await prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "OutboxMessage" WHERE ("ticketId" IS NULL OR NOT ("ticketId" = ANY(${ticketIds}::text[]))) AND lower("target"::text) LIKE ${`%${email}%`}`
    : [];
  const mentionedIn = new Set<string>();
  for (const needle of [email, name].filter((value): value is string => Boolean(value && value.length >= 3))) {
    const rows = await prisma.$queryRaw<{ number: string }[]>`
      SELECT DISTINCT t."number" FROM "Ticket" t
      LEFT JOIN "Message" m ON m."ticketId" = t."id"
      LEFT JOIN "Booking" b ON b."ticketId" = t."id"
      WHERE NOT (t."id" = ANY(${ticketIds}::text[]))
        AND (position(lower(${needle}) in lower(t."subject")) > 0 OR position(lower(${needle}) in lower(coalesce(m."text", ''))) > 0
          OR position(lower(${needle}) in lower(coalesce(m."originalText", ''))) > 0 OR position(lower(${needle}) in lower(array_to_string(coalesce(b."participants", '{}'), ' '))) > 0)`;
    for (const row of rows) mentionedIn.add(row.number);
  }
  return { tickets, messagesElsewhere: messagesElsewhere.map((message) => message.id), conversations, contacts: contactIds, outbox: outbox.map((row) => row.id), mentionedIn: [...mentionedIn].sort() };
}
