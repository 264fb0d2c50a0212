import type { Advisor, TicketCategory } from '../prisma/client.ts';
import type { Transaction } from './ticket-number.ts';

export interface AssignmentChoice {
  advisor: Advisor | null;
  reason: string;
  openCounts: Record<string, number>;
}

/**
 * Picks the least-loaded active advisor whose topics include the category and whose regions
 * include the school board's region (empty lists mean "all"). Ties go round robin: to the one
 * who was assigned a ticket longest ago.
 */
export async function chooseAssignee(transaction: Transaction, { category, region }: { category: TicketCategory; region?: string | null }): Promise<AssignmentChoice> {
  const advisors = await transaction.$queryRaw<Advisor[]>`SELECT * FROM "Advisor" WHERE "isActive" ORDER BY "createdAt"`;
  const forTopic = advisors.filter((advisor) => advisor.topics.length === 0 || advisor.topics.includes(category));
  // Advisors bound to regions take tickets of their regions; a ticket of unknown region goes to
  // those without a region restriction first, and only if there are none to the others.
  const inRegion = forTopic.filter((advisor) => (region ? advisor.regions.length === 0 || advisor.regions.includes(region) : advisor.regions.length === 0));
  const eligible = inRegion.length > 0 ? inRegion : region ? [] : forTopic;
  if (eligible.length === 0) return { advisor: null, reason: 'kein passender aktiver Berater', openCounts: {} };
  const ids = eligible.map((advisor) => advisor.id);
  // Open tickets and the latest assignment per advisor in one pass (one round trip per new ticket).
  const loads = await transaction.$queryRaw<{ assigneeId: string; open: number; latest: Date | null }[]>`
    SELECT "assigneeId", (count(*) FILTER (WHERE "status" IN ('neu', 'in_bearbeitung', 'wartet_auf_rueckmeldung')))::int AS "open", max("createdAt") AS "latest"
    FROM "Ticket" WHERE "assigneeId" = ANY(${ids}::text[]) GROUP BY "assigneeId"`;
  const openCounts = Object.fromEntries(ids.map((id) => [id, loads.find((row) => row.assigneeId === id)?.open ?? 0]));
  const lastAssigned = (id: string) => loads.find((row) => row.assigneeId === id)?.latest?.getTime() ?? 0;
  const [advisor] = [...eligible].sort((left, right) => openCounts[left.id]! - openCounts[right.id]! || lastAssigned(left.id) - lastAssigned(right.id));
  return { advisor: advisor ?? null, reason: 'wenigste offene Tickets, bei Gleichstand reihum', openCounts };
}
