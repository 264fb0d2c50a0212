import type { BookingStatus, Prisma, PrismaClient, TicketCategory, TicketStatus } from '../prisma/client.ts';
import { hashToken } from './add-advisor.ts';

/** The advisor a bearer token belongs to, if it is valid (not revoked, advisor active). */
export async function findAdvisorByToken({ prisma, token }: { prisma: PrismaClient; token: string }) {
  const stored = await prisma.advisorToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { advisor: true } });
  if (!stored || stored.revokedAt || !stored.advisor.isActive) return null;
  await prisma.advisorToken.update({ where: { id: stored.id }, data: { lastUsedAt: new Date() } });
  return stored.advisor;
}

export interface TicketFilter {
  status?: TicketStatus;
  category?: TicketCategory;
  /** Advisor id, or "none" for unassigned tickets. */
  assignee?: string;
  schoolBoardId?: string;
  text?: string;
}

const listSelect = {
  number: true,
  subject: true,
  category: true,
  priority: true,
  status: true,
  channel: true,
  requesterName: true,
  requesterEmail: true,
  dueAt: true,
  createdAt: true,
  assignee: { select: { id: true, name: true, email: true } },
  schoolBoard: { select: { id: true, name: true } },
} satisfies Prisma.TicketSelect;

/** The advisors' queue: newest first, filtered; text search over number, subject and messages. */
export async function listTickets({ prisma, filter, limit = 100 }: { prisma: PrismaClient; filter: TicketFilter; limit?: number }) {
  // The counts per status answer "how many are in each status under the other filters", so the
  // status filter itself applies to the list only.
  const whereWithoutStatus: Prisma.TicketWhereInput = {
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.assignee ? { assigneeId: filter.assignee === 'none' ? null : filter.assignee } : {}),
    ...(filter.schoolBoardId ? { schoolBoardId: filter.schoolBoardId } : {}),
    ...(filter.text
      ? {
          OR: [
            { number: { contains: filter.text, mode: 'insensitive' } },
            { subject: { contains: filter.text, mode: 'insensitive' } },
            { messages: { some: { text: { contains: filter.text, mode: 'insensitive' } } } },
          ],
        }
      : {}),
  };
  const where: Prisma.TicketWhereInput = { ...whereWithoutStatus, ...(filter.status ? { status: filter.status } : {}) };
  const [tickets, counts] = await Promise.all([
    prisma.ticket.findMany({ where, select: listSelect, orderBy: { createdAt: 'desc' }, take: limit }),
    prisma.ticket.groupBy({ by: ['status'], where: whereWithoutStatus, _count: true }),
  ]);
  return { tickets, countsByStatus: Object.fromEntries(counts.map((row) => [row.status, row._count])) };
}

export async function getTicketDetail({ prisma, number }: { prisma: PrismaClient; number: string }) {
  return prisma.ticket.findUnique({
    where: { number },
    select: {
      ...listSelect,
      id: true,
      facts: true,
      missingFacts: true,
      school: { select: { name: true, dienststellennummer: true } },
      mergedInto: { select: { number: true } },
      mergedTickets: { select: { number: true } },
      messages: { orderBy: { createdAt: 'asc' }, select: { direction: true, channel: true, text: true, isInternalNote: true, authorName: true, createdAt: true } },
      events: { orderBy: { createdAt: 'asc' }, select: { type: true, actorType: true, actorId: true, data: true, createdAt: true } },
      bookings: { select: { id: true, status: true, topic: true, mode: true, preferredWindows: true, startsAt: true, endsAt: true, calendarUid: true, sequence: true } },
    },
  });
}

export async function listBookings({ prisma, status }: { prisma: PrismaClient; status?: BookingStatus }) {
  return prisma.booking.findMany({
    where: status ? { status } : {},
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: { id: true, status: true, topic: true, mode: true, preferredWindows: true, participants: true, startsAt: true, endsAt: true, sequence: true, ticket: { select: { number: true, requesterName: true, requesterEmail: true } }, advisor: { select: { name: true } } },
  });
}

/**
 * Questions the knowledge base could not answer, grouped by the document of the best candidate
 * passage (or "ohne Treffer"), with counts and recent examples: where documents are missing.
 */
export async function listKnowledgeGaps({ prisma, since }: { prisma: PrismaClient; since: Date }) {
  const abstentions = await prisma.answer.findMany({ where: { isAbstention: true, intent: 'question', createdAt: { gte: since } }, orderBy: { createdAt: 'desc' }, take: 2000 });
  const chunkIds = [...new Set(abstentions.flatMap((answer) => answer.chunkIds.slice(0, 1)))];
  const chunks = await prisma.knowledgeChunk.findMany({ where: { id: { in: chunkIds } }, select: { id: true, document: { select: { title: true } } } });
  const titleOf = new Map(chunks.map((chunk) => [chunk.id, chunk.document.title]));
  const groups = new Map<string, { topic: string; count: number; examples: string[] }>();
  for (const answer of abstentions) {
    const topic = titleOf.get(answer.chunkIds[0] ?? '') ?? 'ohne Treffer';
    const group = groups.get(topic) ?? { topic, count: 0, examples: [] };
    group.count += 1;
    if (group.examples.length < 5) group.examples.push(answer.question.slice(0, 300));
    groups.set(topic, group);
  }
  return [...groups.values()].sort((left, right) => right.count - left.count);
}
