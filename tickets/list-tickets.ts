import type { Prisma, PrismaClient, TicketCategory, TicketStatus } from '../prisma/client.ts';

export interface TicketFilter {
  status?: TicketStatus;
  category?: TicketCategory;
  /** Advisor id, or "none" for unassigned tickets. */
  assignee?: string;
  schoolBoardId?: string;
  text?: string;
}

export const listSelect = {
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
