import type { Advisor, PrismaClient, TicketCategory } from '../prisma/client.ts';
import type { Transaction } from './ticket-number.ts';

export interface AssignmentChoice {
  advisor: Advisor | null;
  reason: string;
  openCounts: Record<string, number>;
}

type AdvisorLoad = Advisor & { boardRegion: string | null; openCount: number; lastAssignedAt: Date | null };

/**
 * Picks the least-loaded active advisor whose topics include the category and whose regions
 * include the school board's region (empty lists mean "all"). Ties go round robin: to the one
 * who was assigned a ticket longest ago.
 */
export async function chooseAssignee(database: PrismaClient | Transaction, { category, schoolBoardId }: { category: TicketCategory; schoolBoardId?: string }): Promise<AssignmentChoice> {
  // One round trip per new ticket: the advisors with their open tickets, their latest assignment
  // (both from indexes, so the cost does not grow with the ticket history) and the board's region.
  const advisors = await database.$queryRaw<AdvisorLoad[]>`
    SELECT a.*,
      (SELECT b."region" FROM "SchoolBoard" b WHERE b."id" = ${schoolBoardId ?? null}) AS "boardRegion",
      (SELECT count(*) FROM "Ticket" t WHERE t."assigneeId" = a."id" AND t."status" IN ('neu', 'in_bearbeitung', 'wartet_auf_rueckmeldung'))::int AS "openCount",
      (SELECT max(t."createdAt") FROM "Ticket" t WHERE t."assigneeId" = a."id") AS "lastAssignedAt"
    FROM "Advisor" a WHERE a."isActive" ORDER BY a."createdAt"`;
  const region = advisors[0]?.boardRegion ?? undefined;
  const forTopic = advisors.filter((advisor) => advisor.topics.length === 0 || advisor.topics.includes(category));
  // Advisors bound to regions take tickets of their regions; a ticket of unknown region goes to
  // those without a region restriction first, and only if there are none to the others.
  const inRegion = forTopic.filter((advisor) => (region ? advisor.regions.length === 0 || advisor.regions.includes(region) : advisor.regions.length === 0));
  const eligible = inRegion.length > 0 ? inRegion : region ? [] : forTopic;
  if (eligible.length === 0) return { advisor: null, reason: 'kein passender aktiver Berater', openCounts: {} };
  const openCounts = Object.fromEntries(eligible.map((advisor) => [advisor.id, advisor.openCount]));
  const lastAssigned = (advisor: AdvisorLoad) => advisor.lastAssignedAt?.getTime() ?? 0;
  const chosen = [...eligible].sort((left, right) => left.openCount - right.openCount || lastAssigned(left) - lastAssigned(right))[0]!;
  const { boardRegion: _region, openCount: _open, lastAssignedAt: _last, ...advisor } = chosen;
  return { advisor, reason: 'wenigste offene Tickets, bei Gleichstand reihum', openCounts };
}
