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
  const advisors = await transaction.advisor.findMany({ where: { isActive: true }, orderBy: { createdAt: 'asc' } });
  const forTopic = advisors.filter((advisor) => advisor.topics.length === 0 || advisor.topics.includes(category));
  // Advisors bound to regions take tickets of their regions; a ticket of unknown region goes to
  // those without a region restriction first, and only if there are none to the others.
  const inRegion = forTopic.filter((advisor) => (region ? advisor.regions.length === 0 || advisor.regions.includes(region) : advisor.regions.length === 0));
  const eligible = inRegion.length > 0 ? inRegion : region ? [] : forTopic;
  if (eligible.length === 0) return { advisor: null, reason: 'kein passender aktiver Berater', openCounts: {} };
  const ids = eligible.map((advisor) => advisor.id);
  const open = await transaction.ticket.groupBy({ by: ['assigneeId'], where: { assigneeId: { in: ids }, status: { in: ['neu', 'in_bearbeitung', 'wartet_auf_rueckmeldung'] } }, _count: true });
  const latest = await transaction.ticket.groupBy({ by: ['assigneeId'], where: { assigneeId: { in: ids } }, _max: { createdAt: true } });
  const openCounts = Object.fromEntries(ids.map((id) => [id, open.find((row) => row.assigneeId === id)?._count ?? 0]));
  const lastAssigned = (id: string) => latest.find((row) => row.assigneeId === id)?._max.createdAt?.getTime() ?? 0;
  const [advisor] = [...eligible].sort((left, right) => openCounts[left.id]! - openCounts[right.id]! || lastAssigned(left.id) - lastAssigned(right.id));
  return { advisor: advisor ?? null, reason: 'wenigste offene Tickets, bei Gleichstand reihum', openCounts };
}
